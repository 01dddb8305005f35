package dev.assocrec.functions;

import dev.assocrec.functions.model.EarlyLoad;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
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
 *   <li>{@link EarlyLoad#begin()}: the first model load, from the store, cache directory and scoring the
 *       system properties and environment name (configuration cannot be read yet): fetch and verify at once,
 *       the build once Quarkus's logging is installed ({@link LoggingInstalled}, at the end of static init);</li>
 *   <li>{@link FirstRequestClasses}: loading (not initialising) the classes the first request needs.</li>
 * </ol>
 * The load in flight is the one piece of static mutable state in the function: it is handed from here to
 * {@code ModelManager} once ({@link #takeEarlyLoad()}), which serves it if its {@link ServingConfig} mappings
 * agree. Everything after that is CDI beans and {@code @ConfigMapping} configuration. In tests and dev mode
 * no handler is constructed, nothing here runs, and {@code ModelManager} loads at start-up.
 */
public final class BeforeBoot {
    private static final AtomicReference<EarlyLoad> EARLY_LOAD = new AtomicReference<>();

    private BeforeBoot() {}

    /** Starts the steps above; returns at once. */
    static void start() {
        UnpackedNatives.useIfPackaged();
        EARLY_LOAD.set(EarlyLoad.begin());
        FirstRequestClasses.preloadInBackground();
    }

    /** The load begun before the boot, handed over once; null if none was begun. */
    public static EarlyLoad takeEarlyLoad() {
        return EARLY_LOAD.getAndSet(null);
    }

    /** Tells the load begun before the boot that Quarkus's logging is installed (the end of static init). */
    @Singleton
    static class LoggingInstalled {
        void onStaticInitDone(@Observes @Initialized(ApplicationScoped.class) Object event) {
            EarlyLoad early = EARLY_LOAD.get();
            if (early != null) {
                early.frameworkReady();
            }
        }
    }
}
