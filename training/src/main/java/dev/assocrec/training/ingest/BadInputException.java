package dev.assocrec.training.ingest;

/**
 * The input is wrong in a way the user must fix: the message names the file and, where there is one,
 * the line (or row), the column and the offending value. The CLI prints it without a stack trace.
 */
public class BadInputException extends Exception {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file line 7, column event_type, value 'bogus': problem". */
    public static BadInputException at(String file, String position, String column, String value, String problem) {
        StringBuilder b = new StringBuilder(file);
        if (position != null) {
            b.append(' ').append(position);
        }
        if (column != null) {
            b.append(", column ").append(column);
        }
        if (value != null) {
            b.append(", value '").append(value).append('\'');
        }
        return new BadInputException(b.append(": ").append(problem).toString());
    }
}
