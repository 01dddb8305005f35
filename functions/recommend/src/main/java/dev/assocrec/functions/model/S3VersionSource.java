package dev.assocrec.functions.model;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.store.S3Clients;
import dev.assocrec.store.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * A model store in S3. Versions are downloaded into a local cache directory (ONNX Runtime reads the
 * external-data tables from files), verified there, and only then renamed into place, so a partial
 * download is never mistaken for a version.
 */
final class S3VersionSource implements VersionSource {
    private final S3Client s3;
    private final S3Uri root;
    private final Path cache;

    S3VersionSource(S3Uri root, Path cache) {
        this.s3 = S3Clients.create();
        this.root = root;
        this.cache = cache;
    }

    @Override
    public String currentVersion() throws IOException {
        S3Uri pointer = root.resolve(ArtifactLayout.CURRENT_POINTER);
        try {
            String version = s3.getObjectAsBytes(get(pointer)).asString(StandardCharsets.UTF_8).trim();
            return ArtifactLayout.requireValidVersion(version);
        } catch (SdkException e) {
            throw new IOException("cannot read the current pointer " + pointer + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(pointer + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path fetchVerified(String version) throws IOException {
        Path dir = cache.resolve(ArtifactLayout.requireValidVersion(version));
        if (Files.isDirectory(dir)) {
            VersionVerifier.verify(dir, version);
            return dir;
        }
        Files.createDirectories(cache);
        Path partial = cache.resolve("." + version + ".partial-" + UUID.randomUUID());
        Files.createDirectories(partial);
        try {
            for (String file : ArtifactLayout.VERSION_FILES) {
                S3Uri key = root.resolve(ArtifactLayout.versionKey(version, file));
                try (InputStream in = s3.getObject(get(key))) {
                    Files.copy(in, partial.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                } catch (SdkException e) {
                    throw new IOException("cannot download " + key + ": " + e.getMessage(), e);
                }
            }
            VersionVerifier.verify(partial, version);
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } finally {
            deleteTree(partial);
        }
    }

    private static GetObjectRequest get(S3Uri uri) {
        return GetObjectRequest.builder().bucket(uri.bucket()).key(uri.key()).build();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void close() {
        s3.close();
    }
}
