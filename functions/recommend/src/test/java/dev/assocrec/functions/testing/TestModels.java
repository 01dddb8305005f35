package dev.assocrec.functions.testing;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.export.ModelVersionWriter;
import dev.assocrec.contract.export.SyntheticVersions;
import dev.assocrec.store.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Seeded model versions written by the contract's writer and published through the model
 * store, exactly as a training run publishes them. The function tests serve 600 items × 16 dims:
 * seeded random tables or planted ones with the structure of a trained GCN ({@link PlantedShop}).
 */
public final class TestModels {
    public static final int ITEMS = 600;
    public static final int DIMS = 16;
    public static final List<Integer> POPULAR = SyntheticVersions.POPULAR;
    public static final Instant CREATED = SyntheticVersions.CREATED;

    private TestModels() {}

    /** Writes a seeded version folder with the contract's writer (model.onnx, tables, items, manifest). */
    public static ModelVersion write(Path dir, String version, int items, int dims, long seed) throws IOException {
        return SyntheticVersions.write(dir, version, items, dims, seed);
    }

    /** Writes the test-size version aside and publishes it (upload, verify, move the pointer). */
    public static void publish(ModelStore store, String version, long seed) {
        publish(store, version, seed, false);
    }

    /**
     * As {@link #publish(ModelStore, String, long)}, with {@link PlantedShop} tables (category clusters and a
     * popularity prior, as a trained GCN has them) when {@code planted}, instead of seeded random ones.
     */
    public static void publish(ModelStore store, String version, long seed, boolean planted) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("assocrec-version-");
            Path dir = staging.resolve(version);
            if (planted) {
                ModelVersionWriter.write(dir, PlantedShop.tables(ITEMS, DIMS, seed), SyntheticVersions.catalog(ITEMS),
                        SyntheticVersions.info(version, ITEMS));
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
