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

    @Test
    void amazonBeauty() throws Exception {
        Path dir = sharedData("amazon-beauty-s3rec");
        Dataset d = new SequenceDatasetReader(IngestSettings.defaults())
                .read(dir.resolve("Beauty.txt"), dir.resolve("Beauty_item2attributes.json"));
        assertEquals(22_363, d.userCount());
        assertEquals(12_101, d.itemCount());
        assertEquals(198_502, interactions(d));
        assertEquals(637, d.attributeNames().size());
        assertEquals(22_363, d.provenance().get("split").get("usersWithTest").asLong(), "every user has >= 5 items");
    }

    @Test
    void amazonToys() throws Exception {
        Path dir = sharedData("amazon-toys-s3rec");
        Dataset d = new SequenceDatasetReader(IngestSettings.defaults())
                .read(dir.resolve("Toys_and_Games.txt"), dir.resolve("Toys_and_Games_item2attributes.json"));
        assertEquals(19_412, d.userCount());
        assertEquals(11_924, d.itemCount());
        assertEquals(167_597, interactions(d));
        assertEquals(1_027, d.attributeNames().size());
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
