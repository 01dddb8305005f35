package dev.assocrec.functions;

import dev.assocrec.functions.testing.TrainedStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The functions through API Gateway v2 events, serving a GCN trained by the training module, from a local store. */
@QuarkusTest
@WithTestResource(TrainedStoreResource.class)
class RecommendFunctionTest extends FunctionAnswersTestBase {
}
