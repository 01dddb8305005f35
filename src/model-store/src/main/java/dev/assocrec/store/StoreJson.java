package dev.assocrec.store;

import dev.assocrec.contract.ManifestJson;
import java.io.IOException;

/** The store's small JSON records (pointer, pin): written with the manifest's mapper, read with one-line errors. */
final class StoreJson {
    private StoreJson() {}

    static byte[] write(Object record) {
        try {
            return ManifestJson.MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + record, e);
        }
    }

    /** Parses {@code json}; a bad or incomplete object fails naming {@code source} and what it should have been. */
    static <T> T read(byte[] json, Class<T> type, String source, String what) throws IOException {
        try {
            return ManifestJson.MAPPER.readValue(json, type);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new IOException(source + ": not a valid " + what + ": " + e.getMessage(), e);
        }
    }
}
