package dev.assocrec.retrain;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.BatchClientBuilder;

/**
 * One Batch client per function instance, created once so that SnapStart snapshots it. Region and
 * credentials come from the SDK's default chains (the Lambda environment in AWS).
 */
public class BatchClientProducer {

    @Produces
    @Singleton
    BatchClient batchClient(RetrainConfig config) {
        BatchClientBuilder builder = BatchClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        config.batchEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes BatchClient client) {
        client.close();
    }
}
