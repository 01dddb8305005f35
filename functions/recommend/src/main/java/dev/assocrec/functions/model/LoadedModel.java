package dev.assocrec.functions.model;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.HistoryEntry;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.InvalidArtifactException;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.PoolingInputs;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.functions.api.Filters;
import dev.assocrec.functions.scoring.BlockedScorer;
import dev.assocrec.functions.scoring.CatalogIndex;
import dev.assocrec.functions.scoring.CataloguePass;
import dev.assocrec.functions.scoring.CoarsePassChoice;
import dev.assocrec.functions.scoring.OrtScorer;
import dev.assocrec.functions.scoring.PooledRanker;
import dev.assocrec.functions.scoring.ScoringSettings;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model version ready to serve: manifest, item table, both embedding tables in Java (filters,
 * explanations) and the ONNX session. Reference counted: the holder owns one reference, each request
 * one more; the ONNX session (with its pooled predictors) is closed when the last reference goes.
 */
public final class LoadedModel {
    private static final float SELF_CHECK_TOLERANCE = 1e-4f;

    private final Manifest manifest;
    private final ItemCatalog catalog;
    private final ReferenceScorer reference;
    private final OrtScorer ort; // null unless the engine is ONNX
    private final BlockedScorer blocked; // null unless the engine is JAVA
    private final CataloguePass quantized; // null unless the engine is ONNX and the JVM has the Vector API
    private volatile CatalogIndex index; // built on the first filtered request: no unfiltered answer needs it
    private final PooledRanker ranker;
    private final String source;
    private final Instant loadedAt = Instant.now();
    private final AtomicInteger references = new AtomicInteger(1);

    private LoadedModel(Manifest manifest, ItemCatalog catalog, ReferenceScorer reference, BlockedScorer blocked,
                        OrtScorer ort, CataloguePass quantized, double javaScanMaxFraction, String source) {
        this.manifest = manifest;
        this.catalog = catalog;
        this.reference = reference;
        this.ort = ort;
        this.blocked = blocked;
        this.quantized = quantized;
        this.ranker = new PooledRanker(reference, blocked, ort, quantized, catalog.size(), javaScanMaxFraction);
        this.source = source;
    }

