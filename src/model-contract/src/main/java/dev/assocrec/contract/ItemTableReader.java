package dev.assocrec.contract;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads items.csv from Jackson's CSV token stream into {@link ItemRecord}s. No data binding: on a cold
 * JVM (a function's start-up) binding 100k rows through databind cost ~1.3 s, mostly class loading
 * and interpreted introspection, against a few hundred ms for the tokens. Columns are matched by
 * the header's names; every error names the source, line, field and value.
 */
final class ItemTableReader {
    // The caller owns the stream: it may go on reading it (to finish a checksum) after the last row.
    private static final CsvFactory CSV = CsvFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    private static final List<String> COLUMNS = List.of("index", "itemId", "category", "brand", "price", "title");

    private final String source;
    private CsvParser parser;

    private ItemTableReader(String source) {
        this.source = source;
    }

    static List<ItemRecord> read(InputStream in, String source) throws IOException {
        return new ItemTableReader(source).readAll(in);
    }

    private List<ItemRecord> readAll(InputStream in) throws IOException {
        List<ItemRecord> rows = new ArrayList<>();
        try (CsvParser p = (CsvParser) CSV.createParser(in)) {
            parser = p;
            p.setSchema(CsvSchema.emptySchema().withHeader());
            for (JsonToken t = next(); t != null; t = next()) {
                if (t != JsonToken.START_OBJECT) {
                    throw error("expected a row, found " + t);
                }
                rows.add(row());
            }
        }
        return rows;
    }

    private ItemRecord row() throws IOException {
        long line = -1;
        String index = null;
        String itemId = null;
        String category = null;
        String brand = null;
        String price = null;
        String title = null;
        for (JsonToken t = next(); t != JsonToken.END_OBJECT; t = next()) {
            if (t != JsonToken.FIELD_NAME) {
                throw error("expected a field, found " + t);
            }
            String field = parser.currentName();
            next();
            if (line < 0) {
                line = parser.currentTokenLocation().getLineNr(); // the row's first cell; START_OBJECT sits before its line
            }
            String value = parser.getText();
            if (value != null && value.isEmpty()) {
                value = null; // an empty cell is an absent field: a brand filter must not match ""
            }
            switch (field) {
                case "index" -> index = value;
                case "itemId" -> itemId = value;
                case "category" -> category = value;
                case "brand" -> brand = value;
                case "price" -> price = value;
                case "title" -> title = value;
                default -> throw new InvalidArtifactException(where(line) + ": unknown column '" + field + "' (expected " + COLUMNS + ")");
            }
        }
        if (line < 0) {
            line = parser.currentLocation().getLineNr();
        }
        int i = parseIndex(line, index);
        if (itemId == null || itemId.isBlank()) {
            throw new InvalidArtifactException(where(line) + ", field itemId: item " + i + " has no item id");
        }
        return new ItemRecord(i, itemId, category, brand, parsePrice(line, price), title);
    }

    private int parseIndex(long line, String value) throws IOException {
        if (value == null) {
            throw new InvalidArtifactException(where(line) + ", field index: missing");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArtifactException(where(line) + ", field index: not an integer: '" + value + "'");
        }
    }

    private Double parsePrice(long line, String value) throws IOException {
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArtifactException(where(line) + ", field price: not a number: '" + value + "'");
        }
    }

    private JsonToken next() throws IOException {
        try {
            return parser.nextToken();
        } catch (IOException | RuntimeException e) {
            throw error(e.getMessage());
        }
    }

    private IOException error(String message) {
        return new InvalidArtifactException(where(parser.currentLocation().getLineNr()) + ": malformed item table: " + message);
    }

    private String where(long line) {
        return source + ", line " + line;
    }
}
