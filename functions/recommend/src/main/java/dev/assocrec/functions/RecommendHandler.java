package dev.assocrec.functions;

import dev.assocrec.functions.model.EarlyLoad;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * The Lambda handler of the JVM deployment: Quarkus's stream handler, whose class initialiser first
 * points ONNX Runtime at the package's unpacked natives ({@link UnpackedNatives}), then starts fetching
 * and verifying the current model version ({@link EarlyLoad}) and loading the classes the first request
 * needs ({@link FirstRequestClasses}). Lambda initialises this class before
 * constructing it, and the constructor boots Quarkus, so both run beside the whole boot on the second
 * vCPU instead of after it.
 */
public class RecommendHandler extends QuarkusStreamHandler {
    static {
        UnpackedNatives.useIfPackaged();
        EarlyLoad.prefetchFromEnvironment();
        FirstRequestClasses.preloadInBackground();
    }
}
