package dev.assocrec.functions;

import dev.assocrec.functions.model.Prefetch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the function does before CDI exists, in one place. Lambda's Java runtime initialises the
 * handler class ({@link RecommendHandler}) and then constructs it; the constructor boots Quarkus
 * (~1–2 s of class loading on the main thread). The handler's class initialiser calls {@link #start()},
 * which starts, on the second vCPU and beside that boot:
 * <ol>
 *   <li>{@link UnpackedNatives}: sets {@code onnxruntime.native.path} to the natives the package ships
 *       unpacked. It is a system property because ONNX Runtime's loader reads nothing else, and it must be
 *       set before that loader's class is initialised by the first session;</li>
 *   <li>{@link Prefetch#fromEnvironment()}: fetching and verifying the current model version of the store
 *       that {@code ASSOCREC_MODEL_LOCATION} names. Configuration cannot be read yet, so the environment,
 *       which is how a deployment configures the store, stands in for it; the {@code EarlyLoad} bean takes
 *       the fetch over at the end of static init if the configuration names the same store, else closes it;</li>
 *   <li>{@link FirstRequestClasses}: loading (not initialising) the classes the first request needs.</li>
 * </ol>
 * The fetch in flight is the one piece of static mutable state in the function: it is handed from here
 * to the bean once ({@link #takePrefetch()}). Everything after that is CDI beans and
 * {@code @ConfigMapping} configuration ({@link ServingConfig}). In tests and dev mode no handler is
 * constructed, nothing here runs, and {@code EarlyLoad} starts the load itself.
 */
public final class BeforeBoot {
    private static final AtomicReference<Prefetch> PREFETCH = new AtomicReference<>();

    private BeforeBoot() {}

    /** Starts the steps above; returns at once. */
    static void start() {
        UnpackedNatives.useIfPackaged();
        PREFETCH.set(Prefetch.fromEnvironment());
        FirstRequestClasses.preloadInBackground();
    }

    /** The fetch begun before the boot, handed over once; null if none was begun. */
    public static Prefetch takePrefetch() {
        return PREFETCH.getAndSet(null);
    }
}
