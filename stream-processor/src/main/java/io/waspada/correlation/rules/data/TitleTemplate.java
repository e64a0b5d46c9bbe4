package io.waspada.correlation.rules.data;

import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.rules.FacilitatorNetworkRule;
import io.waspada.correlation.rules.GroupCrossingRule;
import io.waspada.correlation.rules.Headline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert title with {@code {placeholders}}, compiled once into literal text and the words of the alert's
 * {@link Headline}. The placeholders name schemes, agencies, places and counts, never an identifier.
 */
final class TitleTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Map<String, Function<Headline, String>> WORDS = Map.ofEntries(
            Map.entry("What", headline -> headline.what(true)),
            Map.entry("what", headline -> headline.what(false)),
            Map.entry("countries", headline -> headline.all(Observation::country)),
            Map.entry("agencies", headline -> headline.all(Observation::agency)),
            Map.entry("regions", headline -> headline.all(event -> event.location().getRegion())),
            Map.entry("sites", Headline::siteNames),
            Map.entry("siteCount", headline -> Integer.toString(headline.siteCount())),
            Map.entry("place", Headline::place),
            Map.entry("latestAgency", headline -> headline.latest().agency()),
            Map.entry("interceptor", headline -> headline.evidence().stream().filter(Observation::isInterception)
                    .map(Observation::agency).findFirst().orElse("an agency")),
            Map.entry("victims", headline -> Integer.toString(
                    FacilitatorNetworkRule.victims(headline.evidence()).size())),
            Map.entry("persons", headline -> Integer.toString(GroupCrossingRule.persons(headline.evidence()))),
            Map.entry("count", headline -> Integer.toString(headline.evidence().size())));
    /** The placeholders, as the README lists them. */
    static final List<String> PLACEHOLDERS = List.of("What", "what", "countries", "agencies", "regions", "sites",
            "siteCount", "place", "latestAgency", "interceptor", "victims", "persons", "count");

    private final List<Function<Headline, String>> parts;

    private TitleTemplate(List<Function<Headline, String>> parts) {
        this.parts = parts;
    }

    /** The first placeholder of {@code title} that is not one of {@link #PLACEHOLDERS}, or null. */
    static String unknownPlaceholder(String title) {
        return unknownPlaceholder(title, WORDS.keySet());
    }

    /** The first placeholder of {@code title} not among {@code known}, or null. */
    static String unknownPlaceholder(String title, java.util.Set<String> known) {
        Matcher matcher = PLACEHOLDER.matcher(title);
        while (matcher.find()) {
            if (!known.contains(matcher.group(1))) {
                return matcher.group(1);
            }
        }
        return null;
    }

    static TitleTemplate compile(String title) {
        return new TitleTemplate(parts(title, WORDS));
    }

    /**
     * A title of known placeholders ({@code words}: placeholder to its words about a {@code T}) as a function, its
     * literal text and placeholders split once.
     */
    static <T> Function<T, String> compile(String title, Map<String, Function<T, String>> words) {
        List<Function<T, String>> parts = parts(title, words);
        return subject -> {
            StringBuilder text = new StringBuilder();
            for (Function<T, String> part : parts) {
                text.append(part.apply(subject));
            }
            return text.toString();
        };
    }

    private static <T> List<Function<T, String>> parts(String title, Map<String, Function<T, String>> words) {
        List<Function<T, String>> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(title);
        int from = 0;
        while (matcher.find()) {
            String literal = title.substring(from, matcher.start());
            if (!literal.isEmpty()) {
                parts.add(subject -> literal);
            }
            parts.add(words.get(matcher.group(1)));
            from = matcher.end();
        }
        String rest = title.substring(from);
        if (!rest.isEmpty()) {
            parts.add(subject -> rest);
        }
        return List.copyOf(parts);
    }

    String render(Headline headline) {
        StringBuilder title = new StringBuilder();
        for (Function<Headline, String> part : parts) {
            title.append(part.apply(headline));
        }
        return title.toString();
    }
}
