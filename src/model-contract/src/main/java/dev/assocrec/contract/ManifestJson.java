package dev.assocrec.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes manifests; refuses ones written by a newer, incompatible format. */
public final class ManifestJson {
    private ManifestJson() {}

    /** Shared mapper configuration for every JSON file of the artifact. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public static byte[] toBytes(Manifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    public static void write(Manifest manifest, Path file) throws IOException {
        Files.write(file, toBytes(manifest));
    }

    public static Manifest read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static Manifest read(InputStream in, String source) throws IOException {
        Manifest m;
        try {
            m = MAPPER.readValue(in, Manifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // A record's own check (e.g. pooling.attention) says which field and value; Jackson's wrapper adds lines.
            String why = e.getCause() instanceof IllegalArgumentException invalid ? invalid.getMessage() : e.getMessage();
            throw new InvalidArtifactException(source + ": not a valid model manifest: " + why, e);
        } catch (IOException e) {
            throw new IOException(source + ": cannot read the manifest: " + e.getMessage(), e);
        }
        if (m.formatVersion() > Manifest.FORMAT_VERSION) {
            throw new InvalidArtifactException(source + ": manifest format " + m.formatVersion()
                    + " is newer than this reader understands (" + Manifest.FORMAT_VERSION + ")");
        }
        return m;
    }
}
