package dev.assocrec.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Opens the store a location names: {@code s3://bucket/prefix}, a {@code file:} URI, or a plain path. */
public final class ModelStores {
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    private ModelStores() {}

    public static ModelStore open(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("model store location is empty: give a directory or s3://bucket/prefix");
        }
        if (S3Uri.isS3(location)) {
            return new S3ModelStore(S3Clients.create(), S3Uri.parse(location), true);
        }
        if (location.startsWith("file:")) {
            return new LocalModelStore(Path.of(URI.create(location)));
        }
        if (URI_SCHEME.matcher(location).matches()) {
            throw new IllegalArgumentException("unsupported model store location '" + location
                    + "': use a directory path, a file: URI or s3://bucket/prefix");
        }
        return new LocalModelStore(Path.of(location));
    }
}
