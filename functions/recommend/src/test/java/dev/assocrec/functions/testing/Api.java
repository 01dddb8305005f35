package dev.assocrec.functions.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.functions.api.ModelInfo;
import dev.assocrec.functions.api.RecommendResponse;
import io.restassured.response.Response;

/** REST Assured calls through the Lambda mock event server, answers read back as the API records. */
public final class Api {
    private Api() {}

    public static Response post(String function, Object body) {
        return given().contentType("application/json").body(body instanceof String s ? s : json(body))
                .when().post("/" + function);
    }

    public static RecommendResponse recommend(Object body) {
        return read(post("recommend", body).then().statusCode(200).extract().asString(), RecommendResponse.class);
    }

    public static RecommendResponse related(Object body) {
        return read(post("related", body).then().statusCode(200).extract().asString(), RecommendResponse.class);
    }

    public static ModelInfo model() {
        return read(given().when().get("/model").then().statusCode(200).extract().asString(), ModelInfo.class);
    }

    public static String json(Object value) {
        try {
            return ManifestJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return ManifestJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("cannot read answer as " + type.getSimpleName() + ": " + json, e);
        }
    }
}
