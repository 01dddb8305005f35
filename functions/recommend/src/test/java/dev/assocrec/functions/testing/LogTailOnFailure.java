package dev.assocrec.functions.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints the end of a child process's log when a test or its set-up fails, so that a failure in another
 * JVM is explained in the build output; the failure itself is rethrown unchanged.
 */
public final class LogTailOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private final Supplier<String> tail;

    /** {@code tail}: the log's last lines, or a note that there is no log yet. */
    public LogTailOnFailure(Supplier<String> tail) {
        this.tail = tail;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw print(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw print(context, failure);
    }

    private Throwable print(ExtensionContext context, Throwable failure) {
        System.err.println("---- " + context.getDisplayName() + " failed; the function's log ends with:\n" + tail.get()
                + "\n----");
        return failure;
    }
}
