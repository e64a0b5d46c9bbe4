package io.waspada.notifier.api;

import io.waspada.avro.Alert;
import io.waspada.notifier.i18n.AlertTexts;
import io.waspada.notifier.i18n.Language;
import io.waspada.notifier.i18n.OfficerZone;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertJson;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@code lang} and {@code tz} query parameters of the officer alert endpoints: with either, {@code title} and
 * {@code summary} are the alert's in that language (times in that zone), the other taken from the officer's
 * preferences; with neither, they are the record's own English, as before.
 */
record AlertLanguage(Language language, OfficerZone zone) {

    private static final AlertTexts TEXTS = AlertTexts.standard();

    /** A 400 naming the bad parameter, or null when both are absent or known. */
    static Response problem(String lang, String tz) {
        if (lang != null && Language.of(lang).isEmpty()) {
            return LanguageResource.invalidLanguage();
        }
        if (tz != null && OfficerZone.of(tz).isEmpty()) {
            return LanguageResource.invalidZone();
        }
        return null;
    }

    /** The chosen language and zone (call after {@link #problem}), or empty for the record's own text. */
    static Optional<AlertLanguage> of(String lang, String tz, JsonWebToken caller, Router router) {
        if (lang == null && tz == null) {
            return Optional.empty();
        }
        LanguageResource.Preferences preferred = LanguageResource.preferencesOf(caller, router);
        return Optional.of(new AlertLanguage(
                Language.of(lang).orElseGet(() -> Language.of(preferred.language()).orElseThrow()),
                OfficerZone.of(tz).orElseGet(() -> OfficerZone.of(preferred.timeZone()).orElseThrow())));
    }

    AlertJson apply(AlertJson json, Alert alert) {
        return json.withText(TEXTS.title(alert, language), TEXTS.summary(alert, language, zone),
                AlertJson.FlagJson.of(alert.getFlags(), language));
    }
}
