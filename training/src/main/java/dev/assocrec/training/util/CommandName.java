package dev.assocrec.training.util;

/**
 * How the user runs the CLI, for messages that name a command: the {@code assocrec} launcher passes
 * the path it was started by ({@code -Dassocrec.command}), so a printed command can be pasted and run.
 */
public final class CommandName {
    /** System property the launcher sets; {@code assocrec} when the jar is run some other way. */
    public static final String PROPERTY = "assocrec.command";

    private CommandName() {}

    public static String get() {
        String name = System.getProperty(PROPERTY);
        return name == null || name.isBlank() ? "assocrec" : name;
    }

    /** {@code assocrec <command>}: one command line as the user would type it. */
    public static String of(String command) {
        return get() + " " + command;
    }
}
