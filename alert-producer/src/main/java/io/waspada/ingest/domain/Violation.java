package io.waspada.ingest.domain;

/**
 * One thing wrong with a request: the JSON path of the field ({@code subjects[1].identifiers[0].value}),
 * the rule it broke ({@code required}, {@code enum}, {@code range}, ...) and a message for the client.
 * Messages never echo an identifier's value, so they are safe to log.
 */
public record Violation(String field, String rule, String message) {
}
