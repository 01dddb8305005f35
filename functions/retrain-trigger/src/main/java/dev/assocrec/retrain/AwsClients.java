package dev.assocrec.retrain;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * One client per AWS service and function instance, created once so that SnapStart snapshots them.
 * Region and credentials come from the SDK's default chains (the Lambda environment in AWS).
 */
public class AwsClients {

    @Produces
    @Singleton
    BatchClient batch(RetrainConfig config) {
        return configured(BatchClient.builder(), config.endpoints().batch()).build();
    }

    @Produces
    @Singleton
    SfnClient stepFunctions(RetrainConfig config) {
        return configured(SfnClient.builder(), config.endpoints().stepFunctions()).build();
    }

    @Produces
    @Singleton
    SchedulerClient scheduler(RetrainConfig config) {
        return configured(SchedulerClient.builder(), config.endpoints().scheduler()).build();
    }

    @Produces
    @Singleton
    S3Client s3(RetrainConfig config) {
        Optional<URI> endpoint = config.endpoints().s3();
        // A local S3 stand-in has no per-bucket host names.
        return configured(S3Client.builder(), endpoint).forcePathStyle(endpoint.isPresent()).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(
            B builder, Optional<URI> endpoint) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    void close(@Disposes BatchClient client) {
        client.close();
    }

    void close(@Disposes SfnClient client) {
        client.close();
    }

    void close(@Disposes SchedulerClient client) {
        client.close();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }
}
