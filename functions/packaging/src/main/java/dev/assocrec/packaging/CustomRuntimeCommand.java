package dev.assocrec.packaging;

import dev.assocrec.packaging.lambda.CustomRuntimePackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code custom-runtime --zip target/function.zip …}: run by the recommend function's build after
 * merge-libraries; adds the jlinked JVM, the AppCDS archive and the bootstrap ({@link CustomRuntimePackage}).
 */
@Command(name = "custom-runtime", mixinStandardHelpOptions = true,
        description = "Adds a jlinked JVM, an AppCDS archive recorded with it, and a bootstrap to a Lambda function.zip.")
public final class CustomRuntimeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--zip", required = true, description = "the deployment package to extend, in place")
    Path zip;

    @Option(names = "--work", required = true, description = "folder for the unpacked package and the logs")
    Path work;

    @Option(names = "--jdk", description = "the JDK to link (default: the JDK running the build)")
    Path jdk = Path.of(System.getProperty("java.home"));

    @Option(names = "--modules", required = true, split = ",", description = "JDK modules of the runtime")
    List<String> modules;

    @Option(names = "--main", required = true, description = "main class the bootstrap starts")
    String mainClass;

    @Option(names = "--record-jvm", description = "JVM option of the recording start (repeatable)")
    List<String> recordingJvm = new ArrayList<>();

    @Option(names = "--record-env", description = "NAME=VALUE in the recording start's environment (repeatable)")
    List<String> recordingEnv = new ArrayList<>();

    @Option(names = "--record-event", required = true, description = "event file handed to the recording start (repeatable)")
    List<Path> recordingEvents;

    public static void main(String[] args) {
        int code = new CommandLine(new CustomRuntimeCommand()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("custom-runtime: " + e.getMessage());
            return 1;
        }).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        String why = CustomRuntimePackage.cannotLink(jdk);
        if (why != null) {
            // The package stays a managed-runtime (java17) package; BootstrapIT skips and says why.
            System.out.println("custom-runtime: WARNING " + why + ": no runtime/, bootstrap or AppCDS archive added to " + zip);
            return 0;
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : recordingEnv) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--record-env needs NAME=VALUE: '" + pair + "'");
            }
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        for (Path event : recordingEvents) {
            if (!Files.isRegularFile(event)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--record-event: no such file: " + event);
            }
        }
        long started = System.nanoTime();
        var result = CustomRuntimePackage.build(new CustomRuntimePackage.Settings(zip, work, jdk, modules, mainClass,
                recordingJvm, env, recordingEvents));
        System.out.printf("%s: custom runtime for Lambda architecture %s added (runtime %,d bytes from %s, AppCDS archive"
                        + " %,d bytes); package %,d bytes zipped, %,d unzipped; %.1f s%n", zip, result.architecture(),
                result.runtimeBytes(), jdk, result.archiveBytes(), result.zipBytes(), result.unzippedBytes(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
