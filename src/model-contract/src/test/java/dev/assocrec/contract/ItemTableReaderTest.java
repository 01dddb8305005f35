package dev.assocrec.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The item table reader reads what Jackson's CSV parser reads: the tables {@link ItemCatalog#write} (Jackson's writer)
 * writes, and hand-made ones with quotes, separators and line breaks in cells, CRLF or CR line ends, missing trailing
 * cells, a byte order mark, and buffer-sized cells; where Jackson refuses a table, so does the reader, at the same line.
 */
class ItemTableReaderTest {
    private static final String[] PIECES = {"a", "sku-7", "Ünïcødé 日本", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "x,y",
            "12", "-3.5", "1e3", "", "é"};

    @Test
    void tablesTheWriterWritesReadBackAsWritten() throws IOException {
        Random random = new Random(17);
        for (int round = 0; round < 200; round++) {
            List<ItemRecord> rows = new ArrayList<>();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                rows.add(new ItemRecord(i, "id-" + i + text(random), maybe(random), maybe(random),
                        random.nextBoolean() ? null : random.nextInt(100_000) / 100.0, maybe(random)));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ItemCatalog(rows).write(out);
            List<ItemRecord> read = ItemTableReader.read(new ByteArrayInputStream(out.toByteArray()), "items.csv");
            assertEquals(jackson(out.toByteArray()), read);
            // The reader keeps what the writer wrote, except that an empty cell is an absent field.
            for (int i = 0; i < n; i++) {
                ItemRecord w = rows.get(i);
                assertEquals(new ItemRecord(i, w.itemId(), blankToNull(w.category()), blankToNull(w.brand()), w.price(),
                        blankToNull(w.title())), read.get(i));
            }
        }
    }

    @Test
    void handMadeTablesReadAsJacksonReadsThem() throws IOException {
        Random random = new Random(42);
        int refused = 0;
        for (int round = 0; round < 3_000; round++) {
            String lineEnd = switch (random.nextInt(3)) {
                case 0 -> "\n";
                case 1 -> "\r\n";
                default -> "\r";
            };
            StringBuilder csv = new StringBuilder(random.nextInt(10) == 0 ? "\uFEFF" : "");
            csv.append(random.nextBoolean() ? "index,itemId,title" : "itemId, index ,\"title\",category").append(lineEnd);
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                int cells = random.nextInt(20) == 0 ? random.nextInt(6) : 3;
                List<String> row = new ArrayList<>(List.of(String.valueOf(i), "id" + i, text(random), text(random), "z"));
                if (csv.indexOf("itemId, index") >= 0) {
                    row.set(0, "id" + i);
                    row.set(1, String.valueOf(i));
                }
                for (int c = 0; c < cells; c++) {
                    csv.append(c == 0 ? "" : ",").append(cell(random, row.get(c)));
                }
                if (i < n - 1 || random.nextBoolean()) {
                    csv.append(lineEnd);
                }
            }
            if (random.nextInt(20) == 0) {
                csv.append(lineEnd); // a blank last line: a row without an index, refused by both
            }
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            String expected = outcome(() -> jackson(bytes));
            assertEquals(expected, outcome(() -> ItemTableReader.read(new ByteArrayInputStream(bytes), "items.csv")),
                    csv.toString());
            refused += expected.startsWith("refused") ? 1 : 0;
        }
        assertEquals(true, refused > 100 && refused < 2_900, "both accepted and refused tables were compared: " + refused);
    }

    @Test
    void cellsLongerThanTheReadBufferAreReadWhole() throws IOException {
        String title = "t".repeat(200_000);
        String quoted = "q,\"\n".repeat(50_000);
        byte[] bytes = ("index,itemId,title,category\n0,a," + title + ",\"" + quoted.replace("\"", "\"\"") + "\"\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new ItemRecord(0, "a", quoted, null, null, title)),
                ItemTableReader.read(new ByteArrayInputStream(bytes), "items.csv"));
    }

    private interface Read {
        List<ItemRecord> run() throws IOException;
    }

    /** The rows, or "refused at line N" (the wording of the two parsers' own messages differs). */
    private static String outcome(Read read) {
        try {
            return read.run().toString();
        } catch (IOException | RuntimeException e) {
            return "refused: " + e.getMessage().replaceFirst("(?s)^(items.csv, line \\d+).*", "$1");
        }
    }

    private static String cell(Random random, String value) {
        boolean mustQuote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        if (mustQuote || random.nextInt(4) == 0) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String text(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private static String maybe(Random random) {
        return random.nextInt(3) == 0 ? null : text(random);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The oracle: Jackson's CSV token stream, columns by header name, empty cells absent (the reader before this one). */
    private static List<ItemRecord> jackson(byte[] bytes) throws IOException {
        CsvFactory factory = CsvFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
        List<ItemRecord> rows = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes); CsvParser p = (CsvParser) factory.createParser(in)) {
            p.setSchema(CsvSchema.emptySchema().withHeader());
            for (JsonToken t = next(p); t != null; t = next(p)) {
                String[] v = new String[6];
                long line = -1;
                for (t = next(p); t != JsonToken.END_OBJECT; t = next(p)) {
                    String field = p.currentName();
                    next(p);
                    if (line < 0) {
                        line = p.currentTokenLocation().getLineNr();
                    }
                    String value = p.getText().isEmpty() ? null : p.getText();
                    int column = List.of("index", "itemId", "category", "brand", "price", "title").indexOf(field);
                    if (column < 0) {
                        throw new IOException("items.csv, line " + line + ": unknown column");
                    }
                    v[column] = value;
                }
                line = line < 0 ? p.currentLocation().getLineNr() : line;
                if (v[0] == null || v[1] == null || v[1].isBlank()) {
                    throw new IOException("items.csv, line " + line + ": no index or item id");
                }
                int index;
                try {
                    index = Integer.parseInt(v[0].trim());
                } catch (NumberFormatException e) {
                    throw new IOException("items.csv, line " + line + ": index");
                }
                rows.add(new ItemRecord(index, v[1], v[2], v[3], v[4] == null ? null : Double.valueOf(v[4].trim()), v[5]));
            }
        }
        return rows;
    }

    private static JsonToken next(CsvParser p) throws IOException {
        try {
            return p.nextToken();
        } catch (IOException | RuntimeException e) {
            throw new IOException("items.csv, line " + p.currentLocation().getLineNr() + ": " + e.getMessage());
        }
    }
}
