package dev.assocrec.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Lambda's managed Java runtime does on a cold start, in a fresh JVM: instantiate the handler
 * named in the function configuration (second argument: {@code dev.assocrec.functions.RecommendHandler},
 * which starts the model load and boots Quarkus) and pass it one event. Prints the answer on one line prefixed {@code ANSWER }, and the
 * wall-clock time of each phase on lines {@code MARK <phase> <epoch ms>}.
 */
public final class ColdInvoke {
    private ColdInvoke() {}

    public static void main(String[] args) throws Exception {
        mark("main");
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Lambda's Init phase: the handler class named in the function configuration is initialised and
        // constructed; the constructor boots Quarkus and (SnapStart's full warm-up, on by default) runs its start-up.
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[1]).getDeclaredConstructor().newInstance();
        mark("init");
        handler.handleRequest(new ByteArrayInputStream(event), out, new BenchContext());
        mark("answer");
        System.out.println("ANSWER " + out.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.flush();
        System.exit(0);
    }

    /** Wall-clock time of a phase, for StartupBench's breakdown (the process start is its own clock reading). */
    private static void mark(String phase) {
        System.out.println("MARK " + phase + " " + System.currentTimeMillis());
    }

    private static final class BenchContext implements Context {
        @Override public String getAwsRequestId() { return "cold-start-1"; }
        @Override public String getLogGroupName() { return "bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "recommend"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:recommend"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 60_000; }
        @Override public int getMemoryLimitInMB() { return 2048; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.println(message); }
                @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
