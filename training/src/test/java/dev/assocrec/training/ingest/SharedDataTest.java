package dev.assocrec.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real benchmark sets in ../shared/data read to the counts their READMEs state. */
class SharedDataTest {

    static Path sharedData(String set) {
        Path root = Path.of(System.getProperty("assocrec.repo.root", "."));
        Path dir = root.resolve("../shared/data").resolve(set).normalize();
        assumeTrue(Files.isDirectory(dir), "shared data set " + set + " not found at " + dir + ": test skipped");
        return dir;
    }

    private static long interactions(Dataset d) {
        return d.train().stream().mapToLong(UserHistory::size).sum()
                + Arrays.stream(d.validation()).mapToLong(a -> a.length).sum()
                + Arrays.stream(d.test()).mapToLong(a -> a.length).sum();
    }

    /** Counts from the data set's README. */
    private static void checkSequenceSet(String set, String name, int users, int items, long interactions, int attributes)
            throws Exception {
        Path dir = sharedData(set);
        Dataset d = new SequenceDatasetReader(IngestSettings.defaults())
                .read(dir.resolve(name + ".txt"), dir.resolve(name + "_item2attributes.json"));
        assertEquals(users, d.userCount());
        assertEquals(items, d.itemCount());
        assertEquals(interactions, interactions(d));
        assertEquals(attributes, d.attributeNames().size());
        assertEquals(users, d.provenance().get("split").get("usersWithTest").asLong(), "every user has >= 5 items");
    }

    @Test
    void amazonBeauty() throws Exception {
        checkSequenceSet("amazon-beauty-s3rec", "Beauty", 22_363, 12_101, 198_502, 637);
    }

    @Test
    void amazonToys() throws Exception {
        checkSequenceSet("amazon-toys-s3rec", "Toys_and_Games", 19_412, 11_924, 167_597, 1_027);
    }

    @Test
    void gowalla() throws Exception {
        Path dir = sharedData("gowalla-lightgcn");
        Dataset d = new LightGcnDatasetReader(IngestSettings.defaults())
                .read(List.of(dir.resolve("train.part1.txt"), dir.resolve("train.part2.txt")), dir.resolve("test.txt"));
        assertEquals(29_858, d.userCount());
        assertEquals(40_981, d.itemCount());
        assertEquals(810_128, d.provenance().get("trainInteractions").asLong());
        assertEquals(217_242, d.provenance().get("testInteractions").asLong());
        assertEquals(810_128, d.train().stream().mapToLong(UserHistory::size).sum()
                + Arrays.stream(d.validation()).mapToLong(a -> a.length).sum());
        assertEquals(29_858, d.provenance().get("split").get("usersWithTest").asLong());
    }
}
