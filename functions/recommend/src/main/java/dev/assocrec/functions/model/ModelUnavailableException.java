package dev.assocrec.functions.model;

/** No model version has loaded yet; answered with HTTP 503. */
public class ModelUnavailableException extends RuntimeException {
    public ModelUnavailableException(String message) {
        super(message);
    }
}
