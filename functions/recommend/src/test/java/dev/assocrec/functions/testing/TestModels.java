package dev.assocrec.functions.testing;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.store.ModelStore;
import dev.assocrec.training.export.ModelVersionWriter;
import dev.assocrec.training.model.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Seeded model versions written by the training module's exporter and published through the model
 * store, exactly as a training run publishes them. The function tests serve 600 items × 16 dims:
 * seeded tables (fast, any number of versions) or a briefly trained GCN.
 */
public final class TestModels {
    public static final int ITEMS = 600;
    public static final int DIMS = 16;
    public static final List<Integer> POPULAR = List.of(5, 3, 17, 42, 8, 99, 250, 1, 77, 310, 12, 64);
    public static final Instant CREATED = Instant.parse("2026-11-28T12:00:00Z");

    private TestModels() {}

    /** Context rows random, target rows near them: items score high against themselves, as trained tables do. */
    public static TrainedModel trained(int items, int dims, long seed, PoolingConfig pooling) {
        EmbeddingTable context = SyntheticCatalogs.gaussian(items, dims, seed);
        return new TrainedModel(context, SyntheticCatalogs.near(context, 0.7, seed + 1000), pooling, List.of(), 0, 0,
                null);
    }

    /** Writes a version folder with the exporter (model.onnx, tables, items, manifest). */
    public static ModelVersion write(Path dir, String version, int items, int dims, long seed) throws IOException {
        ItemCatalog catalog = SyntheticCatalogs.catalog(items);
        return ModelVersionWriter.write(dir, trained(items, dims, seed, PoolingConfig.defaultWeighted()), catalog,
                info(version, items));
    }

    /** Writes the test-size version aside and publishes it (upload, verify, move the pointer). */
    public static void publish(ModelStore store, String version, long seed) {
        publish(store, version, seed, false);
    }

    /**
     * As {@link #publish(ModelStore, String, long)}, with tables from a GCN that the training module
     * trains on a planted-taste shop of the same size ({@code trained}) instead of seeded tables.
     */
    public static void publish(ModelStore store, String version, long seed, boolean trained) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("assocrec-version-");
            Path dir = staging.resolve(version);
            if (trained) {
                var data = PlantedShop.dataset(ITEMS, 1500, seed);
                ModelVersionWriter.write(dir, PlantedShop.train(data, DIMS), data.catalog(), info(version, ITEMS));
            } else {
                write(dir, version, ITEMS, DIMS, seed);
            }
            store.publish(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TestFiles.deleteTree(staging);
        }
    }

    private static ModelVersionWriter.VersionInfo info(String version, int items) {
        return new ModelVersionWriter.VersionInfo(version, CREATED, POPULAR.stream().filter(i -> i < items).toList(),
                Map.of("gcn", Map.of("recall@20", 0.2)), null);
    }

    public static Path versionDir(Path storeRoot, String version) {
        return storeRoot.resolve(ArtifactLayout.MODELS_PREFIX).resolve(version);
    }

    /** What a test needs to recompute answers independently: the tables and items of a version. */
    public record Tables(EmbeddingTable context, EmbeddingTable target, ItemCatalog catalog, PoolingConfig pooling) {
        public static Tables read(Path versionDir) {
            try {
                ModelVersion v = ModelVersion.load(versionDir);
                return new Tables(v.readContextTable(), v.readTargetTable(), v.catalog(), v.manifest().pooling());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
