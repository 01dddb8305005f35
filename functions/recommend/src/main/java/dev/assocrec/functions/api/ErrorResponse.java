package dev.assocrec.functions.api;

/** Body of every error answer: the HTTP status and what was wrong. */
public record ErrorResponse(int status, String error) {}
