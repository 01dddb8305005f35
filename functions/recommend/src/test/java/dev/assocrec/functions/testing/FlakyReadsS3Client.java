package dev.assocrec.functions.testing;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The real S3 client whose reads of keys containing a marker fail, as a timed-out GET would, as long
 * as faults are armed; every read of such a key is counted, so a test can tell retries from silence.
 */
public final class FlakyReadsS3Client implements S3Client {
    private final S3Client delegate;
    private final String keyMarker;
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();

    public FlakyReadsS3Client(S3Client delegate, String keyMarker) {
        this.delegate = delegate;
        this.keyMarker = keyMarker;
    }

    /** The next {@code n} reads of a marked key fail. */
    public void failNextReads(int n) {
        faultsLeft.set(n);
    }

    /** Reads of marked keys so far, failed or not. */
    public int reads() {
        return reads.get();
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        if (request.key().contains(keyMarker)) {
            reads.incrementAndGet();
            if (faultsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw SdkClientException.create("injected: read timed out on " + request.key());
            }
        }
        return delegate.getObject(request, transformer);
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        return delegate.putObject(request, body);
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        return delegate.deleteObject(request);
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        return delegate.listObjectsV2(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
