package io.waspada.notifier.config;

import io.waspada.notifier.routing.EscalationDeadlines;
import io.waspada.notifier.routing.Matcher;
import io.waspada.notifier.routing.MatchType;
import io.waspada.notifier.routing.Matchers;
import io.waspada.notifier.routing.Route;
import io.waspada.notifier.routing.RouteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the YAML route tree into {@link Route} nodes with Alertmanager's inheritance (a child starts from its
 * parent's options and overrides what it sets; {@code group_by: ['...']} groups by every label; escalation deadlines
 * are replaced one severity at a time, the root starting from the service-wide ones) and validates it.
 */
final class RouteTreeReader {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final String source;
    private final Set<String> receivers;
    private final EscalationDeadlines rootDeadlines;

    RouteTreeReader(String source, Set<String> receivers, EscalationDeadlines rootDeadlines) {
        this.source = source;
        this.receivers = receivers;
        this.rootDeadlines = rootDeadlines;
    }

    Route read(RoutingFile.RouteSpec root) {
        if (root.receiver == null || root.receiver.isBlank()) {
            throw fail(root, "the root route needs a 'receiver' (where alerts go when no child route matches)");
        }
        if (!root.matchers.isEmpty() || !root.match.isEmpty() || !root.matchRe.isEmpty()) {
            throw fail(root, "the root route must not have matchers: it matches every alert");
        }
        if (root.continueMatching) {
            throw fail(root, "the root route cannot have 'continue'");
        }
        return node(root, null, RouteOptions.DEFAULTS.withEscalationDeadlines(rootDeadlines));
    }

    private Route node(RoutingFile.RouteSpec spec, Route parent, RouteOptions inherited) {
        RouteOptions options = inherited;
        if (spec.receiver != null) {
            if (!receivers.contains(spec.receiver)) {
                throw fail(spec, "unknown receiver '" + spec.receiver + "' (known: " + receivers + ")");
            }
            options = options.withReceiver(spec.receiver);
        }
        if (spec.groupBy != null) {
            options = groupBy(spec, options);
        }
        options = options.withTimers(
                duration(spec, spec.groupWait, options.groupWait()),
                duration(spec, spec.groupInterval, options.groupInterval()),
                duration(spec, spec.repeatInterval, options.repeatInterval()));
        if (spec.escalationDeadlines != null) {
            options = options.withEscalationDeadlines(escalationDeadlines(spec, options.escalationDeadlines()));
        }
        Route route = new Route(parent, options, matchers(spec), spec.continueMatching, spec.line);
        for (RoutingFile.RouteSpec child : spec.routes) {
            node(child, route, options);
        }
        return route;
    }

    private RouteOptions groupBy(RoutingFile.RouteSpec spec, RouteOptions options) {
        if (spec.groupBy.contains("...")) {
            if (spec.groupBy.size() != 1) {
                throw fail(spec, "group_by '...' groups by every label and cannot be combined with other labels");
            }
            return options.withGroupBy(Set.of(), true);
        }
        for (String name : spec.groupBy) {
            if (name == null || !LABEL_NAME.matcher(name).matches()) {
                throw fail(spec, "group_by has an invalid label name '" + name + "'");
            }
        }
        return options.withGroupBy(new LinkedHashSet<>(spec.groupBy), false);
    }

    private Matchers matchers(RoutingFile.RouteSpec spec) {
        List<Matcher> all = new ArrayList<>();
        try {
            spec.match.forEach((name, value) -> all.add(new Matcher(name, MatchType.EQUAL, value)));
            spec.matchRe.forEach((name, value) -> all.add(new Matcher(name, MatchType.REGEX, value)));
            spec.matchers.forEach(text -> all.add(Matcher.parse(text)));
        } catch (IllegalArgumentException e) {
            throw fail(spec, e.getMessage());
        }
        return new Matchers(all);
    }

    private Duration duration(RoutingFile.RouteSpec spec, String text, Duration inherited) {
        if (text == null) {
            return inherited;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(spec, e.getMessage());
        }
    }

    private EscalationDeadlines escalationDeadlines(RoutingFile.RouteSpec spec, EscalationDeadlines inherited) {
        try {
            return inherited.overriddenBy(EscalationDeadlineText.parse(spec.escalationDeadlines));
        } catch (IllegalArgumentException e) {
            throw fail(spec, e.getMessage());
        }
    }

    private RoutingConfigException fail(Located where, String problem) {
        return new RoutingConfigException(source, where.line, problem);
    }
}
