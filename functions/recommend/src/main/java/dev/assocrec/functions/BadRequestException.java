package dev.assocrec.functions;

/** A client mistake; answered with HTTP 400 and this message. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
