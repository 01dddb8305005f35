package dev.assocrec.training.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightGcnReaderTest {
    @TempDir
    Path dir;

    @Test
    void trainPartsAreConcatenatedAndValidationIsCarvedFromTrainOnly() throws Exception {
        Random rnd = new Random(3);
        List<String> lines = new ArrayList<>();
        List<String> testLines = new ArrayList<>();
        int[][] original = new int[200][];
        for (int u = 0; u < 200; u++) {
            original[u] = rnd.ints(0, 500).distinct().limit(u == 7 ? 1 : 2 + rnd.nextInt(40)).toArray();
            lines.add(u + " " + String.join(" ", Arrays.stream(original[u]).mapToObj(Integer::toString).toList()));
            testLines.add(u + " " + (500 + u % 30));
        }
        testLines.add("200");  // a user with no test items and no train line
        Path part1 = Files.write(dir.resolve("train.part1.txt"), lines.subList(0, 120));
        Path part2 = Files.write(dir.resolve("train.part2.txt"), lines.subList(120, 200));
        Path test = Files.write(dir.resolve("test.txt"), testLines);

        Dataset d = new LightGcnDatasetReader(IngestSettings.defaults()).read(List.of(part1, part2), test);
        assertEquals(201, d.userCount());
        assertEquals(530, d.itemCount(), "item ids 0..529, index = id");
        assertEquals("17", d.catalog().get(17).itemId());
        assertEquals(PoolingConfig.mean(), d.pooling());
        long held = 0;
        long total = 0;
        for (int u = 0; u < 200; u++) {
            int[] train = d.train().get(u).items();
            int[] val = d.validation()[u];
            int[] both = IntStream.concat(Arrays.stream(train), Arrays.stream(val)).sorted().toArray();
            assertArrayEquals(Arrays.stream(original[u]).sorted().toArray(), both, "train + validation = the train line");
            assertTrue(Arrays.stream(val).noneMatch(v -> Arrays.stream(train).anyMatch(t -> t == v)));
            assertTrue(train.length >= 1);
            assertEquals(original[u].length >= 2 ? Math.max(1, Math.round(0.1 * original[u].length)) : 0, val.length);
            assertArrayEquals(new int[] {500 + u % 30}, d.test()[u], "test untouched");
            held += val.length;
            total += original[u].length;
        }
        assertEquals(0, d.validation()[7].length, "a single train item is never held out");
        assertTrue(held > 0.08 * total && held < 0.16 * total, held + " of " + total);
        assertEquals(0, d.train().get(200).size());

        Dataset again = new LightGcnDatasetReader(IngestSettings.defaults()).read(List.of(part1, part2), test);
        Dataset otherSeed = new LightGcnDatasetReader(IngestSettings.defaults().withSeed(9)).read(List.of(part1, part2), test);
        assertTrue(Arrays.deepEquals(d.validation(), again.validation()), "same seed, same split");
        assertNotEquals(Arrays.deepToString(d.validation()), Arrays.deepToString(otherSeed.validation()));
    }

    @Test
    void nonIntegerIdIsReportedWithFileLineColumnAndValue() throws Exception {
        Path train = Files.write(dir.resolve("train.txt"), List.of("0 1 2", "1 3 x4"));
        Path test = Files.write(dir.resolve("test.txt"), List.of("0 5"));
        assertEquals(train + " line 2, column 3 (item), value 'x4': expected a non-negative integer id",
                assertThrows(BadInputException.class, () -> new LightGcnDatasetReader(IngestSettings.defaults())
                        .read(List.of(train), test)).getMessage());
    }
}
