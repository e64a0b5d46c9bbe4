package io.waspada.e2e.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL queries of a provisioned Grafana dashboard, and the metric names they read: label matchers,
 * {@code by}/{@code without} label lists, range selectors, strings, numbers, functions and operators removed.
 */
public final class DashboardQueries {

    /** The dashboard docker-compose provisions into Grafana (tests run in {@code e2e/}). */
    public static final Path SHIPPED = Path.of("..", "monitoring", "grafana", "dashboards", "waspada.json");

    /** Metrics Prometheus makes itself for every target; no service exports them. */
    public static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "offset", "bool", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    private DashboardQueries() {
    }

    /** Every {@code expr} of every panel (nested rows included). */
    public static List<String> expressions(Path dashboard) throws IOException {
        List<String> expressions = new ArrayList<>();
        collect(new ObjectMapper().readTree(dashboard.toFile()).get("panels"), expressions);
        return expressions;
    }

    private static void collect(JsonNode panels, List<String> into) {
        if (panels == null) {
            return;
        }
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    into.add(target.get("expr").asText());
                }
            }
            collect(panel.get("panels"), into);
        }
    }

    /** The metric names one PromQL expression reads. */
    public static Set<String> metricNames(String promql) {
        String bare = promql
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean isFunction = bare.substring(identifier.end()).stripLeading().startsWith("(");
            boolean isNumber = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!isFunction && !isNumber && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** The metric names a Prometheus text exposition ({@code /q/metrics}) exports. */
    public static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            Matcher identifier = IDENTIFIER.matcher(line);
            if (identifier.lookingAt()) {
                names.add(identifier.group());
            }
        });
        return names;
    }
}
