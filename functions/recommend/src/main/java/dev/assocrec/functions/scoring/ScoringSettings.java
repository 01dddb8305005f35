package dev.assocrec.functions.scoring;

/**
 * How a loaded model scores requests.
 *
 * @param engine              what ranks the whole catalogue: the blocked Java scan or the ONNX graph
 * @param ortThreads          ONNX Runtime intra-op threads (engine ONNX only; its session is not opened otherwise)
 * @param scanThreads         threads one Java scan is split over (1 = the calling thread alone)
 * @param javaScanMaxFraction filtered requests keeping at most this share of items score only those items
 */
public record ScoringSettings(Engine engine, int ortThreads, int scanThreads, double javaScanMaxFraction) {
    public enum Engine { JAVA, ONNX }

    /** The defaults of the configuration ({@code ServingConfig.Scoring}) and of the load begun before the boot. */
    public static final String DEFAULT_ENGINE = "onnx";
    public static final String DEFAULT_THREADS = "1";
    public static final String DEFAULT_JAVA_SCAN_MAX_FRACTION = "0.25";

    public ScoringSettings {
        if (ortThreads < 1 || scanThreads < 1) {
            throw new IllegalArgumentException("thread counts must be >= 1, were ort " + ortThreads + ", scan " + scanThreads);
        }
    }

    /** The ONNX graph with the given intra-op threads (the engine the functions served with first). */
    public static ScoringSettings onnx(int ortThreads, double javaScanMaxFraction) {
        return new ScoringSettings(Engine.ONNX, ortThreads, 1, javaScanMaxFraction);
    }

    public static ScoringSettings java(int scanThreads, double javaScanMaxFraction) {
        return new ScoringSettings(Engine.JAVA, 1, scanThreads, javaScanMaxFraction);
    }
}
