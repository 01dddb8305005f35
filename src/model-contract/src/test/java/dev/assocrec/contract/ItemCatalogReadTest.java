package dev.assocrec.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** items.csv as serving reads it: columns by header name, empty cells absent, errors naming line, field and value. */
class ItemCatalogReadTest {

    private static ItemCatalog read(String csv) throws IOException {
        return ItemCatalog.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "items.csv");
    }

    private static String failure(String csv) {
        return assertThrows(IOException.class, () -> read(csv)).getMessage();
    }

    @Test
    void columnsAreMatchedByHeaderNameAndEmptyCellsAreAbsent() throws IOException {
        ItemCatalog c = read("""
                itemId,index,price,brand,category,title
                a,0,2.5,,shoes,"Quoted, with ""quotes"" and a
                line break"
                b,1,,acme,,
                """);
        assertEquals(List.of(new ItemRecord(0, "a", "shoes", null, 2.5, "Quoted, with \"quotes\" and a\nline break"),
                new ItemRecord(1, "b", null, "acme", null, null)), c.items());
        assertNull(c.get(1).price());
    }

    @Test
    void badValuesAreNamedWithLineAndField() {
        assertEquals("items.csv, line 3, field price: not a number: 'cheap'",
                failure("index,itemId,price\n0,a,1.0\n1,b,cheap\n"));
        assertEquals("items.csv, line 2, field index: not an integer: 'x'", failure("index,itemId\nx,a\n"));
        assertEquals("items.csv, line 3, field itemId: item 1 has no item id", failure("index,itemId\n0,a\n1,\n"));
        assertEquals("items.csv, line 2, field index: missing", failure("itemId\na\n"));
        assertEquals("items.csv, line 2: unknown column 'colour' (expected [index, itemId, category, brand, price, title])",
                failure("index,itemId,colour\n0,a,red\n"));
    }

    @Test
    void rowsOutOfOrderOrDuplicatedAreRefused() {
        assertEquals("items.csv: item table row 1 has index 2 (item b)", failure("index,itemId\n0,a\n2,b\n"));
        assertEquals("items.csv: item id 'a' appears twice in the item table", failure("index,itemId\n0,a\n1,a\n"));
    }

    @Test
    void hashingWhileReadingCoversTheWholeStream() throws IOException {
        byte[] bytes = "index,itemId\n0,a\n1,b\n".getBytes(StandardCharsets.UTF_8);
        Checksums.Hashing in = new Checksums.Hashing(new ByteArrayInputStream(bytes));
        assertEquals(2, ItemCatalog.read(in, "items.csv").size());
        assertEquals(Checksums.of(new ByteArrayInputStream(bytes)), in.entry());
    }

    @Test
    void byteByByteReadsAreChecksummedLikeBlockReads() throws IOException {
        byte[] bytes = "index,itemId\n0,a\n1,b\n".getBytes(StandardCharsets.UTF_8);
        Checksums.Hashing in = new Checksums.Hashing(new ByteArrayInputStream(bytes));
        for (int i = 0; i < 5; i++) {
            assertEquals(bytes[i], (byte) in.read());
        }
        assertEquals(Checksums.of(new ByteArrayInputStream(bytes)), in.entry());
    }
}
