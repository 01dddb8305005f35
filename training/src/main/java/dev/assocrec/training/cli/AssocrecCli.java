package dev.assocrec.training.cli;

import dev.assocrec.training.util.CommandName;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The training app's command line: {@code java -jar assocrec-training.jar <command> [options]}. */
@Command(name = "assocrec",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        versionProvider = AssocrecCli.Version.class,
        usageHelpAutoWidth = true,
        description = {
            "Learns which products go together from a shop's behaviour logs (views,",
            "carts, purchases) with a graph neural network, and publishes the model",
            "for the serving functions.",
            "",
            "Start here:",
            "  ${ROOT-COMMAND-NAME} demo",
            "  ${ROOT-COMMAND-NAME} inspect --events demo-store/shop/events.csv",
            "",
            "Run '${ROOT-COMMAND-NAME} help COMMAND' for a command's options. Errors are one",
            "line; --verbose adds the stack trace of an unexpected failure."},
        footer = {"", "Exit codes: 0 ok (for train: published, or stored while a rollback pins",
            "current); 2 bad input or options (the message says what to fix); 3 train stored",
            "the new version but the quality gate kept it from becoming current (the serving",
            "version stays); 1 any other failure."},
        subcommands = {GenerateCommand.class, InspectCommand.class, DemoCommand.class, TrainCommand.class,
            EvaluateCommand.class, PublishCommand.class, VersionsCommand.class, RollbackCommand.class,
            UnpinCommand.class, CommandLine.HelpCommand.class})
public final class AssocrecCli {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an unexpected failure (errors are one line otherwise).")
    boolean verbose;

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;
    /** {@code train}: the version is stored but failed the quality gate; the serving version stays current. */
    public static final int EXIT_NOT_PUBLISHED = 3;

    public static void main(String[] args) {
        // Never fetch an engine at run time: the CPU libtorch is bundled, the GPU image caches its build.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AssocrecCli());
        cli.setCommandName(CommandName.get());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(new OneLineErrors()::onBadOptions);
        cli.setExecutionExceptionHandler(new OneLineErrors()::onFailure);
        return cli.execute(args);
    }

    /** The version from the jar manifest (absent when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AssocrecCli.class.getPackage().getImplementationVersion();
            return new String[] {"assocrec training " + (v == null ? "(development build)" : v)};
        }
    }
}
