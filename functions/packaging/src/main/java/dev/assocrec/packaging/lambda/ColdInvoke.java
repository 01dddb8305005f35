package dev.assocrec.packaging.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What Lambda's managed Java runtime does on a cold start, in a fresh JVM: load the handler named in the
 * function configuration (second argument: {@code dev.assocrec.functions.RecommendHandler}, which starts
 * the model load and boots Quarkus) through a class loader over the unpacked function.zip (third argument:
 * the folder, as {@code /var/task}: its root, then {@code lib/*.jar} by name), the runtime's own classes
 * staying on the JVM's class path; construct it and pass it one event. Prints the answer on one line
 * prefixed {@code ANSWER }, and the wall-clock time of each phase on lines {@code MARK <phase> <epoch ms>}.
 * Used by {@code PackagedFunctionIT} (the built package serves) and the start-up benchmark (functions/bench).
 */
public final class ColdInvoke {
    private ColdInvoke() {}

    public static void main(String[] args) throws Exception {
        mark("main");
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClassLoader function = functionClassLoader(Path.of(args[2]));
        Thread.currentThread().setContextClassLoader(function);
        // Lambda's Init phase: the handler class named in the function configuration is initialised and
        // constructed; the constructor boots Quarkus and (SnapStart's full warm-up, on by default) runs its start-up.
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[1], true, function)
                .getDeclaredConstructor().newInstance();
        mark("init");
        handler.handleRequest(new ByteArrayInputStream(event), out, new BenchContext());
        mark("answer");
        System.out.println("ANSWER " + out.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.flush();
        System.exit(0);
    }

    /** The function's class path as Lambda builds it from the deployment package: the root, then lib/*.jar. */
    private static ClassLoader functionClassLoader(Path task) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(task.toUri().toURL());
        try (Stream<Path> jars = Files.list(task.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ColdInvoke.class.getClassLoader());
    }

    /**
     * Writes this class (and its nested classes) into a jar of its own, for the JVM class path of a cold start:
     * nothing else from the tests may sit beside the runtime's classes, and AppCDS refuses a class path with a
     * non-empty directory on it.
     */
    public static Path writeOwnJar(Path jar) throws IOException {
        ClassLoader loader = ColdInvoke.class.getClassLoader();
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : ownClasses()) {
                String resource = type.getName().replace('.', '/') + ".class";
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("cannot read " + resource + " from " + loader);
                    }
                    out.putNextEntry(new JarEntry(resource));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    private static List<Class<?>> ownClasses() {
        List<Class<?>> classes = new ArrayList<>(List.of(ColdInvoke.class));
        classes.addAll(List.of(ColdInvoke.class.getDeclaredClasses()));
        return classes;
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
        @Override public LambdaLogger getLogger() { return new StderrLogger(); }
    }

    private static final class StderrLogger implements LambdaLogger {
        @Override public void log(String message) { System.err.println(message); }
        @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
    }
}
