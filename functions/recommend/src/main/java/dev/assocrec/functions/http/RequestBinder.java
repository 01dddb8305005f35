package dev.assocrec.functions.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
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
 * Binds request JSON to the request records strictly (unknown fields, wrong types, fractional
 * integers and numbers in strings are errors) and words Jackson's failures for the caller: which
 * field, where in a list, what was expected.
 */
public final class RequestBinder {
    private static final ObjectMapper STRICT = strictMapper();

    private RequestBinder() {}

    public static <T> T bind(JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw new BadRequestException("request body must be a JSON object, was " + kind(body.getNodeType().name()));
        }
        try {
            return STRICT.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(describe(e));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** Why a body is not JSON at all, with line and column (for bodies the HTTP layer could not parse). */
    public static String describeMalformed(String body) {
        try {
            STRICT.readTree(body);
            return "request body could not be read as JSON";
        } catch (JsonProcessingException e) {
            return describe(e);
        }
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof StreamReadException && !(e instanceof MismatchedInputException)) {
            var loc = e.getLocation();
            return "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage();
        }
        if (!(e instanceof JsonMappingException m)) {
            return "invalid request: " + e.getOriginalMessage();
        }
        String field = path(m.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + field + "'; allowed here: " + names(u.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException f) {
            return field + ": expected " + expected(f.getTargetType()) + ", got " + quoted(f.getValue());
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return field + ": expected " + expected(mi.getTargetType()) + found(mi);
        }
        Throwable cause = e.getCause();
        String detail = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage();
        return field.isEmpty() ? "invalid request: " + detail : field + ": " + detail;
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

    private static String found(MismatchedInputException e) {
        if (e.getProcessor() instanceof JsonParser p) {
            JsonToken t = p.currentToken();
            if (t != null) {
                return ", got " + kind(t.name());
            }
        }
        return "";
    }

    private static String kind(String tokenOrNodeType) {
        String t = tokenOrNodeType.toUpperCase();
        if (t.contains("STRING")) return "a string";
        if (t.contains("NUMBER_INT")) return "an integer";
        if (t.contains("NUMBER")) return "a number";
        if (t.contains("TRUE") || t.contains("FALSE") || t.contains("BOOLEAN")) return "a boolean";
        if (t.contains("ARRAY")) return "an array";
        if (t.contains("OBJECT")) return "an object";
        if (t.contains("NULL")) return "null";
        return t.toLowerCase();
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
        return type.getSimpleName();
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
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
        // "k": "5" and "excludeHistory": "yes" are type errors, not values to guess at. Item ids and
        // timestamps stay strings, so numbers are accepted there (numeric SKUs, epoch seconds).
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        return m;
    }
}
