package dev.assocrec.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code merge-libraries --zip target/function.zip}: run by the function modules' build after Quarkus's. */
@Command(name = "merge-libraries", mixinStandardHelpOptions = true,
        description = "Merges the lib/*.jar of a Lambda deployment package (function.zip) into one jar, in place.")
public final class MergeLibrariesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--zip", required = true, description = "the deployment package to rewrite")
    Path zip;

    @Option(names = "--jar-name", defaultValue = "function-libraries.jar", description = "name of the merged jar in lib/")
    String jarName;

    @Option(names = "--store-classes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "write .class entries uncompressed (default; the package itself is still compressed)")
    boolean storeClasses;

    @Option(names = "--unpack", paramLabel = "<jar folder>/=<package folder>/",
            description = "write the files under a folder of the jars unpacked into the package instead of into the "
                    + "merged jar, e.g. ai/onnxruntime/native/=native/onnxruntime/ (repeatable)")
    List<String> unpack = new ArrayList<>();

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Failures print their message (which names the file), not a stack trace; exit code 1 fails the build. */
    static CommandLine commandLine() {
        return new CommandLine(new MergeLibrariesCommand()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("merge-libraries: " + e.getMessage());
            return 1;
        });
    }

    @Override
    public Integer call() throws Exception {
        if (jarName.contains("/") || !jarName.endsWith(".jar")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--jar-name must be a plain file name ending in .jar: '" + jarName + "'");
        }
        List<FunctionZipRewriter.Unpack> unpacks = new ArrayList<>();
        for (String mapping : unpack) {
            int eq = mapping.indexOf('=');
            try {
                if (eq < 0) {
                    throw new IllegalArgumentException("--unpack needs <jar folder>/=<package folder>/: '" + mapping + "'");
                }
                unpacks.add(new FunctionZipRewriter.Unpack(mapping.substring(0, eq), mapping.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        var result = new FunctionZipRewriter(new LibraryJarMerger(storeClasses)).mergeLibraries(zip, jarName, unpacks);
        if (!result.rewritten()) {
            System.out.printf("%s: %d jar(s) in lib/, nothing to merge%n", zip, result.jarsBefore());
            return 0;
        }
        var summary = result.merge();
        System.out.printf("%s: merged %d jars of lib/ into lib/%s (%,d entries, %d service files concatenated%s)%n",
                zip, summary.jars(), jarName, summary.entries(), summary.servicesConcatenated(),
                summary.multiRelease() ? ", Multi-Release" : "");
        long classes = summary.shadowed().stream().filter(s -> s.contains(".class ")).count();
        System.out.printf("  %d later copies of a name dropped as the class path ignored them (%d classes)%n",
                summary.shadowed().size(), classes);
        summary.shadowed().stream().filter(s -> s.contains(".class ")).forEach(s -> System.out.println("    " + s));
        result.unpacked().forEach(name -> System.out.println("  unpacked " + name));
        if (summary.leftOut() > 0) {
            System.out.printf("  %d entries (%,d bytes) moved out of the merged jar: the package holds them unpacked%n",
                    summary.leftOut(), summary.leftOutBytes());
        }
        summary.classPathAttributes().forEach(s -> System.out.println("  Class-Path attribute not carried over: " + s));
        return 0;
    }
}
