package dev.assocrec.contract.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ItemRecord;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.PoolingConfig;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelVersionWriterTest {
    private static final Instant CREATED = Instant.parse("2026-11-28T18:30:00Z");

    @TempDir
    Path work;

    private final Random rng = new Random(11);
    private final EmbeddingTable context = RandomTables.gaussian(30, 4, rng);
    private final EmbeddingTable target = RandomTables.gaussian(30, 4, rng);

    @Test
    void writesACompleteVerifiedFolderThatRecordsEverything() throws IOException {
        ObjectNode config = ManifestJson.MAPPER.createObjectNode().put("dims", 4).put("layers", 2);
        ObjectNode provenance = ManifestJson.MAPPER.createObjectNode().put("events", "s3://in/events.csv").put("skippedRows", 3);
        JsonNode training = ManifestJson.MAPPER.createObjectNode().put("bestEpoch", 7).set("config", config);
        VersionTables model = new VersionTables() {
            public EmbeddingTable context() { return context; }
            public EmbeddingTable target() { return target; }
            public PoolingConfig pooling() { return PoolingConfig.defaultWeighted(); }
            public JsonNode trainingRecord() { return training; }
        };
        List<ItemRecord> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(new ItemRecord(i, "sku-" + i, "cat-" + (i % 3), i % 2 == 0 ? "acme" : null, 9.5 + i, null));
        }
        ItemCatalog catalog = new ItemCatalog(rows);
        var info = new ModelVersionWriter.VersionInfo("20261128-183000", CREATED, List.of(4, 2, 9),
                Map.of("gcn", Map.of("recall@20", 0.17), "popularity", Map.of("recall@20", 0.04)), provenance);

        Path dir = work.resolve("models").resolve("20261128-183000");
        ModelVersion written = ModelVersionWriter.write(dir, model, catalog, info);

        assertEquals(dir, written.dir());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Stream.concat(ArtifactLayout.VERSION_FILES.stream(), ArtifactLayout.OPTIONAL_FILES.stream())
                    .sorted().toList(), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Manifest m = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        assertEquals("20261128-183000", m.version());
        assertEquals(CREATED, m.createdAt());
        assertEquals(30, m.itemCount());
        assertEquals(4, m.dimensions());
        assertEquals(PoolingConfig.defaultWeighted(), m.pooling());
        assertEquals(List.of(4, 2, 9), m.popularItems());
        assertEquals(0.17, m.metrics().get("gcn").get("recall@20"));
        assertEquals(2, m.training().get("config").get("layers").asInt());
        assertEquals(7, m.training().get("bestEpoch").asInt());
        assertEquals(3, m.data().get("skippedRows").asInt());
        assertEquals(ModelVersionWriter.WRITTEN_FILES.size(), m.files().size());
        for (String name : ModelVersionWriter.WRITTEN_FILES) {
            assertEquals(Checksums.of(dir.resolve(name)), m.files().get(name), name);
        }

        ModelVersion reloaded = ModelVersion.load(dir);
        assertArrayEquals(context.data(), reloaded.readContextTable().data());
        assertArrayEquals(target.data(), reloaded.readTargetTable().data());
        assertEquals(catalog.items(), reloaded.catalog().items());
        assertEquals(List.of(dir), listDir(dir.getParent()), "no staging folder is left behind");
    }

    /** The learned attention is recorded in the manifest; a reader refuses parameters that do not fit the tables. */
    @Test
    void attentionPoolingIsRecordedAndCheckedOnRead() throws IOException {
        PoolingConfig attention = PoolingConfig.attentionFrom(PoolingConfig.positional(2), 4)
                .withAttention(new PoolingConfig.Attention(List.of(0.5, -1.0, 2.0, 0.0),
                        Map.of(dev.assocrec.contract.EventType.CART, 0.3), -0.25, 1));
        Path dir = work.resolve("att");
        ModelVersionWriter.write(dir, VersionTables.of(context, target, attention), RandomTables.catalog(30), info("att"));
        Path file = dir.resolve(ArtifactLayout.MANIFEST);
        assertEquals(attention, ManifestJson.read(file).pooling());

        ObjectNode json = (ObjectNode) ManifestJson.MAPPER.readTree(file.toFile());
        ((ObjectNode) json.get("pooling").get("attention")).putArray("vector").add(1.0).add(2.0).add(3.0);
        Files.writeString(file, json.toString());
        Exception e = assertThrows(dev.assocrec.contract.InvalidArtifactException.class, () -> ManifestJson.read(file));
        assertEquals(file + ": not a valid model manifest: pooling.attention.vector has 3 values, expected one per "
                + "dimension (4)", e.getMessage());

        ((ObjectNode) json.get("pooling").get("attention")).put("recencyUnit", 0);
        Files.writeString(file, json.toString());
        e = assertThrows(dev.assocrec.contract.InvalidArtifactException.class, () -> ManifestJson.read(file));
        assertEquals(file + ": not a valid model manifest: pooling.attention.recencyUnit must be > 0, was 0.0",
                e.getMessage());
    }

    @Test
    void neverOverwritesAnExistingFolder() throws IOException {
        Path dir = Files.createDirectories(work.resolve("v1"));
        assertThrows(FileAlreadyExistsException.class, () -> ModelVersionWriter.write(dir,
                RandomTables.trainedModel(context, target), RandomTables.catalog(30), info("v1")));
        assertEquals(List.of(dir), listDir(work));
    }

    @Test
    void inconsistentInputsAreRefusedAndLeaveNothingBehind() {
        VersionTables model = RandomTables.trainedModel(context, target);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelVersionWriter.write(work.resolve("v1"), model, RandomTables.catalog(29), info("v1")));
        assertTrue(e.getMessage().contains("29"), e.getMessage());

        var badPopular = new ModelVersionWriter.VersionInfo("v1", CREATED, List.of(30), null, null);
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelVersionWriter.write(work.resolve("v1"), model, RandomTables.catalog(30), badPopular));
        assertTrue(e.getMessage().contains("30"), e.getMessage());

        VersionTables narrower = RandomTables.trainedModel(context, RandomTables.gaussian(30, 3, rng));
        assertThrows(IllegalArgumentException.class,
                () -> ModelVersionWriter.write(work.resolve("v1"), narrower, RandomTables.catalog(30), info("v1")));
        float[] diverged = target.data().clone();
        diverged[4 * 5 + 2] = Float.NaN;
        VersionTables nan = RandomTables.trainedModel(context, new EmbeddingTable(30, 4, diverged));
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelVersionWriter.write(work.resolve("v1"), nan, RandomTables.catalog(30), info("v1")));
        assertTrue(e.getMessage().contains("target embedding table has NaN at row 5, column 2"), e.getMessage());
        assertFalse(Files.exists(work.resolve("v1")));
        assertThrows(IllegalArgumentException.class, () -> info("current"), "'current' is the pointer's name");
    }

    @Test
    void timestampVersionsSortInTimeOrder() {
        assertEquals("20261128-183000", ModelVersionWriter.timestampVersion(CREATED));
        assertTrue(ModelVersionWriter.timestampVersion(CREATED).compareTo(
                ModelVersionWriter.timestampVersion(CREATED.plusSeconds(1))) < 0);
    }

    private static ModelVersionWriter.VersionInfo info(String version) {
        return new ModelVersionWriter.VersionInfo(version, CREATED, List.of(), null, null);
    }

    private static List<Path> listDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
