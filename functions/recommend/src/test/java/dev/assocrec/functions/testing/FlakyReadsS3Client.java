package dev.assocrec.functions.testing;

import dev.assocrec.store.DelegatingS3Client;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The real S3 client whose reads of keys containing a marker fail, as a timed-out GET would, as long
 * as faults are armed; every read of such a key is counted, so a test can tell retries from silence.
 */
public final class FlakyReadsS3Client extends DelegatingS3Client {
    private final String keyMarker;
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();

    public FlakyReadsS3Client(S3Client delegate, String keyMarker) {
        super(delegate);
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
}
