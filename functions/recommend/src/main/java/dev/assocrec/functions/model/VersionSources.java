package dev.assocrec.functions.model;

import dev.assocrec.store.S3Uri;
import java.nio.file.Path;

/** Picks the store implementation from the one location setting. */
public final class VersionSources {
    private VersionSources() {}

    public static VersionSource open(String location, Path cacheDirectory) {
        if (S3Uri.isS3(location)) {
            return new S3VersionSource(S3Uri.parse(location), cacheDirectory);
        }
        return new LocalVersionSource(Path.of(location));
    }
}
