package io.waspada.correlation.domain;

/**
 * What evidence is correlated on: an identifier token ({@code t:<token>}) or a border site
 * ({@code s:<site>}). The string form is the key of the repartition topic and of every state store.
 */
public record CorrelationKey(Kind kind, String value) {

    /** The two kinds of correlation key. */
    public enum Kind { TOKEN, SITE }

    public static CorrelationKey token(String token) {
        return new CorrelationKey(Kind.TOKEN, token);
    }

    public static CorrelationKey site(String site) {
        return new CorrelationKey(Kind.SITE, site);
    }

    public static CorrelationKey parse(String key) {
        if (key.startsWith("t:")) {
            return token(key.substring(2));
        }
        if (key.startsWith("s:")) {
            return site(key.substring(2));
        }
        throw new IllegalArgumentException("Not a correlation key: " + key);
    }

    public boolean isToken() {
        return kind == Kind.TOKEN;
    }

    /** The store and topic key. */
    public String asString() {
        return (kind == Kind.TOKEN ? "t:" : "s:") + value;
    }

    @Override
    public String toString() {
        return asString();
    }
}
