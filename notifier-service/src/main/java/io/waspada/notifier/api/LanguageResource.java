package io.waspada.notifier.api;

import io.waspada.notifier.i18n.Catalogue;
import io.waspada.notifier.i18n.Language;
import io.waspada.notifier.i18n.OfficerZone;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.TaskForce;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The browser pages' texts and the officer's language and time zone. {@code GET /api/v1/messages?lang=ms} is open to
 * all (the sign-in page needs it, and it holds no secret): the {@code ui.*} and {@code common.*} texts of the
 * catalogue, the languages and the time zones; an unknown {@code lang} is a 400 naming the field, never echoed.
 * {@code GET /api/v1/preferences} answers the signed-in officer's language and time zone: the token's OIDC claims
 * {@code locale} and {@code zoneinfo} where they name a known one, else the task force's defaults from the routing file.
 */
@Path("/api/v1")
@Tag(name = "languages", description = "Texts per language, and the officer's language and time zone")
public class LanguageResource {

    static final String LOCALE_CLAIM = "locale";
    static final String ZONE_CLAIM = "zoneinfo";

    /** A language the pages offer. */
    @Schema(name = "LanguageChoice", requiredProperties = {"code", "name"})
    public record Choice(@Schema(enumeration = {"en", "ms", "id"}) String code, String name) {
    }

    /** A time zone the pages offer. */
    @Schema(name = "ZoneChoice", requiredProperties = {"id", "abbreviation", "name"})
    public record ZoneChoice(@Schema(enumeration = {"Asia/Kuala_Lumpur", "Asia/Jakarta", "Asia/Makassar"}) String id,
            @Schema(enumeration = {"MYT", "WIB", "WITA"}) String abbreviation, String name) {
    }

    /** One language's page texts. */
    @Schema(name = "Messages", requiredProperties = {"language", "languages", "zones", "messages"})
    public record Messages(@Schema(enumeration = {"en", "ms", "id"}) String language, List<Choice> languages,
            List<ZoneChoice> zones, Map<String, String> messages) {
    }

    /** The officer's language and time zone, and where each came from. */
    @Schema(name = "Preferences", requiredProperties = {"language", "timeZone", "zone", "languageFrom", "timeZoneFrom"})
    public record Preferences(@Schema(enumeration = {"en", "ms", "id"}) String language,
            @Schema(enumeration = {"Asia/Kuala_Lumpur", "Asia/Jakarta", "Asia/Makassar"}) String timeZone,
            @Schema(enumeration = {"MYT", "WIB", "WITA"}) String zone,
            @Schema(enumeration = {"token", "taskForce"}) String languageFrom,
            @Schema(enumeration = {"token", "taskForce"}) String timeZoneFrom) {
    }

    static final String MESSAGES_EXAMPLE = """
            {"language": "ms", "languages": [{"code": "en", "name": "English"}, {"code": "ms", "name": "Bahasa Malaysia"},
              {"code": "id", "name": "Bahasa Indonesia"}],
             "zones": [{"id": "Asia/Kuala_Lumpur", "abbreviation": "MYT", "name": "Malaysia (MYT)"}],
             "messages": {"ui.alerts.heading": "Amaran", "ui.alert.ack": "Akui"}}""";
    static final String PREFERENCES_EXAMPLE = """
            {"language": "id", "timeZone": "Asia/Jakarta", "zone": "WIB", "languageFrom": "taskForce",
             "timeZoneFrom": "token"}""";
    static final String BAD_LANGUAGE = """
            {"type": "about:blank", "title": "Invalid request", "status": 400, "detail": "lang must be one of en, ms, id",
             "field": "lang"}""";

    @Inject
    Router router;
    @Inject
    JsonWebToken caller;

    @GET
    @Path("/messages")
    @PermitAll
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "The console's and ops page's texts in one language (no credential needed)")
    @APIResponse(responseCode = "200", description = "The texts, languages and time zones",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Messages.class),
                    examples = @ExampleObject(name = "ms", value = MESSAGES_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "lang is not a known language",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown language", value = BAD_LANGUAGE)))
    public Response messages(@QueryParam("lang") @Parameter(description = "en (default), ms or id",
            schema = @Schema(enumeration = {"en", "ms", "id"})) String lang) {
        Optional<Language> language = lang == null ? Optional.of(Language.EN) : Language.of(lang);
        if (language.isEmpty()) {
            return invalidLanguage();
        }
        Catalogue catalogue = Catalogue.get();
        Language l = language.get();
        Map<String, String> texts = new java.util.TreeMap<>(catalogue.ui(l));
        catalogue.all(l).forEach((key, value) -> {
            if (key.startsWith("common.")) {
                texts.put(key, value);
            }
        });
        List<Choice> languages = Arrays.stream(Language.values())
                .map(x -> new Choice(x.code(), catalogue.text(x, "language.name"))).toList();
        List<ZoneChoice> zones = Arrays.stream(OfficerZone.values())
                .map(z -> new ZoneChoice(z.id(), z.abbreviation(), catalogue.text(l, "common.zone." + z.abbreviation())))
                .toList();
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(new Messages(l.code(), languages, zones, texts)).cacheControl(cache).build();
    }

    @GET
    @Path("/preferences")
    @RolesAllowed({"officer", "ops", "admin"})
    @SecurityRequirement(name = "officer")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "The signed-in officer's language and time zone (token claims, else the task force's defaults)")
    @APIResponse(responseCode = "200", description = "Language and time zone",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Preferences.class),
                    examples = @ExampleObject(name = "liaison", value = PREFERENCES_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN)))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_AN_OFFICER)))
    public Preferences preferences() {
        return preferencesOf(caller, router);
    }

    /** The officer's language and zone: the token's claims when known, else the task force's defaults. */
    static Preferences preferencesOf(JsonWebToken jwt, Router router) {
        Optional<TaskForce> taskForce = Optional.ofNullable(jwt.<Object>getClaim("taskForce"))
                .map(Object::toString).flatMap(router.config()::taskForce);
        Optional<Language> claimed = Language.ofLocale(claim(jwt, LOCALE_CLAIM));
        Optional<OfficerZone> zoneClaimed = OfficerZone.of(claim(jwt, ZONE_CLAIM));
        Language language = claimed.orElse(taskForce.map(TaskForce::language).orElse(Language.EN));
        OfficerZone zone = zoneClaimed.orElse(taskForce.map(TaskForce::zone).orElse(OfficerZone.MYT));
        return new Preferences(language.code(), zone.id(), zone.abbreviation(),
                claimed.isPresent() ? "token" : "taskForce", zoneClaimed.isPresent() ? "token" : "taskForce");
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        return value == null ? null : value.toString().replaceAll("^\"|\"$", "");
    }

    /** 400 naming {@code lang}; the value given is not repeated. */
    static Response invalidLanguage() {
        return Problem.badRequest("lang", "lang must be one of " + String.join(", ", Language.codes()));
    }

    /** 400 naming {@code tz}; the value given is not repeated. */
    static Response invalidZone() {
        return Problem.badRequest("tz", "tz must be one of " + String.join(", ", OfficerZone.ids()));
    }
}
