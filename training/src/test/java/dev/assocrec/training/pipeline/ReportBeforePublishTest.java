package dev.assocrec.training.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.store.ModelStore;
import dev.assocrec.store.S3MockServer;
import dev.assocrec.store.S3ModelStore;
import dev.assocrec.store.S3Uri;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.QualityGate;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.testdata.PlantedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The report is uploaded before the version is stored: a report upload that fails (here: its bucket
 * does not exist) fails the run with {@code current} and the stored versions as they were, even
 * under {@code --force}.
 */
class ReportBeforePublishTest {
    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();
    private static final Map<String, String> S3_PROPERTIES = Map.of("aws.accessKeyId", "test",
            "aws.secretAccessKey", "test", "aws.region", S3MockServer.REGION);
    private static final TrainingSettings TINY = new TrainingSettings(GraphConfig.defaults().withTopK(10),
            GcnConfig.defaults().toBuilder().dims(8).layers(1).batchSize(128).maxEpochs(1).device("cpu").build(), false);

    @TempDir
    Path dir;

    @BeforeAll
    static void pointAtS3Mock() {
        System.setProperty("ai.djl.offline", "true");
        S3_PROPERTIES.forEach(System::setProperty);
        System.setProperty("assocrec.s3.endpoint", S3.endpoint());
    }

    @AfterAll
    static void clearProperties() {
        S3_PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("assocrec.s3.endpoint");
    }

    @Test
    void aFailedReportUploadLeavesCurrentAndTheStoreUnchanged() throws Exception {
        Dataset data = PlantedData.sequences(150, 6, 10, 8, 5);
        S3Uri root = S3Uri.parse("s3://release-models/prod");
        try (S3Client s3 = S3.newClient(); ModelStore store = new S3ModelStore(s3, root, false)) {
            S3.createBucket(s3, "release-models");
            StringWriter log = new StringWriter();
            TrainingPipeline pipeline = new TrainingPipeline(new StepLog(new PrintWriter(log)), false);
            PublishedRun first = pipeline.trainAndPublish("planted", data, TINY, publication(store, "v1",
                    root.resolve("reports/v1/"), false));
            assertTrue(first.decision().movesCurrent(), log.toString());
            assertEquals(List.of("s3://release-models/prod/reports/v1/curve.svg",
                    "s3://release-models/prod/reports/v1/report.json", "s3://release-models/prod/reports/v1/report.md"),
                    first.reportCopies());

            StringWriter second = new StringWriter();
            IOException e = assertThrows(IOException.class, () -> new TrainingPipeline(
                    new StepLog(new PrintWriter(second)), false).trainAndPublish("planted", data, TINY,
                    publication(store, "v2", S3Uri.parse("s3://no-such-report-bucket/reports/v2/"), true)));
            assertTrue(e.getMessage().startsWith("uploading the report from "), e.getMessage());
            assertTrue(second.toString().contains("assocrec: FAILED report-upload"), second.toString());
            assertFalse(second.toString().contains("STEP export"), "nothing is exported after a failed upload");
            assertEquals("v1", store.currentVersion().orElseThrow());
            assertEquals(List.of("v1"), store.listVersions());
        }
    }

    private Publication publication(ModelStore store, String version, S3Uri reportCopy, boolean force) {
        return new Publication(store, version, dir.resolve(version), reportCopy, new QualityGate(0.02), force);
    }
}
