package dev.assocrec.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.assocrec.contract.ArtifactLayout;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * Content of {@code models/pin}: a manual rollback chose {@code version} as current, so automatic
 * training runs store their versions without moving the pointer until someone unpins.
 *
 * @param by who pinned and how, e.g. {@code rollback by alice}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StorePin(String version, Instant pinnedAt, String by) {
    public StorePin {
        ArtifactLayout.requireValidVersion(version);
        Objects.requireNonNull(pinnedAt, "pinnedAt");
        Objects.requireNonNull(by, "by");
    }

    public byte[] toJson() {
        return StoreJson.write(this);
    }

    public static StorePin fromJson(byte[] json, String source) throws IOException {
        return StoreJson.read(json, StorePin.class, source, "pin");
    }
}
