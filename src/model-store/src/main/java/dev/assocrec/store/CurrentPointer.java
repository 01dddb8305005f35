package dev.assocrec.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.assocrec.contract.ArtifactLayout;
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
        return StoreJson.write(this);
    }

    public static CurrentPointer fromJson(byte[] json, String source) throws IOException {
        return StoreJson.read(json, CurrentPointer.class, source, "current-version pointer");
    }
}
