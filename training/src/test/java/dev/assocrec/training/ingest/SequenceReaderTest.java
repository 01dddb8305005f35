package dev.assocrec.training.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceReaderTest {
    @TempDir
    Path dir;

    @Test
    void lastItemIsTestSecondLastValidationAndAttributesGetNames() throws Exception {
        Path seq = Files.write(dir.resolve("Shop.txt"), List.of("1 3 1 2 10", "2 2 3", "", "3 10 2 3 1"));
        Path attrs = Files.writeString(dir.resolve("Shop_item2attributes.json"),
                "{\"1\": [5, 7], \"2\": [7], \"3\": [], \"10\": [\"12\"], \"11\": [5]}");
        Dataset d = new SequenceDatasetReader(IngestSettings.defaults().withPositionalHalfLife(3)).read(seq, attrs);

        assertEquals(List.of("1", "2", "3", "10", "11"), d.catalog().items().stream().map(r -> r.itemId()).toList(),
                "numeric id order; item 11 only has attributes");
        assertEquals(3, d.userCount());
        assertArrayEquals(new int[] {2, 0}, d.train().get(0).items());
        assertArrayEquals(new int[] {1}, d.validation()[0]);
        assertArrayEquals(new int[] {3}, d.test()[0]);
        assertArrayEquals(new double[] {0, 1}, d.train().get(0).times());
        assertArrayEquals(new int[] {1, 2}, d.train().get(1).items(), "two items: train only");
        assertEquals(0, d.test()[1].length);
        assertEquals(List.of("attr=5", "attr=7", "attr=12"), d.attributeNames());
        assertEquals(List.of("attr=5", "attr=7"), Arrays.stream(d.itemAttributes()[0]).mapToObj(d.attributeNames()::get).toList());
        assertEquals(0, d.itemAttributes()[2].length);
        assertEquals(PoolingConfig.positional(3), d.pooling());
        assertEquals(1, d.provenance().get("attributes").get("itemsOnlyInAttributes").asInt());
    }

    @Test
    void badInputNamesFileLineAndValue() throws Exception {
        Path seq = Files.write(dir.resolve("s.txt"), List.of("1 3 1", "2 2 3", "1 4"));
        assertEquals(seq + " line 3, column 1 (user), value '1': the user already has a line (" + seq + " line 1)",
                assertThrows(BadInputException.class, () -> new SequenceDatasetReader(IngestSettings.defaults()).read(seq, null)).getMessage());

        Path ok = Files.write(dir.resolve("ok.txt"), List.of("1 3 1 2"));
        Path attrs = Files.writeString(dir.resolve("a.json"), "{\"1\": [5],\n \"2\": 7}");
        assertEquals(attrs + " line 2, column 7 (item 2), value '7': expected an array of attributes for item '2'",
                assertThrows(BadInputException.class, () -> new SequenceDatasetReader(IngestSettings.defaults()).read(ok, attrs)).getMessage());
        Path broken = Files.writeString(dir.resolve("b.json"), "{\"1\": [5,");
        String msg = assertThrows(BadInputException.class, () -> new SequenceDatasetReader(IngestSettings.defaults()).read(ok, broken)).getMessage();
        assertEquals(broken + " line 1, column 10: not valid JSON", msg.substring(0, msg.indexOf("JSON") + 4));

        Path empty = Files.write(dir.resolve("e.txt"), List.of(""));
        assertEquals(empty + ": the file is empty (expected lines 'user item item ...')",
                assertThrows(BadInputException.class, () -> new SequenceDatasetReader(IngestSettings.defaults()).read(empty, null)).getMessage());
    }
}
