package dev.assocrec.training.container;

import dev.assocrec.training.ingest.BadInputException;
import java.time.Duration;
import java.time.Instant;

/**
 * Which event files a run trains on, by age: those modified (S3 LastModified, local mtime) within the
 * last {@code days} days, so that input and cost stop growing with the store's history; 0 takes every
 * file.
 *
 * @param now the moment the window ends (the run's start; injectable for tests)
 */
record EventWindow(int days, Instant now) {
    /** The environment variable that sets the window. */
    static final String VARIABLE = "ASSOCREC_EVENTS_WINDOW_DAYS";

    /** The window a variable's value asks for: unset, empty or 0 = every file. */
    static EventWindow parse(String value, Instant now) throws BadInputException {
        if (value == null || value.isBlank()) {
            return new EventWindow(0, now);
        }
        try {
            int days = Integer.parseInt(value.strip());
            if (days >= 0) {
                return new EventWindow(days, now);
            }
        } catch (NumberFormatException e) {
            // Reported below with the value, like a negative number.
        }
        throw new BadInputException(VARIABLE + " '" + value + "': not a whole number of days >= 0 (0 or unset "
                + "takes every event file)");
    }

    boolean takesAll() {
        return days == 0;
    }

    /** The oldest modification time still inside the window. */
    Instant cutoff() {
        return now.minus(Duration.ofDays(days));
    }

    boolean includes(Instant lastModified) {
        return takesAll() || !lastModified.isBefore(cutoff());
    }

    String describe() {
        return takesAll() ? "no window (" + VARIABLE + " unset or 0)"
                : "modified in the last " + days + " days (since " + cutoff() + ")";
    }
}
