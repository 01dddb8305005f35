package dev.assocrec.functions.model;

/**
 * A CDI event fired after every attempt to serve a version ({@link ModelManager}): served, or refused
 * and why. Lets an operator's observer (or a test) follow hot swaps without polling or log scraping.
 *
 * @param problem null when served; else the refusal's reason
 */
public record VersionOutcome(String version, boolean served, boolean invalidContent, String problem) {}
