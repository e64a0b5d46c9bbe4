package io.waspada.notifier.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A conjunction of matchers (all must match; none matches everything), sorted like Alertmanager's for display. */
public record Matchers(List<Matcher> all) {

    public static final Matchers NONE = new Matchers(List.of());

    public Matchers {
        List<Matcher> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(Matcher::name).thenComparing(m -> m.type().ordinal())
                .thenComparing(Matcher::value));
        all = List.copyOf(sorted);
    }

    public static Matchers parse(Collection<String> texts) {
        return new Matchers(texts.stream().map(Matcher::parse).toList());
    }

    public boolean matches(Map<String, String> labels) {
        for (Matcher matcher : all) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    @Override
    public String toString() {
        return all.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
