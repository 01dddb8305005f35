package dev.assocrec.functions.model;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.functions.scoring.CatalogIndex;
import dev.assocrec.functions.scoring.OrtScorer;
import dev.assocrec.functions.scoring.PooledRanker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model version ready to serve: manifest, item table, both embedding tables in Java (filters,
 * explanations) and the ONNX session. Reference counted: the holder owns one reference, each request
 * one more; the ONNX session is closed when the last reference goes.
 */
public final class LoadedModel {
    private static final float SELF_CHECK_TOLERANCE = 1e-4f;

    private final Manifest manifest;
    private final ItemCatalog catalog;
    private final ReferenceScorer reference;
    private final OrtScorer ort;
    private final CatalogIndex index;
    private final PooledRanker ranker;
    private final String source;
    private final Instant loadedAt = Instant.now();
    private final AtomicInteger references = new AtomicInteger(1);

    private LoadedModel(Manifest manifest, ItemCatalog catalog, ReferenceScorer reference, OrtScorer ort,
                        double javaScanMaxFraction, String source) {
        this.manifest = manifest;
        this.catalog = catalog;
        this.reference = reference;
        this.ort = ort;
        this.index = new CatalogIndex(catalog);
        this.ranker = new PooledRanker(reference, ort, catalog.size(), javaScanMaxFraction);
        this.source = source;
    }

    /**
     * Loads a verified version directory and refuses it when its parts disagree: table shapes against
     * the manifest and item table, or the ONNX graph against the tables on a probe query.
     */
    public static LoadedModel load(Path dir, String source, int ortThreads, double javaScanMaxFraction)
            throws IOException {
        Manifest manifest = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        ItemCatalog catalog = ItemCatalog.read(dir.resolve(ArtifactLayout.ITEMS));
        EmbeddingTable context = EmbeddingTable.read(dir.resolve(ArtifactLayout.CONTEXT_TABLE), manifest.dimensions());
        EmbeddingTable target = EmbeddingTable.read(dir.resolve(ArtifactLayout.TARGET_TABLE), manifest.dimensions());
        String where = "model version " + manifest.version() + " at " + source;
        if (catalog.size() != manifest.itemCount() || context.rows() != manifest.itemCount()
                || target.rows() != manifest.itemCount()) {
            throw new IOException(where + ": manifest says " + manifest.itemCount() + " items, item table has "
                    + catalog.size() + ", context table " + context.rows() + ", target table " + target.rows());
        }
        for (int popular : manifest.popularItems()) {
            if (popular < 0 || popular >= catalog.size()) {
                throw new IOException(where + ": popular item index " + popular + " is outside the item table");
            }
        }
        ReferenceScorer reference = new ReferenceScorer(context, target);
        OrtScorer ort = new OrtScorer(dir, ortThreads);
        try {
            selfCheck(where, reference, ort, catalog.size());
        } catch (IOException | RuntimeException e) {
            ort.close();
            throw e;
        }
        return new LoadedModel(manifest, catalog, reference, ort, javaScanMaxFraction, source);
    }

    /** The graph must rank a probe history as the tables do; a mismatched export is refused. */
    private static void selfCheck(String where, ReferenceScorer reference, OrtScorer ort, int items) throws IOException {
        if (items < 2) {
            return;
        }
        int[] probe = {0, items / 2 == 0 ? 1 : items / 2};
        float[] weights = {1f, 2f};
        Ranked expected = reference.topK(probe, weights, 1);
        Ranked actual;
        try {
            actual = ort.topK(probe, weights, 1);
        } catch (RuntimeException e) {
            throw new IOException(where + ": the ONNX graph fails on a probe query: " + e.getMessage(), e);
        }
        if (actual.items().length != 1 || Math.abs(actual.scores()[0] - expected.scores()[0]) > SELF_CHECK_TOLERANCE
                * Math.max(1f, Math.abs(expected.scores()[0]))) {
            throw new IOException(where + ": the ONNX graph disagrees with the embedding tables on a probe query (graph: "
                    + describe(actual) + ", tables: " + describe(expected) + ")");
        }
    }

    private static String describe(Ranked r) {
        return r.items().length == 0 ? "nothing" : "item " + r.items()[0] + " score " + r.scores()[0];
    }

    /** Takes a reference for one request; false once the model has been retired and closed. */
    boolean tryAcquire() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the ONNX session. */
    void release() {
        if (references.decrementAndGet() == 0) {
            ort.close();
        }
    }

    boolean isClosed() {
        return references.get() == 0;
    }

    public Manifest manifest() { return manifest; }

    public String version() { return manifest.version(); }

    public ItemCatalog catalog() { return catalog; }

    public ReferenceScorer reference() { return reference; }

    public CatalogIndex index() { return index; }

    public PooledRanker ranker() { return ranker; }

    public String source() { return source; }

    public Instant loadedAt() { return loadedAt; }
}
