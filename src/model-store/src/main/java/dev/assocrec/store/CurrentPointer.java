package dev.assocrec.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.ManifestJson;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/** Content of {@code models/current}: the serving version and when it became current. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CurrentPointer(String version, Instant updatedAt) {
    public CurrentPointer {
        ArtifactLayout.requireValidVersion(version);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public byte[] toJson() {
        try {
            return ManifestJson.MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the current pointer", e);
        }
    }

    public static CurrentPointer fromJson(byte[] json, String source) throws IOException {
        try {
            return ManifestJson.MAPPER.readValue(json, CurrentPointer.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new IOException(source + ": not a valid current-version pointer: " + e.getMessage(), e);
        }
    }
}
