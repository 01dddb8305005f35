package dev.assocrec.functions.scoring;

/**
 * How a loaded model scores requests.
 *
 * @param engine              what ranks the whole catalogue: the blocked Java scan or the ONNX graph
 * @param ortThreads          ONNX Runtime intra-op threads (engine ONNX only; its session is not opened otherwise)
 * @param scanThreads         threads one Java scan is split over (1 = the calling thread alone)
 * @param javaScanMaxFraction filtered requests keeping at most this share of items score only those items
 * @param coarseKernel        the Java coarse pass's kernel (engine ONNX): chosen by timing both at load, or pinned
 */
public record ScoringSettings(Engine engine, int ortThreads, int scanThreads, double javaScanMaxFraction,
                              KernelChoice coarseKernel) {
    public enum Engine { JAVA, ONNX }

    /**
     * {@code auto}: both int8 coarse kernels are built and timed on the table at load, and for tables of 256 dims or
     * more the fast scan ({@link FastScan}) too, the fastest serves; {@code java} ({@link VectorCoarseKernel}),
     * {@code onnx} ({@link OrtCoarseKernel}) or {@code fastscan}: only that one is built, not timed.
     */
    public enum KernelChoice { AUTO, JAVA, ONNX, FASTSCAN }

    /** The defaults of the configuration ({@code ServingConfig.Scoring}) and of the load begun before the boot. */
    public static final String DEFAULT_ENGINE = "onnx";
    public static final String DEFAULT_THREADS = "1";
    public static final String DEFAULT_JAVA_SCAN_MAX_FRACTION = "0.25";
    public static final String DEFAULT_COARSE_KERNEL = "auto";

    public ScoringSettings {
        if (ortThreads < 1 || scanThreads < 1) {
            throw new IllegalArgumentException("thread counts must be >= 1, were ort " + ortThreads + ", scan " + scanThreads);
        }
        if (coarseKernel == null) {
            throw new IllegalArgumentException("coarseKernel must be given (AUTO to choose at load)");
        }
    }

    /** With the coarse kernel chosen at load. */
    public ScoringSettings(Engine engine, int ortThreads, int scanThreads, double javaScanMaxFraction) {
        this(engine, ortThreads, scanThreads, javaScanMaxFraction, KernelChoice.AUTO);
    }

    /** The ONNX graph with the given intra-op threads (the engine the functions served with first). */
    public static ScoringSettings onnx(int ortThreads, double javaScanMaxFraction) {
        return new ScoringSettings(Engine.ONNX, ortThreads, 1, javaScanMaxFraction);
    }

    public static ScoringSettings java(int scanThreads, double javaScanMaxFraction) {
        return new ScoringSettings(Engine.JAVA, 1, scanThreads, javaScanMaxFraction);
    }

    /** These settings with the coarse kernel pinned (or {@code AUTO}). */
    public ScoringSettings withCoarseKernel(KernelChoice kernel) {
        return new ScoringSettings(engine, ortThreads, scanThreads, javaScanMaxFraction, kernel);
    }
}
