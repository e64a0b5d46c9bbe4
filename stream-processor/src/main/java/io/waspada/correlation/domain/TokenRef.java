package io.waspada.correlation.domain;

/** A pseudonymised identifier as the rules see it: its scheme (PASSPORT, PHONE, ...) and its token. */
public record TokenRef(String scheme, String token) {
}
