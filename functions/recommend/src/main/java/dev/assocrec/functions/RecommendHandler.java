package dev.assocrec.functions;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * The Lambda handler of the JVM deployment: Quarkus's stream handler. Lambda initialises this class
 * before constructing it, and the constructor boots Quarkus, so the class initialiser is the one moment
 * before the boot: it starts the work listed in {@link BeforeBoot} beside the boot, on the second vCPU.
 * It reads nothing itself: what {@link BeforeBoot} needs before configuration exists comes from the system
 * properties and environment by the configuration's own names ({@code EarlyLoad}).
 */
public class RecommendHandler extends QuarkusStreamHandler {
    static {
        BeforeBoot.start();
    }
}
