package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.Filters;
import dev.assocrec.functions.api.ModelInfo;
import dev.assocrec.functions.api.RecommendRequest;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.testing.Api;
import dev.assocrec.functions.testing.Oracle;
import dev.assocrec.functions.testing.S3StoreResource;
import dev.assocrec.functions.testing.TestModels;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The same functions serving a model fetched over HTTP from an S3-compatible server. */
@QuarkusTest
@WithTestResource(S3StoreResource.class)
class S3ModelTest {

    @ConfigProperty(name = "assocrec.model.cache-directory")
    String cache;

    @Test
    void servesTheVersionPublishedToS3() {
        ModelInfo info = Api.model();
        assertEquals("v1", info.version());
        assertEquals("s3://" + S3StoreResource.BUCKET + "/" + S3StoreResource.PREFIX, info.source());
        // Downloaded, verified and kept in the cache directory (ONNX Runtime reads the tables from there).
        assertEquals(true, Files.isRegularFile(Path.of(cache, "v1", ArtifactLayout.MODEL_ONNX)));

        // Read at run time: only this test's resource provides it.
        String uploadedFrom = ConfigProvider.getConfig().getValue("test.store.local", String.class);
        Oracle oracle = new Oracle(TestModels.Tables.read(TestModels.versionDir(Path.of(uploadedFrom), "v1")));
        Random r = new Random(4);
        for (int q = 0; q < 5; q++) {
            List<HistoryItem> history = FunctionAnswersTestBase.randomHistory(r, 3 + r.nextInt(15));
            Filters filters = q % 2 == 0 ? null : new Filters(List.of("shoes", "coats", "jeans"), null, null);
            RecommendResponse got = Api.recommend(new RecommendRequest(history, 10, null, null, filters, 0));
            oracle.assertSame(oracle.topK(oracle.pool(history, PoolingConfig.defaultWeighted()), 10, true,
                    i -> filters == null || i % 10 == 0 || i % 10 == 5 || i % 10 == 9), got, "query " + q);
        }
    }
}
