package io.waspada.ingest.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The identifier schemes and how each value is normalised before it is pseudonymised, so that
 * {@code "+62 812-3456-7890"} and {@code "0062812 34567890"} give the same token. {@link #normalise}
 * returns the canonical value, or empty with {@link #rule()} broken; it never logs the value.
 */
public enum IdentifierScheme {
    PASSPORT("passport", "5 to 20 letters or digits"),
    NATIONAL_ID("national-id", "4 to 24 letters or digits; 12 digits for MY (MyKad), 16 for ID (NIK)"),
    MMSI("mmsi", "9 digits with a ship-station maritime identification digit (2-7) first"),
    IMO("imo", "7 digits (optionally prefixed IMO) whose check digit is right"),
    PLATE("plate", "2 to 12 letters or digits"),
    PHONE("e164", "an E.164 number: + and 8 to 15 digits, or a national number starting 0 with a known issuer country"),
    COMPANY_REG("company-reg", "3 to 30 letters or digits"),
    OTHER("other", "1 to 64 characters");

    /** Country calling codes for national phone numbers written with a trunk 0 (the region's usual issuers). */
    private static final Map<String, String> CALLING_CODES = Map.ofEntries(Map.entry("MY", "60"), Map.entry("ID", "62"),
            Map.entry("TH", "66"), Map.entry("SG", "65"), Map.entry("PH", "63"), Map.entry("BN", "673"),
            Map.entry("MM", "95"), Map.entry("KH", "855"), Map.entry("VN", "84"), Map.entry("BD", "880"),
            Map.entry("NP", "977"), Map.entry("LK", "94"), Map.entry("IN", "91"), Map.entry("CN", "86"),
            Map.entry("LA", "856"), Map.entry("PK", "92"));

    /** The schemes once: values() copies its array at every call. */
    private static final IdentifierScheme[] ALL = values();

    private final String rule;
    private final String expectation;

    IdentifierScheme(String rule, String expectation) {
        this.rule = rule;
        this.expectation = expectation;
    }

    public static Optional<IdentifierScheme> of(String name) {
        for (IdentifierScheme scheme : ALL) {
            if (scheme.name().equals(name)) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    /** The rule name a failing value breaks, e.g. {@code imo}. */
    public String rule() {
        return rule;
    }

    /** What a valid value looks like, for the client's message. */
    public String expectation() {
        return expectation;
    }

    /** The canonical value, or empty when the value breaks this scheme's rule. {@code issuer} may be null. */
    public Optional<String> normalise(String raw, String issuer) {
        String upper = raw.strip().toUpperCase(Locale.ROOT);
        String compact = withoutSeparators(upper);
        return switch (this) {
            case PASSPORT -> alnum(compact, 5, 20);
            case NATIONAL_ID -> nationalId(compact, issuer);
            case MMSI -> compact.length() == 9 && digits(compact)
                    && compact.charAt(0) >= '2' && compact.charAt(0) <= '7' ? Optional.of(compact) : Optional.empty();
            case IMO -> imo(compact.startsWith("IMO") ? compact.substring(3) : compact);
            case PLATE -> alnum(compact, 2, 12);
            case PHONE -> phone(compact, issuer);
            case COMPANY_REG -> alnum(compact, 3, 30);
            case OTHER -> {
                String collapsed = upper.replaceAll("\\s+", " ");
                yield collapsed.isEmpty() || collapsed.length() > 64 ? Optional.empty() : Optional.of(collapsed);
            }
        };
    }

    /**
     * The value without white space ({@code \s}: space, tab, line feed, vertical tab, form feed, carriage return),
     * dashes, dots, slashes and parentheses; a loop, as this runs for every identifier of every event.
     */
    private static String withoutSeparators(String value) {
        StringBuilder kept = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean separator = c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r'
                    || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
            if (separator && kept == null) {
                kept = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!separator && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? value : kept.toString();
    }

    /** At least one character, each A-Z or 0-9. */
    private static boolean alnum(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** At least one character, each 0-9. */
    private static boolean digits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !value.isEmpty();
    }

    private static Optional<String> alnum(String value, int min, int max) {
        return value.length() >= min && value.length() <= max && alnum(value)
                ? Optional.of(value) : Optional.empty();
    }

    private static Optional<String> nationalId(String value, String issuer) {
        if ("MY".equals(issuer)) {
            return value.length() == 12 && digits(value) ? Optional.of(value) : Optional.empty();
        }
        if ("ID".equals(issuer)) {
            return value.length() == 16 && digits(value) ? Optional.of(value) : Optional.empty();
        }
        return alnum(value, 4, 24);
    }

    /** IMO numbers: the 7th digit is the sum of the first six weighted 7..2, modulo 10. */
    private static Optional<String> imo(String digits) {
        if (digits.length() != 7 || !digits(digits)) {
            return Optional.empty();
        }
        int sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += (digits.charAt(i) - '0') * (7 - i);
        }
        return sum % 10 == digits.charAt(6) - '0' ? Optional.of("IMO" + digits) : Optional.empty();
    }

    private static Optional<String> phone(String compact, String issuer) {
        String international;
        if (compact.startsWith("+")) {
            international = compact.substring(1);
        } else if (compact.startsWith("00")) {
            international = compact.substring(2);
        } else if (compact.startsWith("0") && issuer != null && CALLING_CODES.containsKey(issuer)) {
            international = CALLING_CODES.get(issuer) + compact.substring(1);
        } else {
            return Optional.empty();
        }
        return international.length() >= 8 && international.length() <= 15 && digits(international)
                && international.charAt(0) != '0' ? Optional.of("+" + international) : Optional.empty();
    }
}
