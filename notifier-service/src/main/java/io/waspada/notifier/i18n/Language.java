package io.waspada.notifier.i18n;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The languages Waspada speaks: each has a message catalogue ({@code i18n/messages_<code>.properties}) and the tag its
 * CAP {@code <info>} blocks carry. Adding one: a constant here and a catalogue with every key (CatalogueTest).
 */
public enum Language {
    EN("en", "en-US"),
    MS("ms", "ms-MY"),
    ID("id", "id-ID");

    /** What officers, the routing file and the API write: {@code en}, {@code ms}, {@code id}. */
    private final String code;
    /** RFC 3066 tag for CAP's {@code <language>}. */
    private final String capTag;

    Language(String code, String capTag) {
        this.code = code;
        this.capTag = capTag;
    }

    public String code() {
        return code;
    }

    public String capTag() {
        return capTag;
    }

    /** The language with this code (exactly {@code en}, {@code ms} or {@code id}, any case), or empty. */
    public static Optional<Language> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(l -> l.code.equalsIgnoreCase(code.strip())).findFirst();
    }

    /**
     * The language of a BCP 47 tag such as an OIDC {@code locale} claim ({@code ms-MY}, {@code id_ID}, {@code en}),
     * by its primary subtag; empty for any other.
     */
    public static Optional<Language> ofLocale(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        return of(tag.strip().split("[-_]", 2)[0]);
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Language::code).toList();
    }
}
