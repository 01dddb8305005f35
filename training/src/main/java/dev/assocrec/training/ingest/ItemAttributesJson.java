package dev.assocrec.training.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code {"item": [attr, ...], ...}} (the S3-Rec {@code *_item2attributes.json}); attribute
 * values may be numbers or strings. Streams the file so a wrong value is reported with its line.
 */
final class ItemAttributesJson {
    private ItemAttributesJson() {}

    static Map<String, List<String>> read(Path path) throws BadInputException, IOException {
        String file = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(file + ": no such file (item attributes)");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(path.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail(file, p, null, "expected a JSON object {\"item\": [attribute, ...]}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String item = p.currentName();
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    throw fail(file, p, item, "expected an array of attributes for item '" + item + "'");
                }
                List<String> attrs = new ArrayList<>();
                for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
                    if (!t.isScalarValue() || t == JsonToken.VALUE_NULL) {
                        throw fail(file, p, item, "attributes must be numbers or strings");
                    }
                    attrs.add(p.getText());
                }
                if (out.put(item, attrs) != null) {
                    throw fail(file, p, item, "item '" + item + "' is listed twice");
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadInputException(file + (at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    private static BadInputException fail(String file, JsonParser p, String item, String problem) {
        JsonLocation at = p.currentTokenLocation();
        return BadInputException.at(file, "line " + at.getLineNr(), at.getColumnNr()
                + (item == null ? "" : " (item " + item + ")"), safeText(p), problem);
    }

    private static String safeText(JsonParser p) {
        try {
            return p.getText();
        } catch (IOException e) {
            return null;
        }
    }
}