    /**
     * Builds the serving form of a verified version and refuses it when (engine onnx) its ONNX graph
     * disagrees with its tables on a probe query, or its popular list points outside the item table.
     */
    public static LoadedModel load(ModelVersion version, String source, ScoringSettings settings) throws IOException {
        return load(version, source, settings, new LoadSteps(), CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #load(ModelVersion, String, ScoringSettings)}; the steps that may log or start JMX (the ONNX
     * session through DJL, the int8 copy's compiler check) wait for {@code loggingReady}, the others do not.
     */
    static LoadedModel load(ModelVersion version, String source, ScoringSettings settings, LoadSteps steps,
                            CompletableFuture<Void> loggingReady) throws IOException {
        Manifest manifest = version.manifest();
        ItemCatalog catalog = version.catalog();
        String where = "model version " + manifest.version() + " at " + source;
        for (int popular : manifest.popularItems()) {
            if (popular < 0 || popular >= catalog.size()) {
                throw new InvalidArtifactException(where + ": popular item index " + popular + " is outside the item table");
            }
        }
        // The ONNX session and the two tables are independent: on two cores, build them side by side.
        LoadThreads.Task<OrtScorer> session = settings.engine() == ScoringSettings.Engine.ONNX
                ? LoadThreads.start("ONNX session", () -> {
                    awaitLogging(loggingReady, steps);
                    return steps.time("ONNX session", () -> new OrtScorer(version.dir(), settings.ortThreads()));
                })
                : null;
        LoadThreads.Task<EmbeddingTable> context = LoadThreads.start("context table",
                () -> steps.time("context table", version::readContextTable));
        ReferenceScorer reference;
        BlockedScorer blocked = null;
        CataloguePass quantized = null;
        try {
            EmbeddingTable target = steps.time("target table", version::readTargetTable);
            if (session == null) {
                blocked = steps.time("blocked copy", () -> new BlockedScorer(target, settings.scanThreads()));
            }
            reference = new ReferenceScorer(context.join(), target);
            if (session != null) {
                ReferenceScorer scorer = reference;
                loggingReady.join();
                quantized = steps.time("int8 copy and warm-up", () -> CoarsePassChoice.ifAvailable(scorer, target,
                        settings.ortThreads(), settings.coarseKernel()));
            }
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.discard(OrtScorer::close); // a session being built is waited for and closed, not leaked
            }
            if (quantized != null) {
                quantized.close();
            }
            throw e;
        }
        OrtScorer ort = session == null ? null : session.join();
        try {
            if (ort != null) {
                long start = System.nanoTime();
                selfCheck(where, reference, ort, catalog.size(), manifest.pooling());
                steps.record("probe", start);
            }
            return new LoadedModel(manifest, catalog, reference, blocked, ort, quantized, settings.javaScanMaxFraction(), source);
        } catch (IOException | RuntimeException e) {
            if (ort != null) {
                ort.close();
            }
            if (quantized != null) {
                quantized.close();
            }
            throw e;
        }
    }

    private static void awaitLogging(CompletableFuture<Void> loggingReady, LoadSteps steps) {
        if (!loggingReady.isDone()) {
            long start = System.nanoTime();
            loggingReady.join();
            steps.record("session waiting for the boot's logging", start);
        }
    }

    /**
     * The graph must rank a probe history as the tables and the manifest's pooling do (for attention, with the
     * weights HistoryPooling computes from the manifest's parameters); a mismatched export is refused.
     */
    private static void selfCheck(String where, ReferenceScorer reference, OrtScorer ort, int items, PoolingConfig pooling)
            throws IOException {
        if (items < 2) {
            return;
        }
        double step = pooling.timeAxis() == PoolingConfig.TimeAxis.SECONDS ? 3 * 86_400 : 2;
        List<HistoryEntry> entries = List.of(new HistoryEntry(0, EventType.PURCHASE, 1_000_000, 1),
                new HistoryEntry(items / 2 == 0 ? 1 : items / 2, EventType.VIEW, 1_000_000 - step, 2));
        PoolingInputs in = HistoryPooling.inputs(entries, pooling, reference.context());
        int[] probe = in.items();
        float[] weights = in.weights();
        Ranked expected = reference.topK(probe, weights, 1);
        OrtScorer.Answer answer;
        try {
            answer = ort.topK(in, 1);
        } catch (RuntimeException e) {
            throw new IOException(where + ": the ONNX graph fails on a probe query: " + e.getMessage(), e);
        }
        if (answer.weights() != null) {
            float[] want = HistoryPooling.normalised(weights);
            for (int i = 0; i < want.length; i++) {
                if (Math.abs(answer.weights()[i] - want[i]) > SELF_CHECK_TOLERANCE) {
                    throw new InvalidArtifactException(where + ": the ONNX graph pools a probe query with weights "
                            + Arrays.toString(answer.weights()) + ", the manifest's pooling with " + Arrays.toString(want));
                }
            }
        }
        Ranked actual = answer.ranked();
        // An answer the graph does not certify need not be the best item, but its score must be the tables' score.
        float want = answer.exact() || actual.items().length != 1 ? expected.scores()[0]
                : reference.score(reference.pool(probe, weights), actual.items()[0]);
        if (actual.items().length != 1 || Math.abs(actual.scores()[0] - want) > SELF_CHECK_TOLERANCE
                * Math.max(1f, Math.abs(want))) {
            throw new InvalidArtifactException(where + ": the ONNX graph disagrees with the embedding tables on a probe query (graph: "
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

    /**
     * Drops a reference; the last one closes the ONNX sessions (the graph's with its predictors, the coarse pass's)
     * or the scan's helper threads.
     */
    void release() {
        if (references.decrementAndGet() == 0) {
            if (ort != null) {
                ort.close();
            }
            if (quantized != null) {
                quantized.close();
            }
            if (blocked != null) {
                blocked.close();
            }
        }
    }

    boolean isClosed() {
        return references.get() == 0;
    }

    public Manifest manifest() { return manifest; }

    public String version() { return manifest.version(); }

    public ItemCatalog catalog() { return catalog; }

    public ReferenceScorer reference() { return reference; }

    /**
     * The filter index, built on first use: a cold start's first answer is usually unfiltered, and at 100k items
     * the build costs ~0.1 s of CPU (C1 only) that the start-up's two cores spend on the boot and the load instead.
     */
    public CatalogIndex index() {
        CatalogIndex built = index;
        if (built == null) {
            synchronized (this) {
                built = index;
                if (built == null) {
                    index = built = new CatalogIndex(catalog);
                }
            }
        }
        return built;
    }

    /** The items the filters accept; null when there is none (everything is accepted; the index is not built). */
    public BitSet accepted(Filters filters) {
        return filters == null || filters.isEmpty() ? null : index().accepted(filters);
    }

    public PooledRanker ranker() { return ranker; }

    public String source() { return source; }

    /** What ranks the whole catalogue for this model. */
    public ScoringSettings.Engine engine() {
        return ort != null ? ScoringSettings.Engine.ONNX : ScoringSettings.Engine.JAVA;
    }

    public Instant loadedAt() { return loadedAt; }
}
