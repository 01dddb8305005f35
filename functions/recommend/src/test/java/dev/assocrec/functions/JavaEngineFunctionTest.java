package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assocrec.functions.model.ModelHolder;
import dev.assocrec.functions.model.ModelManager;
import dev.assocrec.functions.scoring.ScoringSettings;
import dev.assocrec.functions.testing.LocalStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@link FunctionAnswersTestBase} case through the Lambda mock event server with
 * {@code assocrec.scoring.engine=java}: the blocked Java scan ranks the catalogue and no ONNX session
 * is opened, and the answers still equal the brute-force oracle. The model is the seeded one
 * ({@link LocalStoreResource}); RecommendFunctionTest serves the planted one.
 */
@QuarkusTest
@TestProfile(JavaEngineFunctionTest.JavaEngine.class)
@WithTestResource(LocalStoreResource.class)
class JavaEngineFunctionTest extends FunctionAnswersTestBase {

    public static class JavaEngine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("assocrec.scoring.engine", "java");
        }
    }

    @Inject
    ModelManager models;

    @Test
    void theServingModelIsScoredByTheJavaScan() {
        try (ModelHolder.Lease lease = models.lease()) {
            assertEquals(ScoringSettings.Engine.JAVA, lease.model().engine());
        }
    }
}
