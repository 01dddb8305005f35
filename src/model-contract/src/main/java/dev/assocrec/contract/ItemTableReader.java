package dev.assocrec.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads items.csv (RFC 4180: a header row naming the columns, cells separated by commas, quoted cells with {@code ""}
 * for a quote and line breaks inside) into {@link ItemRecord}s, straight from the bytes. It reads what Jackson's CSV
 * parser reads (the writer, {@link ItemCatalog#write}, is Jackson's; {@code ItemTableReaderTest} compares the two on
 * random tables), at a fraction of its cost on a cold JVM: a function's start-up parses the table under C1 only, where
 * Jackson's token stream took ~0.2 s of CPU at 100k items. Columns are matched by the header's names (trimmed); an
 * empty cell is an absent field (a brand filter must not match ""); every error names the source, line, field and value.
 */
final class ItemTableReader {
    private static final List<String> COLUMNS = List.of("index", "itemId", "category", "brand", "price", "title");
    private static final int INDEX = 0;
    private static final int ITEM_ID = 1;
    private static final int CATEGORY = 2;
    private static final int BRAND = 3;
    private static final int PRICE = 4;
    private static final int TITLE = 5;
    private static final int UNKNOWN = -1;
    /** What ended a cell. */
    private static final int NEXT_CELL = 0;
    private static final int END_OF_ROW = 1;
    private static final int END_OF_FILE = 2;

    private final InputStream in;
    private final String source;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] cell = new byte[256];
    private int cellLength;
    private long line = 1; // the line of the next byte

    private ItemTableReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The rows of the table; the caller owns the stream (it may go on reading it, to finish a checksum). */
    static List<ItemRecord> read(InputStream in, String source) throws IOException {
        return new ItemTableReader(in, source).readAll();
    }

    private List<ItemRecord> readAll() throws IOException {
        skipByteOrderMark();
        if (atEndOfFile()) {
            throw malformed(line, "the header line is missing");
        }
        List<String> names = new ArrayList<>();
        for (int end = NEXT_CELL; end == NEXT_CELL; ) {
            end = readCell();
            names.add(new String(cell, 0, cellLength, StandardCharsets.UTF_8).trim());
        }
        int[] columns = new int[names.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = COLUMNS.indexOf(names.get(i));
        }
        List<ItemRecord> rows = new ArrayList<>();
        String[] values = new String[COLUMNS.size()];
        while (!atEndOfFile()) {
            rows.add(row(columns, names, values));
        }
        return rows;
    }

    private ItemRecord row(int[] columns, List<String> names, String[] values) throws IOException {
        long rowLine = line;
        Arrays.fill(values, null);
        int cells = 0;
        for (int end = NEXT_CELL; end == NEXT_CELL; cells++) {
            end = readCell();
            if (cells == columns.length && end != NEXT_CELL && blankCell()) {
                break; // one blank cell past the last column ends the row, as Jackson's parser allows (a trailing comma)
            }
            if (cells == columns.length) {
                throw malformed(end == END_OF_ROW ? line - 1 : line, "more cells than the header's " + columns.length
                        + " columns");
            }
            if (columns[cells] == UNKNOWN) {
                throw new InvalidArtifactException(where(rowLine) + ": unknown column '" + names.get(cells) + "' (expected "
                        + COLUMNS + ")");
            }
            values[columns[cells]] = cellLength == 0 ? null : new String(cell, 0, cellLength, StandardCharsets.UTF_8);
        }
        int index = parseIndex(rowLine, values[INDEX]);
        String itemId = values[ITEM_ID];
        if (itemId == null || itemId.isBlank()) {
            throw new InvalidArtifactException(where(rowLine) + ", field itemId: item " + index + " has no item id");
        }
        return new ItemRecord(index, itemId, values[CATEGORY], values[BRAND], parsePrice(rowLine, values[PRICE]),
                values[TITLE]);
    }

    /**
     * Reads one cell's bytes into {@code cell} and returns what ended it. An unquoted cell that ends inside the
     * buffer (almost every cell) is scanned and copied in one pass.
     */
    private int readCell() throws IOException {
        cellLength = 0;
        int end = position;
        while (end < limit) {
            byte c = buffer[end];
            if (c == ',' || c == '\n' || c == '\r' || c == '"' && end == position) {
                break;
            }
            end++;
        }
        if (end < limit && buffer[end] != '"') {
            int length = end - position;
            if (length > cell.length) {
                cell = Arrays.copyOf(cell, Math.max(length, cell.length * 2));
            }
            System.arraycopy(buffer, position, cell, 0, length);
            cellLength = length;
            position = end + 1;
            return ended(buffer[end]);
        }
        int b = read();
        if (b != '"') {
            while (b >= 0 && b != ',' && b != '\n' && b != '\r') {
                append(b);
                b = read();
            }
            return ended(b);
        }
        while (true) {
            b = read();
            if (b < 0) {
                throw malformed(line, "a quoted value is not closed");
            }
            if (b == '"') {
                b = read();
                if (b != '"') {
                    break;
                }
            } else if (b == '\n' || b == '\r' && peek() != '\n') {
                line++;
            }
            append(b);
        }
        if (b >= 0 && b != ',' && b != '\n' && b != '\r') {
            throw malformed(line, "'" + (char) b + "' after a closing quote (expected a comma or the end of the line)");
        }
        return ended(b);
    }

    private int ended(int b) throws IOException {
        if (b == ',') {
            return NEXT_CELL;
        }
        if (b < 0) {
            return END_OF_FILE;
        }
        if (b == '\r' && peek() == '\n') {
            position++;
        }
        line++;
        return END_OF_ROW;
    }

    /** Whether the cell read last is empty or whitespace only (as {@link String#trim()} sees it). */
    private boolean blankCell() {
        for (int i = 0; i < cellLength; i++) {
            if ((cell[i] & 0xff) > ' ') {
                return false;
            }
        }
        return true;
    }

    private void append(int b) {
        if (cellLength == cell.length) {
            cell = Arrays.copyOf(cell, cellLength * 2);
        }
        cell[cellLength++] = (byte) b;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xff;
    }

    private boolean atEndOfFile() throws IOException {
        return peek() < 0;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private void skipByteOrderMark() throws IOException {
        if (peek() == 0xEF && limit - position >= 3 && buffer[position + 1] == (byte) 0xBB && buffer[position + 2] == (byte) 0xBF) {
            position += 3;
        }
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

    private IOException malformed(long line, String message) {
        return new InvalidArtifactException(where(line) + ": malformed item table: " + message);
    }

    private String where(long line) {
        return source + ", line " + line;
    }
}
