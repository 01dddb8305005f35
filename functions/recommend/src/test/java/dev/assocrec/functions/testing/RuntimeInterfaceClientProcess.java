package dev.assocrec.functions.testing;

import dev.assocrec.packaging.lambda.LambdaPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An unpacked deployment package started in a JVM of its own the way Lambda's managed Java runtime starts
 * it: AWS's runtime interface client ({@value #MAIN}, with its libraries, as in {@code /var/runtime/lib}) is
 * the whole class path, the handler is its argument, the working directory is the package root (the client
 * builds the function's class loader from it and its {@code lib/*.jar}), and the environment holds what
 * the Lambda service sets plus the function's own variables. Standard output and error go to a log file.
 */
public final class RuntimeInterfaceClientProcess implements AutoCloseable {
    public static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    public static final String FUNCTION_NAME = "assocrec-recommend";
    public static final String REGION = "eu-west-1";
    public static final int MEMORY_MB = 512;

    private final Process process;
    private final Path log;

    private RuntimeInterfaceClientProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static String functionArn() {
        return "arn:aws:lambda:" + REGION + ":000000000000:function:" + FUNCTION_NAME;
    }

    /**
     * Starts the runtime client from the jars in {@code runtimeLib} on the package unpacked in {@code task},
     * polling the Runtime API at {@code runtimeApi} (host:port).
     */
    public static RuntimeInterfaceClientProcess start(Path runtimeLib, Path task, String handler, String runtimeApi,
                                                      Map<String, String> functionEnvironment, Path log) throws IOException {
        if (!Files.isDirectory(runtimeLib)) {
            throw new IllegalStateException("no " + runtimeLib + ": the build copies the runtime interface client there"
                    + " before the integration tests (maven-dependency-plugin in functions/recommend/pom.xml)");
        }
        // The managed runtime sizes the heap from the function's memory and uses the serial collector.
        List<String> command = List.of(LambdaPackage.javaExecutable().toString(),
                "-XX:MaxHeapSize=" + MEMORY_MB * 85 / 100 + "m", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true",
                "-cp", runtimeLib.toAbsolutePath() + "/*", MAIN, handler);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment(runtimeLib, task, handler, runtimeApi));
        builder.environment().putAll(functionEnvironment);
        return new RuntimeInterfaceClientProcess(builder.start(), log);
    }

    /** The variables the Lambda service sets in a Java function's sandbox (those the client and Quarkus read). */
    private static Map<String, String> lambdaEnvironment(Path runtimeLib, Path task, String handler, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", handler);
        env.put("LAMBDA_TASK_ROOT", task.toAbsolutePath().toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeLib.toAbsolutePath().getParent().toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/02/[$LATEST]0123456789abcdef");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        return env;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the JVM exits. */
    public CompletableFuture<Process> exit() {
        return process.onExit();
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the JVM's output. */
    public String logTail(int lines) {
        try {
            // Decoded leniently: a log cut off mid-character still prints.
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the JVM as Lambda stops a sandbox: SIGTERM, then SIGKILL if it has not exited within 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the function's JVM (pid " + process.pid() + ") did not stop");
            }
        }
    }
}
