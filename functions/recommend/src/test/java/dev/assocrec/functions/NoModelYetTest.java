package dev.assocrec.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import dev.assocrec.functions.testing.EmptyStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * With nothing published, every function answers 503 with our JSON error and a Retry-After that points
 * at the next pointer check (the store's check interval is 10 minutes here).
 */
@QuarkusTest
@WithTestResource(EmptyStoreResource.class)
class NoModelYetTest {

    @Test
    void recommendIs503WithRetryAfter() {
        assertNoModel(given().contentType("application/json").body("{\"k\": 3}").post("/recommend"));
    }

    @Test
    void relatedIs503WithRetryAfter() {
        assertNoModel(given().contentType("application/json").body("{\"item\": \"a\"}").post("/related"));
    }

    @Test
    void modelIs503WithRetryAfter() {
        assertNoModel(given().get("/model"));
    }

    private static void assertNoModel(Response answer) {
        answer.then().statusCode(503).contentType("application/json")
                .header("Retry-After", s -> Integer.parseInt(s), allOf(greaterThan(500), lessThanOrEqualTo(600)))
                .body("status", equalTo(503))
                .body("error", startsWith("no model is being served: nothing has been published to "));
    }
}
