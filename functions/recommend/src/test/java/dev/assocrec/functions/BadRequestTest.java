package dev.assocrec.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.assocrec.functions.testing.Api;
import dev.assocrec.functions.testing.LocalStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client mistakes answer 4xx with a JSON error that says what is wrong; never 500. */
@QuarkusTest
@WithTestResource(LocalStoreResource.class)
class BadRequestTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "malformed JSON          | recommend | {\"history\": [                              | malformed JSON at line 1",
        "trailing garbage        | recommend | {\"k\": 3} x                                 | malformed JSON",
        "not an object           | recommend | [1, 2]                                      | request body must be a JSON object, was an array",
        "k as string             | recommend | {\"k\": \"5\"}                                | k: expected an integer, got a string",
        "k fractional            | recommend | {\"k\": 2.5}                                 | k: expected an integer",
        "k zero                  | recommend | {\"k\": 0}                                   | k must be between 1 and 100, was 0",
        "k too large             | recommend | {\"k\": 101}                                 | k must be between 1 and 100, was 101",
        "history not a list      | recommend | {\"history\": \"sku-1\"}                      | history: expected an array",
        "history entry no item   | recommend | {\"history\": [{\"event\": \"view\"}]}          | history[0].item is missing",
        "weight as string        | recommend | {\"history\": [{\"item\": \"a\", \"weight\": \"x\"}]} | history[0].weight: expected a number, got a string",
        "negative weight         | recommend | {\"history\": [{\"item\": \"a\", \"weight\": -1}]}  | history[0].weight must be a finite number >= 0, was -1.0",
        "unknown event           | recommend | {\"history\": [{\"item\": \"a\", \"event\": \"like\"}]} | history[0].event: unknown event type 'like'",
        "bad timestamp           | recommend | {\"history\": [{\"item\": \"a\", \"timestamp\": \"yesterday\"}]} | history[0].timestamp: 'yesterday' is neither an ISO-8601 instant",
        "unknown history field   | recommend | {\"history\": [{\"item\": \"a\", \"qty\": 2}]}      | unknown field 'history[0].qty'; allowed here: event, item, timestamp, weight",
        "unknown filter field    | recommend | {\"filters\": {\"colour\": [\"red\"]}}           | unknown field 'filters.colour'; allowed here: brand, category, price",
        "unknown top-level field | recommend | {\"user\": \"u1\"}                             | unknown field 'user'; allowed here: excludeHistory, explain, filters, history, k, pooling",
        "filter category string  | recommend | {\"filters\": {\"category\": \"shoes\"}}          | filters.category: expected an array",
        "price range inverted    | recommend | {\"filters\": {\"price\": {\"min\": 50, \"max\": 10}}} | filters.price.min (50.0) is greater than filters.price.max (10.0)",
        "unknown pooling         | recommend | {\"pooling\": \"max\"}                         | pooling must be one of model, mean, weighted, was 'max'",
        "excludeHistory string   | recommend | {\"excludeHistory\": \"no\"}                   | excludeHistory: expected true or false, got a string",
        "explain too large       | recommend | {\"explain\": 50}                             | explain must be between 0 and 20, was 50",
        "related nothing         | related   | {\"k\": 3}                                   | give exactly one of 'item' (one item id) or 'items'",
        "related both            | related   | {\"item\": \"a\", \"items\": [\"b\"]}             | give exactly one of 'item' (one item id) or 'items'",
        "related empty basket    | related   | {\"items\": []}                              | items is empty",
        "related blank item      | related   | {\"items\": [\"a\", \" \"]}                     | items[1] is missing or blank",
    })
    void clientMistakesAre400WithAMessage(String name, String function, String body, String message) {
        Api.post(function, body).then()
                .statusCode(400)
                .contentType("application/json")
                .body("status", equalTo(400))
                .body("error", containsString(message));
    }

    @Test
    void oversizedHistoryIs400() {
        Api.post("recommend", "{\"history\": " + array(201, i -> "{\"item\": \"sku-" + i + "\"}") + "}").then()
                .statusCode(400).body("error", equalTo("history has 201 entries; at most 200 are allowed"));
    }

    @Test
    void oversizedBasketIs400() {
        Api.post("related", "{\"items\": " + array(51, i -> "\"sku-" + i + "\"") + "}").then()
                .statusCode(400).body("error", equalTo("items has 51 entries; at most 50 are allowed"));
    }

    @Test
    void bodyOverTheSizeLimitIs413() {
        String padding = "x".repeat(70 * 1024);
        Api.post("recommend", "{\"history\": [{\"item\": \"" + padding + "\"}]}").then().statusCode(413)
                .body("error", containsString("request body is larger than the limit"));
    }

    @Test
    void unknownFunctionIs404WithTheFunctionList() {
        Api.post("recommendations", "{}").then().statusCode(404)
                .body("error", containsString("the functions are /recommend, /related and /model"));
    }

    @Test
    void largestValidRequestIsAnswered() {
        String history = array(200, i -> "{\"item\": \"sku-" + i + "\", \"event\": \"cart\"}");
        given().contentType("application/json").body("{\"k\": 100, \"explain\": 20, \"history\": " + history + "}")
                .post("/recommend").then().statusCode(200).body("items.size()", equalTo(100));
    }

    private static String array(int n, IntFunction<String> element) {
        return IntStream.range(0, n).mapToObj(element).collect(Collectors.joining(",", "[", "]"));
    }
}
