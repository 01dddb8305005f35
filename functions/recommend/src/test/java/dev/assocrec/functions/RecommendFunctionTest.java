package dev.assocrec.functions;

import dev.assocrec.functions.testing.PlantedStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The functions through API Gateway v2 events, serving tables with the structure of a trained GCN (PlantedShop), from a local store. */
@QuarkusTest
@WithTestResource(PlantedStoreResource.class)
class RecommendFunctionTest extends FunctionAnswersTestBase {
}
