package io.waspada.ingest.followup;

import com.fasterxml.jackson.databind.JsonNode;
import io.waspada.ingest.domain.Violation;
import io.waspada.privacy.FreeTextScrubber;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an agency's answer ({@code text}, optional {@code fields}: string values under short keys) or refusal
 * ({@code reason}) to a follow-up request, bounded; every violation is named; identifier-shaped values in the free
 * text are masked before anything is written (topics carry tokens, never raw numbers).
 */
public final class ReplyReader {

    public static final int MAX_TEXT = 4000;
    public static final int MAX_REASON = 1000;
    public static final int MAX_FIELDS = 20;
    public static final int MAX_VALUE = 500;
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final FreeTextScrubber scrubber = FreeTextScrubber.silent();

    /** What was read: the scrubbed text or reason and fields, or the violations (then nothing is written). */
    public record Read(String text, Map<String, String> fields, List<Violation> violations) {
    }

    public Read answer(JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Read(null, null, List.of(new Violation("$", "type", "must be a JSON object")));
        }
        String text = text(body, "text", MAX_TEXT, violations);
        Map<String, String> fields = null;
        JsonNode given = body.get("fields");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                violations.add(new Violation("fields", "type", "must be an object of string values"));
            } else if (given.size() > MAX_FIELDS) {
                violations.add(new Violation("fields", "max-items", "at most " + MAX_FIELDS + " fields"));
            } else {
                fields = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String path = "fields." + (KEY.matcher(field.getKey()).matches() ? field.getKey() : "?");
                    if (!KEY.matcher(field.getKey()).matches()) {
                        violations.add(new Violation(path, "code", "keys are a letter then up to 63 letters, digits, _ . -"));
                    } else if (!field.getValue().isTextual()) {
                        violations.add(new Violation(path, "type", "must be a string"));
                    } else if (field.getValue().asText().length() > MAX_VALUE) {
                        violations.add(new Violation(path, "max-length", "at most " + MAX_VALUE + " characters"));
                    } else {
                        fields.put(field.getKey(), scrubber.scrub("followUp.field", field.getValue().asText()));
                    }
                }
            }
        }
        unknown(body, List.of("text", "fields"), violations);
        return new Read(text, fields, violations);
    }

    public Read decline(JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Read(null, null, List.of(new Violation("$", "type", "must be a JSON object")));
        }
        String reason = text(body, "reason", MAX_REASON, violations);
        unknown(body, List.of("reason"), violations);
        return new Read(reason, null, violations);
    }

    private String text(JsonNode body, String name, int max, List<Violation> violations) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            violations.add(new Violation(name, "required", "is required"));
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(name, "type", "must be a string"));
            return null;
        }
        if (node.asText().length() > max) {
            violations.add(new Violation(name, "max-length", "at most " + max + " characters"));
            return null;
        }
        return scrubber.scrub("followUp." + name, node.asText().strip());
    }

    private static void unknown(JsonNode body, List<String> known, List<Violation> violations) {
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                violations.add(new Violation(known.contains(name) ? name : "$", "unknown-field", "unknown field"));
            }
        });
    }
}
