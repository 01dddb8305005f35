package dev.assocrec.functions;

/** A client mistake; answered with HTTP 400 and this message. */
public class BadRequestException extends RuntimeException {
    private static final int MAX_ECHOED_CHARS = 40;

    public BadRequestException(String message) {
        super(message);
    }

    /** A value the client sent, as a message repeats it: cut at 40 characters so an error stays one short line. */
    public static String echo(String value) {
        return value.length() <= MAX_ECHOED_CHARS ? value : value.substring(0, MAX_ECHOED_CHARS) + "…";
    }
}
