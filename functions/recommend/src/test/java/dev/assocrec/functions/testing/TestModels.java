package dev.assocrec.functions.testing;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.PoolingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The small models the function tests serve: 600 items × 16 dims, a different seed per version. */
public final class TestModels {
    public static final int ITEMS = 600;
    public static final int DIMS = 16;
    public static final List<Integer> POPULAR = List.of(5, 3, 17, 42, 8, 99, 250, 1, 77, 310, 12, 64);

    private TestModels() {}

    public static Path publish(ModelStoreDir store, String version, long seed) {
        try {
            EmbeddingTable context = SyntheticCatalogs.gaussian(ITEMS, DIMS, seed);
            Path dir = store.writeVersion(version, SyntheticCatalogs.catalog(ITEMS),
                    context, SyntheticCatalogs.near(context, 0.7, seed + 1000),
                    PoolingConfig.defaultWeighted(), POPULAR);
            store.publish(version);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a test needs to recompute answers independently: the tables and items of a version. */
    public record Tables(EmbeddingTable context, EmbeddingTable target, ItemCatalog catalog, PoolingConfig pooling) {
        public static Tables read(Path versionDir) {
            try {
                var manifest = ManifestJson.read(versionDir.resolve(ArtifactLayout.MANIFEST));
                return new Tables(
                        EmbeddingTable.read(versionDir.resolve(ArtifactLayout.CONTEXT_TABLE), manifest.dimensions()),
                        EmbeddingTable.read(versionDir.resolve(ArtifactLayout.TARGET_TABLE), manifest.dimensions()),
                        ItemCatalog.read(versionDir.resolve(ArtifactLayout.ITEMS)), manifest.pooling());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
