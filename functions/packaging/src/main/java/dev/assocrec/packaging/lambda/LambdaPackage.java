package dev.assocrec.packaging.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The deployment package as Lambda's Java runtime treats it: unpacked into a task folder and started in a
 * fresh JVM by {@link ColdInvoke}, which is handed one API Gateway v2 event. Shared by
 * {@code PackagedFunctionIT} and the start-up benchmark (functions/bench).
 */
public final class LambdaPackage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaPackage() {}

    /**
     * {@code function.zip} unpacked afresh into {@code task}, as Lambda unpacks it into {@code /var/task}, with the
     * entries' POSIX permissions where the zip records them (a custom runtime's bootstrap and JVM are executable).
     */
    public static Path unpack(Path functionZip, Path task) throws IOException {
        if (!Files.isRegularFile(functionZip)) {
            throw new IllegalStateException("no " + functionZip + ": run ./mvnw package first");
        }
        deleteTree(task);
        Files.createDirectories(task);
        URI uri = URI.create("jar:" + functionZip.toAbsolutePath().toUri());
        try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of("enablePosixFileAttributes", "true"))) {
            Path root = zip.getPath("/");
            List<Path> entries;
            try (Stream<Path> all = Files.walk(root)) {
                entries = all.filter(p -> !p.equals(root)).toList();
            }
            for (Path entry : entries) {
                Path to = task.resolve(root.relativize(entry).toString()).normalize();
                if (!to.startsWith(task)) {
                    throw new IOException(functionZip + ": entry outside the package root: " + entry);
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(entry, to);
                    Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(entry));
                }
            }
        }
        return task;
    }

    /**
     * The command line of a cold start of the unpacked package: the runtime's own classes (ColdInvoke, in
     * {@code ownJar}, and the Lambda interfaces it calls) on the JVM's class path, the function's behind a
     * loader of their own, as on Lambda.
     */
    public static List<String> coldStartCommand(List<String> jvmOptions, Path ownJar, Path event, String handler,
                                                Path task) {
        List<String> command = new ArrayList<>(List.of(javaExecutable().toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", ownJar + File.pathSeparator + lambdaCoreJar(), ColdInvoke.class.getName(),
                event.toString(), handler, task.toString()));
        return command;
    }

    /** The java launcher of the JVM running the tests, for the function's own JVM. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** An API Gateway HTTP API (payload 2.0) event: {@code POST path} with a JSON body. */
    public static String postEvent(String path, String jsonBody) throws IOException {
        return event("POST", path, jsonBody);
    }

    /** An API Gateway HTTP API (payload 2.0) event: {@code method path} with a JSON body, or none if null. */
    public static String event(String method, String path, String jsonBody) throws IOException {
        ObjectNode http = JSON.createObjectNode().put("method", method).put("path", path)
                .put("protocol", "HTTP/1.1").put("sourceIp", "127.0.0.1").put("userAgent", "cold-start");
        ObjectNode context = JSON.createObjectNode().put("accountId", "000000000000").put("apiId", "cold-start")
                .put("domainName", "localhost").put("requestId", "cold-start-1").put("routeKey", "$default")
                .put("stage", "$default").put("time", "28/Nov/2026:12:00:00 +0000").put("timeEpoch", 1795867200000L);
        context.set("http", http);
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default")
                .put("rawPath", path).put("rawQueryString", "").put("isBase64Encoded", false);
        ObjectNode headers = JSON.createObjectNode().put("host", "localhost");
        if (jsonBody != null) {
            event.put("body", jsonBody);
            headers.put("content-type", "application/json");
        }
        event.set("headers", headers);
        event.set("requestContext", context);
        return JSON.writeValueAsString(event);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The runtime's copy of the Lambda interfaces (the package's own copy is merged into its library jar). */
    private static Path lambdaCoreJar() {
        try {
            return Path.of(RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the aws-lambda-java-core jar", e);
        }
    }
}
