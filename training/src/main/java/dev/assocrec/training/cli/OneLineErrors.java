package dev.assocrec.training.cli;

import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.util.CommandName;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every error ends as one line on standard error, {@code error: <what and where>}, and its exit code:
 * 2 for what the user can fix (options, input files, store locations), 1 for the rest. Stack traces
 * only with {@code --verbose}.
 */
final class OneLineErrors {
    /** Options picocli could not parse: the problem and where the options are listed, not the whole usage. */
    int onBadOptions(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String problem = e instanceof CommandLine.MissingParameterException missing
                ? missing(missing) : e.getMessage();
        print(command.getErr(), problem + " (" + helpFor(command) + " lists the options)");
        return AssocrecCli.EXIT_BAD_INPUT;
    }

    int onFailure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof BadInputException) {
            print(err, e.getMessage());
            return AssocrecCli.EXIT_BAD_INPUT;
        }
        // The handler gets the root's parse result; --verbose is matched on the subcommand that ran.
        boolean verbose = command.getParseResult().hasMatchedOption("--verbose");
        if (verbose) {
            e.printStackTrace(err);
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage();
        print(err, message + (verbose ? "" : " (--verbose prints the stack trace)"));
        return AssocrecCli.EXIT_FAILURE;
    }

    private static String missing(CommandLine.MissingParameterException e) {
        return e.getMissing().stream().map(OneLineErrors::describe).collect(Collectors.joining(", "))
                + (e.getMissing().size() == 1 ? " is" : " are") + " required";
    }

    private static String describe(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            return option.names()[0] + " " + option.paramLabel();
        }
        return arg.paramLabel();
    }

    private static String helpFor(CommandLine command) {
        String sub = command.getParent() == null ? "" : " " + command.getCommandName();
        return "'" + CommandName.get() + " help" + sub + "'";
    }

    /** Multi-line messages (a library's, or a list of bad rows) are joined: a log keeps one line per error. */
    private static void print(PrintWriter err, String message) {
        err.println("error: " + message.strip().replaceAll("\\s*\\R\\s*", "; "));
        err.flush();
    }
}
