package dev.assocrec.store;

import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one place S3 clients are built. The URL-connection HTTP client keeps the dependency tree (and
 * the native image) small. An endpoint override (S3-compatible servers, tests) switches to
 * path-style addressing.
 *
 * <p>Endpoint: system property {@code assocrec.s3.endpoint}, else {@code AWS_ENDPOINT_URL_S3}, else
 * {@code AWS_ENDPOINT_URL}, else AWS. Region: the SDK's default chain, falling back to us-east-1.
 */
public final class S3Clients {
    private S3Clients() {}

    public static S3Client create() {
        return create(configuredEndpoint());
    }

    public static S3Client create(String endpointOrNull) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(region());
        if (endpointOrNull != null && !endpointOrNull.isBlank()) {
            builder.endpointOverride(URI.create(endpointOrNull)).forcePathStyle(true);
        }
        return builder.build();
    }

    static String configuredEndpoint() {
        String p = System.getProperty("assocrec.s3.endpoint");
        if (p != null && !p.isBlank()) {
            return p;
        }
        String e = System.getenv("AWS_ENDPOINT_URL_S3");
        return e != null && !e.isBlank() ? e : System.getenv("AWS_ENDPOINT_URL");
    }

    private static Region region() {
        String r = System.getProperty("aws.region");
        if (r == null || r.isBlank()) {
            r = System.getenv("AWS_REGION");
        }
        if (r == null || r.isBlank()) {
            r = System.getenv("AWS_DEFAULT_REGION");
        }
        return Region.of(r == null || r.isBlank() ? "us-east-1" : r);
    }
}
