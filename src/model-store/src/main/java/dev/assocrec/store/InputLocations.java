package dev.assocrec.store;

import dev.assocrec.contract.LocalFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Turns an input location into a local file that file-based readers (DuckDB, CSV parsers) can open:
 * a local path is returned as is; an {@code s3://} object is downloaded into a fresh folder under the
 * given temporary directory, keeping its file name so that readers which go by extension still work.
 */
public final class InputLocations {
    private InputLocations() {}

    public static Path localize(String pathOrS3Uri, Path tmpDir) throws IOException {
        if (!S3Uri.isS3(pathOrS3Uri)) {
            return localPath(pathOrS3Uri);
        }
        try (S3Client s3 = S3Clients.create()) {
            return localize(pathOrS3Uri, tmpDir, s3);
        }
    }

    public static Path localize(String pathOrS3Uri, Path tmpDir, S3Client s3) throws IOException {
        if (!S3Uri.isS3(pathOrS3Uri)) {
            return localPath(pathOrS3Uri);
        }
        S3Uri uri = S3Uri.parse(pathOrS3Uri);
        if (uri.key().isEmpty() || uri.key().endsWith("/")) {
            throw new IllegalArgumentException("input '" + pathOrS3Uri + "' names a folder; give the s3:// URI of a file");
        }
        String fileName = uri.key().substring(uri.key().lastIndexOf('/') + 1);
        Files.createDirectories(tmpDir);
        Path dir = Files.createTempDirectory(tmpDir, "s3-input-");
        Path target = dir.resolve(fileName);
        try (InputStream in = s3.getObject(GetObjectRequest.builder().bucket(uri.bucket()).key(uri.key()).build())) {
            Files.copy(in, target);
        } catch (NoSuchKeyException e) {
            LocalFiles.deleteTree(dir);
            throw new NoSuchFileException(pathOrS3Uri, null, "input object not found");
        } catch (SdkException | IOException e) {
            LocalFiles.deleteTree(dir);
            throw new IOException("download of input " + pathOrS3Uri + " failed: " + e.getMessage(), e);
        }
        return target;
    }

    private static Path localPath(String location) throws IOException {
        Path p = Path.of(location);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(location, null, "input file not found");
        }
        return p;
    }
}
