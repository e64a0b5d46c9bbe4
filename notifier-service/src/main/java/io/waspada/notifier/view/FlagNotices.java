package io.waspada.notifier.view;

import io.waspada.avro.Alert;
import io.waspada.avro.Flag;
import io.waspada.notifier.i18n.Catalogue;
import io.waspada.notifier.i18n.Language;
import java.util.List;

/**
 * What an alert's jurisdiction flags tell whoever acts on it, one line per flag in the alert's order (strictest
 * first), shown before anything else on every channel: the console, the API and WebSocket ({@link AlertJson}), webhooks,
 * email and the CAP {@code instruction}. The words are the catalogue's ({@code flag.notice.<KIND>}), in each language.
 */
public final class FlagNotices {

    private static final Catalogue CATALOGUE = Catalogue.get();

    private FlagNotices() {
    }

    /** The line for one flag in English, naming the agency that set it (whom to contact) and, for INFORM_ONLY, where. */
    public static String of(Flag flag) {
        return of(flag, Language.EN);
    }

    /** The line for one flag in {@code language}. */
    public static String of(Flag flag, Language language) {
        return CATALOGUE.text(language, "flag.notice." + flag.getKind().name(), "agency", flag.getAgency(),
                "jurisdiction", flag.getJurisdiction() == null ? "" : flag.getJurisdiction());
    }

    /** The alert's notices in English, strictest first; empty when it has no flags. */
    public static List<String> of(Alert alert) {
        return of(alert, Language.EN);
    }

    /** The alert's notices in {@code language}, strictest first. */
    public static List<String> of(Alert alert, Language language) {
        return alert.getFlags().stream().map(flag -> of(flag, language)).toList();
    }
}
