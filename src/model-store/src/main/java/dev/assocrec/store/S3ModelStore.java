package dev.assocrec.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A model store under {@code s3://bucket/prefix}. Each file is one PutObject (S3 replaces objects
 * atomically, so the pointer needs nothing more); uploads are verified by reading them back. Single
 * PutObject caps a file at 5 GB, far above the tables a Lambda-served model can hold.
 */
public class S3ModelStore extends AbstractModelStore {
    private final S3Client s3;
    private final S3Uri root;
    private final boolean ownsClient;

    /**
     * @param ownsClient close the client with the store (true when the store created it)
     */
    public S3ModelStore(S3Client s3, S3Uri root, boolean ownsClient) {
        this.s3 = s3;
        this.root = root;
        this.ownsClient = ownsClient;
    }

    @Override
    public String location() {
        return "s3://" + root.bucket() + "/" + root.prefix();
    }

    @Override
    protected void put(String key, Path source) throws IOException {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(root.bucket()).key(objectKey(key)).build(),
                    RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw new IOException("upload of " + source + " to " + describe(key) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void putAtomically(String key, byte[] content) throws IOException {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(root.bucket()).key(objectKey(key))
                            .contentType("application/json").build(),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new IOException("writing " + describe(key) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected Optional<InputStream> get(String key) throws IOException {
        try {
            return Optional.of(s3.getObject(GetObjectRequest.builder().bucket(root.bucket()).key(objectKey(key)).build()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("reading " + describe(key) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void delete(String key) throws IOException {
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(root.bucket()).key(objectKey(key)).build());
        } catch (SdkException e) {
            throw new IOException("deleting " + describe(key) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected List<String> keysUnder(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        String fullPrefix = objectKey(prefix);
        String token = null;
        try {
            do {
                ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder()
                        .bucket(root.bucket()).prefix(fullPrefix).continuationToken(token).build());
                for (S3Object o : page.contents()) {
                    keys.add(o.key().substring(root.prefix().length()));
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw new IOException("listing " + describe(prefix) + " failed: " + e.getMessage(), e);
        }
        return keys;
    }

    @Override
    protected String describe(String key) {
        return "s3://" + root.bucket() + "/" + objectKey(key);
    }

    private String objectKey(String key) {
        return root.prefix() + key;
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }
}
