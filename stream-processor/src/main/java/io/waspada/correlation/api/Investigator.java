package io.waspada.correlation.api;

import io.waspada.avro.Handling;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The officer asking about an identifier, from a verified token: username ({@code upn}), task force ({@code taskForce}
 * claim) and the handling codes the officer is cleared for ({@code handling} claim, a list such as
 * {@code ["H0","H1"]}, set by the identity provider from the officer's task force). A token without the claim is
 * cleared for H0 only: clearance for anything more restricted must be explicit. Unknown codes are ignored.
 */
public record Investigator(String username, String taskForce, Set<Handling> cleared) {

    public static final String TASK_FORCE_CLAIM = "taskForce";
    public static final String HANDLING_CLAIM = "handling";

    public Investigator {
        cleared = cleared.isEmpty() ? EnumSet.noneOf(Handling.class) : EnumSet.copyOf(cleared);
    }

    public static Investigator of(JsonWebToken token) {
        Set<Handling> cleared = EnumSet.noneOf(Handling.class);
        Object claim = token.getClaim(HANDLING_CLAIM);
        if (claim == null) {
            cleared.add(Handling.H0);
        } else {
            for (String code : strings(claim)) {
                for (Handling handling : Handling.values()) {
                    if (handling.name().equals(code)) {
                        cleared.add(handling);
                    }
                }
            }
        }
        Object taskForce = token.getClaim(TASK_FORCE_CLAIM);
        return new Investigator(token.getName(), taskForce == null ? null : unquote(taskForce.toString()), cleared);
    }

    public boolean clearedFor(Handling code) {
        return cleared.contains(code);
    }

    /** The claim's values, whether it arrived as a JSON array (JsonArray of JsonString) or a collection of strings. */
    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(value -> unquote(value.toString())).toList();
        }
        return List.of(unquote(claim.toString()));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
