package dev.assocrec.store;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The real S3 client with one fault on the N-th PutObject: the call fails as a dropped connection
 * would, or the object is stored with one byte flipped, as silent corruption in transit would.
 */
final class FaultInjectingS3Client extends DelegatingS3Client {
    private final int faultyPut;
    private final UploadFault fault;
    private int puts;

    /** @param faultyPut 1-based number of the PutObject call to break */
    FaultInjectingS3Client(S3Client delegate, int faultyPut, UploadFault fault) {
        super(delegate);
        this.faultyPut = faultyPut;
        this.fault = fault;
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        if (++puts != faultyPut) {
            return delegate.putObject(request, body);
        }
        if (fault == UploadFault.FAIL) {
            throw SdkClientException.create("injected: connection reset during upload of " + request.key());
        }
        try (InputStream in = body.contentStreamProvider().newStream()) {
            byte[] bytes = in.readAllBytes();
            bytes[bytes.length / 2] ^= 0x5A;
            return delegate.putObject(request, RequestBody.fromBytes(bytes));
        } catch (IOException e) {
            throw SdkClientException.create("cannot read the upload body", e);
        }
    }
}
