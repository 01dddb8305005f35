package dev.assocrec.functions.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.assocrec.functions.BadRequestException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds request JSON to the request records strictly and words every failure in our own terms: the
 * field path, what it must be and what it was (never Jackson's messages, which name its internals).
 * The type rule: strings are strings and numbers are numbers. Item ids, events and pooling must be
 * JSON strings, k, explain, weight and prices JSON numbers, flags true or false; a timestamp is either
 * an ISO-8601 string or epoch seconds as a JSON number (checked by the validator).
 */
public final class RequestBinder {
    private static final ObjectMapper STRICT = strictMapper();

    private RequestBinder() {}

    public static <T> T bind(JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw new BadRequestException("request body must be a JSON object, was " + describe(body));
        }
        try {
            return STRICT.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(describeBinding(e, body));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid request: " + e.getMessage());
        }
    }

    /** Why a body the HTTP layer could not parse is not JSON, with line and column when known. */
    public static String describeMalformed(String body) {
        try {
            STRICT.readTree(body);
            return "request body could not be read as JSON";
        } catch (StreamConstraintsException e) {
            return "request body " + exceededLimit(e);
        } catch (JsonProcessingException e) {
            return "malformed JSON" + where(e.getLocation()) + ": " + reason(e, body);
        }
    }

    private static String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String reason(JsonProcessingException e, String body) {
        if (e instanceof JsonEOFException) {
            return "the body ends before the JSON value is complete";
        }
        if (e instanceof MismatchedInputException) { // FAIL_ON_TRAILING_TOKENS: a second value after the first
            return "more content after the end of the JSON value";
        }
        long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        if (offset < 0 || offset >= body.length()) {
            return "not valid JSON";
        }
        // The location is where the bad token starts: name it whole (a word or number) or as one character.
        int start = (int) offset;
        int end = start + 1;
        while (end < body.length() && isWordChar(body.charAt(start)) && isWordChar(body.charAt(end))) {
            end++;
        }
        return "unexpected '" + BadRequestException.echo(body.substring(start, end)) + "'";
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '+';
    }

    private static String exceededLimit(StreamConstraintsException e) {
        StreamReadConstraints limits = StreamReadConstraints.defaults();
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Document nesting depth")) {
            return "is nested deeper than " + limits.getMaxNestingDepth() + " levels";
        }
        if (m.startsWith("Number value length")) {
            return "holds a number longer than " + limits.getMaxNumberLength() + " characters";
        }
        if (m.startsWith("String value length")) {
            return "holds a string longer than " + limits.getMaxStringLength() + " characters";
        }
        return "exceeds a limit of the JSON reader";
    }

    static String describeBinding(JsonProcessingException e, JsonNode body) {
        if (!(e instanceof JsonMappingException m)) {
            return "invalid request";
        }
        String field = path(m.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + field + "'; allowed here: " + names(u.getKnownPropertyIds());
        }
        JsonNode given = locate(body, m.getPath());
        String was = given == null ? "" : ", was " + describe(given);
        if (m.getCause() instanceof InputCoercionException) {
            return field + " must be an integer" + was + " (too large)";
        }
        Class<?> target = e instanceof MismatchedInputException mi ? mi.getTargetType() : null;
        if (target != null) {
            return field + " must be " + expected(target) + was;
        }
        return (field.isEmpty() ? "request" : field) + " is not valid" + was;
    }

    /** The node the failure's path points at, or null. */
    private static JsonNode locate(JsonNode body, List<JsonMappingException.Reference> refs) {
        JsonNode node = body;
        for (JsonMappingException.Reference r : refs) {
            if (node == null) {
                return null;
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : r.getIndex() >= 0 ? node.get(r.getIndex()) : node;
        }
        return node;
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** A JSON value as a user would name it: the number 10419, the string "5", an array, true. */
    static String describe(JsonNode n) {
        if (n.isTextual()) {
            return "the string \"" + BadRequestException.echo(n.textValue()) + "\"";
        }
        if (n.isNumber()) {
            return "the number " + BadRequestException.echo(n.asText());
        }
        if (n.isBoolean() || n.isNull()) {
            return n.asText();
        }
        return n.isArray() ? "an array" : "an object";
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String names(Collection<Object> ids) {
        TreeSet<String> sorted = new TreeSet<>();
        ids.forEach(id -> sorted.add(String.valueOf(id)));
        return String.join(", ", sorted);
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        // No guessing between strings and numbers in either direction ("k": "5", "item": 10419), and
        // flags are true or false, not "yes" or 1.
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return m;
    }
}
