package dev.assocrec.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assocrec.functions.testing.Api;
import dev.assocrec.functions.testing.LocalStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Client mistakes answer 4xx with one JSON line that names the field, what it must be and what it was,
 * in our own words (never the JSON parser's); wrong methods 405 with Allow, non-JSON bodies 415. Sent as
 * raw HTTP (exact methods, headers and bodies) to the Lambda mock event server, as API Gateway would.
 */
@QuarkusTest
@WithTestResource(LocalStoreResource.class)
class BadRequestTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PARSER_INTERNALS = List.of("Source:", "StreamRead", "com.fasterxml", "at [",
            "byte offset", "jackson", "Exception");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // Bodies that are not JSON: where it breaks, in our words.
        "unclosed array          | recommend | {\"history\": [                       | malformed JSON at line 1, column 14: the body ends before the JSON value is complete",
        "trailing word           | recommend | {\"k\": 3} x                          | malformed JSON at line 1, column 10: unexpected 'x'",
        "second value            | recommend | {\"k\": 3} {}                         | malformed JSON at line 1, column 10: more content after the end of the JSON value",
        "unquoted name           | recommend | {k: 3}                               | malformed JSON at line 1, column 2: unexpected 'k'",
        "single quotes           | related   | {'item': 'a'}                        | malformed JSON at line 1, column 2: unexpected '''",
        "second line             | recommend | `{\n  \"k\": 3,\n}`                    | malformed JSON at line 3, column 1: unexpected '}'",
        "not an object           | recommend | [1, 2]                               | request body must be a JSON object, was an array",
        "a number                | related   | 5                                    | request body must be a JSON object, was the number 5",
        // Numbers are JSON numbers, strings JSON strings (README "Types").
        "k as string             | recommend | {\"k\": \"5\"}                         | k must be an integer, was the string \"5\"",
        "k fractional            | recommend | {\"k\": 2.5}                          | k must be an integer, was the number 2.5",
        "k beyond int            | recommend | {\"k\": 99999999999}                  | k must be an integer, was the number 99999999999 (too large)",
        "k beyond long           | related   | {\"item\": \"a\", \"k\": 99999999999999999999999} | k must be an integer, was the number 99999999999999999999999 (too large)",
        "k long string           | recommend | {\"k\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"} | k must be an integer, was the string \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\"",
        "item as number          | recommend | {\"history\": [{\"item\": 10419}]}       | history[0].item must be a string, was the number 10419",
        "event as number         | recommend | {\"history\": [{\"item\": \"a\", \"event\": 1}]} | history[0].event must be a string, was the number 1",
        "related item number     | related   | {\"item\": 10419}                     | item must be a string, was the number 10419",
        "basket item number      | related   | {\"items\": [\"a\", 7]}                 | items[1] must be a string, was the number 7",
        "category as number      | recommend | {\"filters\": {\"category\": [3]}}       | filters.category[0] must be a string, was the number 3",
        "price as string         | related   | {\"item\": \"a\", \"filters\": {\"price\": {\"min\": \"10\"}}} | filters.price.min must be a number, was the string \"10\"",
        "history not a list      | recommend | {\"history\": \"sku-1\"}                | history must be an array, was the string \"sku-1\"",
        "history entry a string  | recommend | {\"history\": [\"sku-1\"]}              | history[0] must be an object, was the string \"sku-1\"",
        "weight as string        | recommend | {\"history\": [{\"item\": \"a\", \"weight\": \"x\"}]} | history[0].weight must be a number, was the string \"x\"",
        "excludeHistory string   | recommend | {\"excludeHistory\": \"no\"}             | excludeHistory must be true or false, was the string \"no\"",
        "excludeHistory number   | recommend | {\"excludeHistory\": 1}                | excludeHistory must be true or false, was the number 1",
        "timestamp word          | recommend | {\"history\": [{\"item\": \"a\", \"timestamp\": \"yesterday\"}]} | history[0].timestamp must be an ISO-8601 instant (2026-11-28T10:15:30Z) or epoch seconds as a JSON number, was the string \"yesterday\"",
        "timestamp digits string | recommend | {\"history\": [{\"item\": \"a\", \"timestamp\": \"1795867200\"}]} | history[0].timestamp must be an ISO-8601 instant (2026-11-28T10:15:30Z) or epoch seconds as a JSON number, was the string \"1795867200\"",
        "timestamp boolean       | recommend | {\"history\": [{\"item\": \"a\", \"timestamp\": true}]} | history[0].timestamp must be an ISO-8601 instant string or epoch seconds as a JSON number, was true",
        // Values of the right type out of range, and unknown names.
        "k zero                  | recommend | {\"k\": 0}                            | k must be between 1 and 100, was 0",
        "k too large             | recommend | {\"k\": 101}                          | k must be between 1 and 100, was 101",
        "history entry no item   | recommend | {\"history\": [{\"event\": \"view\"}]}    | history[0].item is missing or blank: expected an item id",
        "negative weight         | recommend | {\"history\": [{\"item\": \"a\", \"weight\": -1}]} | history[0].weight must be a finite number >= 0, was -1.0",
        "unknown event           | recommend | {\"history\": [{\"item\": \"a\", \"event\": \"like\"}]} | history[0].event: unknown event type 'like' (expected view, cart or purchase)",
        "unknown history field   | recommend | {\"history\": [{\"item\": \"a\", \"qty\": 2}]} | unknown field 'history[0].qty'; allowed here: event, item, timestamp, weight",
        "unknown filter field    | recommend | {\"filters\": {\"colour\": [\"red\"]}}    | unknown field 'filters.colour'; allowed here: brand, category, price",
        "unknown top-level field | recommend | {\"user\": \"u1\"}                      | unknown field 'user'; allowed here: excludeHistory, explain, filters, history, k, pooling",
        "price range inverted    | recommend | {\"filters\": {\"price\": {\"min\": 50, \"max\": 10}}} | filters.price.min (50.0) is greater than filters.price.max (10.0)",
        "unknown pooling         | recommend | {\"pooling\": \"max\"}                  | pooling must be one of model, mean, weighted, attention, was 'max'",
        "attention, no parameters | recommend | {\"pooling\": \"attention\"}          | pooling 'attention' needs a model trained with attention pooling; this one pools weighted (use model, mean or weighted)",
        "explain too large       | recommend | {\"explain\": 50}                      | explain must be between 0 and 20, was 50",
        "related nothing         | related   | {\"k\": 3}                            | give exactly one of 'item' (one item id) or 'items' (a basket of item ids)",
        "related both            | related   | {\"item\": \"a\", \"items\": [\"b\"]}      | give exactly one of 'item' (one item id) or 'items' (a basket of item ids)",
        "related empty basket    | related   | {\"items\": []}                       | items is empty: give at least one item id",
        "related blank item      | related   | {\"items\": [\"a\", \" \"]}              | items[1] is missing or blank: expected an item id",
    })
    void clientMistakesAre400WithOurOwnMessage(String name, String function, String body, String message) throws Exception {
        assertAnswer(send("POST", "/" + function, "application/json", body), 400, message);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /recommend | POST",
        "PUT    | /recommend | POST",
        "PATCH  | /recommend | POST",
        "DELETE | /recommend | POST",
        "GET    | /related   | POST",
        "PUT    | /related   | POST",
        "DELETE | /related   | POST",
        "PUT    | /model     | GET, POST",
        "PATCH  | /model     | GET, POST",
        "DELETE | /model     | GET, POST",
    })
    void wrongMethodsAre405WithAllow(String method, String path, String allow) throws Exception {
        HttpResponse<String> answer = send(method, path, null, null);
        assertAnswer(answer, 405, "method " + method + " is not allowed on " + path + "; use " + allow);
        // The mock event server splits header values at commas into separate lines (API Gateway does not).
        assertEquals(allow, answer.headers().allValues("Allow").stream().map(String::trim).collect(Collectors.joining(", ")));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = '|', value = {
        "/recommend | text/plain",
        "/recommend | application/x-www-form-urlencoded",
        "/related   | text/plain; charset=utf-8",
        "/related   | multipart/form-data; boundary=x",
    })
    void bodiesThatAreNotJsonAre415(String path, String contentType) throws Exception {
        assertAnswer(send("POST", path, contentType, "{\"item\": \"a\"}"), 415,
                "Content-Type " + contentType + " is not accepted on " + path + "; send the body as application/json");
    }

    @ParameterizedTest(name = "Content-Type {0}")
    @CsvSource(delimiter = '|', value = {"application/json; charset=utf-8", "Application/JSON", "''"})
    void jsonWithParametersOrWithoutContentTypeIsRead(String contentType) throws Exception {
        HttpResponse<String> answer = send("POST", "/related", contentType.isEmpty() ? null : contentType,
                "{\"item\": \"sku-3\", \"k\": 2}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(2, JSON.readTree(answer.body()).get("items").size());
    }

    @ParameterizedTest(name = "POST /model with {0}")
    @CsvSource(delimiter = '|', value = {
        "no body        | ",
        "empty object   | {}",
        "null           | null",
        "array          | [1, 2]",
        "not JSON       | model please",
    })
    void postModelAcceptsAnyBody(String name, String body) throws Exception {
        HttpResponse<String> answer = send("POST", "/model", body == null ? null : "application/json", body);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("v1", JSON.readTree(answer.body()).get("version").asText());
        assertEquals(200, send("GET", "/model", null, null).statusCode());
    }

    @Test
    void timestampsOutsideTheirRangeAreRefusedNamingTheRange() throws Exception {
        for (String ts : List.of("1e30", "-5", "946684799", "\"1999-12-31T23:59:59Z\"", "\"2999-01-01T00:00:00Z\"")) {
            String message = error(send("POST", "/recommend", "application/json",
                    "{\"history\": [{\"item\": \"a\", \"timestamp\": " + ts + "}]}"), 400);
            assertTrue(message.startsWith("history[0].timestamp must lie between 2000-01-01T00:00:00Z and a day from now ("),
                    ts + ": " + message);
            assertFalse(message.contains("milliseconds"), message);
        }
        String millis = error(send("POST", "/recommend", "application/json",
                "{\"history\": [{\"item\": \"a\", \"timestamp\": 1795867200000}]}"), 400);
        assertTrue(millis.endsWith("was 1795867200000 (epoch milliseconds? give seconds)"), millis);
        long now = Instant.now().getEpochSecond();
        for (String ts : List.of("946684800", Long.toString(now), "\"2026-11-28T10:15:30Z\"")) {
            assertEquals(200, send("POST", "/recommend", "application/json",
                    "{\"history\": [{\"item\": \"a\", \"timestamp\": " + ts + "}]}").statusCode(), ts);
        }
    }

    @Test
    void jsonBeyondTheReadersLimitsIsNamedWithTheLimit() throws Exception {
        String deep = "{\"history\": " + "[".repeat(1001) + "]".repeat(1001) + "}";
        assertAnswer(send("POST", "/recommend", "application/json", deep), 400,
                "request body is nested deeper than 1000 levels");
        String longNumber = "{\"k\": " + "1".repeat(1001) + "}";
        assertAnswer(send("POST", "/recommend", "application/json", longNumber), 400,
                "request body holds a number longer than 1000 characters");
    }

    @Test
    void oversizedHistoryIs400() throws Exception {
        assertAnswer(send("POST", "/recommend", "application/json",
                "{\"history\": " + array(201, i -> "{\"item\": \"sku-" + i + "\"}") + "}"), 400,
                "history has 201 entries; at most 200 are allowed");
    }

    @Test
    void oversizedBasketIs400() throws Exception {
        assertAnswer(send("POST", "/related", "application/json", "{\"items\": " + array(51, i -> "\"sku-" + i + "\"") + "}"),
                400, "items has 51 entries; at most 50 are allowed");
    }

    @Test
    void bodyOverTheSizeLimitIs413() {
        String padding = "x".repeat(70 * 1024);
        Api.post("recommend", "{\"history\": [{\"item\": \"" + padding + "\"}]}").then().statusCode(413)
                .body("error", equalTo("request body is larger than the limit of 64K bytes"));
    }

    @Test
    void unknownFunctionIs404WithTheFunctionList() throws Exception {
        assertAnswer(send("POST", "/recommendations", "application/json", "{}"), 404,
                "no function at /recommendations; the functions are /recommend, /related and /model");
    }

    @Test
    void largestValidRequestIsAnswered() {
        String history = array(200, i -> "{\"item\": \"sku-" + i + "\", \"event\": \"cart\"}");
        given().contentType("application/json").body("{\"k\": 100, \"explain\": 20, \"history\": " + history + "}")
                .post("/recommend").then().statusCode(200).body("items.size()", equalTo(100));
    }

    /** The status, the exact one-line message, and nothing of the parser's own wording. */
    private static void assertAnswer(HttpResponse<String> answer, int status, String message) throws IOException {
        assertEquals(message, error(answer, status));
    }

    private static String error(HttpResponse<String> answer, int status) throws IOException {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(null));
        for (String internal : PARSER_INTERNALS) {
            assertFalse(answer.body().contains(internal), "parser internals in " + answer.body());
        }
        JsonNode json = JSON.readTree(answer.body());
        assertEquals(status, json.get("status").asInt());
        String message = json.get("error").asText();
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    /** Exactly this method, Content-Type (none if null) and body, to the mock event server. */
    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String array(int n, IntFunction<String> element) {
        return IntStream.range(0, n).mapToObj(element).collect(Collectors.joining(",", "[", "]"));
    }
}
