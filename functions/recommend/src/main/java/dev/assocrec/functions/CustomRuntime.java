package dev.assocrec.functions;

import io.quarkus.amazon.lambda.runtime.AbstractLambdaPollLoop;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaContext;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import io.quarkus.amazon.lambda.runtime.LambdaInputReader;
import io.quarkus.amazon.lambda.runtime.LambdaOutputWriter;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.ShutdownContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of the custom runtime ({@code provided.al2023}): function.zip's {@code bootstrap} starts the
 * JVM shipped beside it on this class (functions/packaging, {@code CustomRuntimeCommand}). It does what Lambda's
 * managed Java runtime does with the handler {@code RecommendHandler::handleRequest}: Init initialises the
 * handler class (which starts the model load, {@link BeforeBoot}) and boots Quarkus, then the process polls the
 * Lambda Runtime API ({@code AWS_LAMBDA_RUNTIME_API}) and passes each event to Quarkus's Lambda handler. The poll loop is Quarkus's
 * own ({@link AbstractLambdaPollLoop}, which a native build's bootstrap runs); Quarkus starts it only in native
 * and test mode, so a JVM started on the package starts it here. An Init failure is posted to
 * {@code /runtime/init/error} and the process exits 1, as the managed runtime does.
 *
 * <p>With {@code -Dassocrec.runtime.marks=true} it prints {@code MARK main|init <epoch ms>} for the start-up
 * benchmark (functions/bench {@code StartupBench}).
 */
public final class CustomRuntime {
    private CustomRuntime() {}

    public static void main(String[] args) throws InterruptedException {
        mark("main");
        try {
            // What the managed runtime's Init does with the handler: its class initialiser starts BeforeBoot, the
            // boot follows. Started as an Application (not Quarkus.manualInitialize), which the poll loop checks for.
            Class.forName(RecommendHandler.class.getName(), true, CustomRuntime.class.getClassLoader());
            Application application = (Application) Class.forName("io.quarkus.runner.ApplicationImpl")
                    .getDeclaredConstructor().newInstance();
            application.start(args);
        } catch (Throwable e) {
            e.printStackTrace();
            postInitError(e);
            System.exit(1);
            return;
        }
        mark("init");
        new PollLoop().startPollLoop(new ShutdownContext() {
            @Override
            public void addShutdownTask(Runnable task) {
                Runtime.getRuntime().addShutdownHook(new Thread(task, "lambda-poll-loop-stop"));
            }

            @Override
            public void addLastShutdownTask(Runnable task) {
                addShutdownTask(task);
            }
        });
        // The poll loop runs on a daemon thread; the process lives until Lambda stops the sandbox.
        new CountDownLatch(1).await();
    }

    private static void mark(String phase) {
        if (Boolean.getBoolean("assocrec.runtime.marks")) {
            System.out.println("MARK " + phase + " " + System.currentTimeMillis());
        }
    }

    /** The Runtime API's Init error: the sandbox's Init fails with this type and message instead of timing out. */
    private static void postInitError(Throwable error) {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (api == null) {
            return;
        }
        String body = "{\"errorMessage\":\"" + json(String.valueOf(error.getMessage())) + "\",\"errorType\":\""
                + json(error.getClass().getName()) + "\"}";
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://" + api + "/2018-06-01/runtime/init/error")
                    .toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("Lambda-Runtime-Function-Error-Type", "Runtime.InitError");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            c.getResponseCode();
        } catch (Exception e) {
            System.err.println("custom runtime: could not post the Init error: " + e);
        }
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Quarkus's poll loop on stream events, each passed to the Lambda handler Quarkus chose (as QuarkusStreamHandler does). */
    private static final class PollLoop extends AbstractLambdaPollLoop {
        PollLoop() {
            super(AmazonLambdaMapperRecorder.objectMapper, AmazonLambdaMapperRecorder.cognitoIdReader,
                    AmazonLambdaMapperRecorder.clientCtxReader, LaunchMode.NORMAL);
        }

        @Override
        protected boolean isStream() {
            return true;
        }

        @Override
        protected void processRequest(InputStream input, OutputStream output, AmazonLambdaContext context) throws Exception {
            AmazonLambdaRecorder.handle(input, output, context);
        }

        @Override
        protected Object processRequest(Object input, AmazonLambdaContext context) {
            throw new UnsupportedOperationException("the recommend function takes stream events only");
        }

        @Override
        protected LambdaInputReader<?> getInputReader() {
            return null;
        }

        @Override
        protected LambdaOutputWriter getOutputWriter() {
            return null;
        }
    }
}
