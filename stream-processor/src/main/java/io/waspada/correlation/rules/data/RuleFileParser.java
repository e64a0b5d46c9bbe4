package io.waspada.correlation.rules.data;

import io.waspada.alerts.AlertLabels;
import io.waspada.avro.EventKind;
import io.waspada.avro.Outcome;
import io.waspada.avro.Severity;
import io.waspada.correlation.rules.data.ConditionSpec.AtLeast;
import io.waspada.correlation.rules.data.RuleSpec.AbsenceSpec;
import io.waspada.correlation.rules.data.RuleSpec.Mode;
import io.waspada.correlation.rules.data.RuleSpec.Raiser;
import io.waspada.correlation.rules.data.RuleSpec.SeveritySpec;
import io.waspada.sites.SiteKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rule file (one YAML document per rule, {@code ---} between them) into validated {@link RuleSpec}s, or fails
 * with a {@link RuleFileException} listing every problem as {@code file:line: problem}: unknown fields, bad ids,
 * durations, numbers and enum values, {@code atLeast: threshold} without a threshold, tests that are not monotone,
 * unknown title placeholders, labels the platform sets, ids given twice. Stateless.
 */
public final class RuleFileParser {

    static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]{2,63}");
    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([mhd])");
    private static final Duration LONGEST = Duration.ofDays(90);
    private static final List<String> RULE_FIELDS = List.of("rule", "description", "key", "window", "threshold",
            "mode", "evidence", "condition", "absence", "severity", "title", "labels");
    static final List<String> FILTER_FIELDS = List.of("kind", "indicators", "keyRole", "scheme", "keySubject",
            "siteKind", "direction", "outcome", "minor", "persons", "watchlisted");
    private static final List<String> TESTS = List.of("distinct", "count", "persons", "followedBy", "any", "all");
    private static final List<String> NOT_MONOTONE = List.of("not", "none", "atMost", "lessThan", "fewerThan",
            "exactly", "absent", "unless");
    private static final List<String> DIRECTIONS = List.of("INBOUND", "OUTBOUND", "INTERNAL", "UNKNOWN");
    private static final Set<String> PLATFORM_LABELS = Set.of(AlertLabels.TYPE, AlertLabels.SEVERITY,
            AlertLabels.REGION, AlertLabels.REGIONS, AlertLabels.DOMAIN, AlertLabels.COUNTRIES, AlertLabels.AGENCIES,
            AlertLabels.HANDLING, AlertLabels.SUBJECT, AlertLabels.MINOR, AlertLabels.VICTIM, AlertLabels.FLAGS,
            AlertLabels.VERIFICATION, "rule");

    private final String source;
    private final List<String> problems = new ArrayList<>();
    /** Whether the document being read has a test with {@code atLeast: threshold}, and where the first is. */
    private boolean usesThreshold;

    private RuleFileParser(String source) {
        this.source = source;
    }

    /** Every rule of the text; {@code source} names the file in problems. */
    public static List<RuleSpec> parse(String source, String yaml) {
        RuleFileParser parser = new RuleFileParser(source);
        List<YamlNode> documents = YamlNode.documents(source, yaml, parser.problems);
        List<RuleSpec> rules = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (YamlNode document : documents) {
            RuleSpec rule = parser.rule(document);
            if (rule == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(rule.id(), document.line());
            if (first != null) {
                parser.problem(document.fields().get("rule"), "rule: " + rule.id() + " is defined twice (first at "
                        + source + ":" + first + ")");
            }
            rules.add(rule);
        }
        if (documents.isEmpty()) {
            parser.problems.add(source + ":1: no rule in the file");
        }
        if (!parser.problems.isEmpty()) {
            throw new RuleFileException(parser.problems);
        }
        return rules;
    }

    private RuleSpec rule(YamlNode document) {
        int before = problems.size();
        usesThreshold = false;
        Map<String, YamlNode> fields = mapping(document, "", RULE_FIELDS);
        if (fields == null) {
            return null;
        }
        String id = id(required(document, fields, "rule"));
        String description = text(fields.get("description"), "description");
        String key = oneOf(required(document, fields, "key"), "key", List.of("token", "site"));
        // An absence rule's time is its absence.within; a window is for condition rules.
        Duration window = fields.containsKey("absence") && !fields.containsKey("window") ? null
                : duration(required(document, fields, "window"), "window");
        Integer threshold = fields.containsKey("threshold") ? wholeNumber(fields.get("threshold"), "threshold") : null;
        Mode mode = fields.containsKey("mode")
                ? enumValue(fields.get("mode"), "mode", Mode.class, true) : Mode.ACTIVE;
        FilterSpec evidence = fields.containsKey("evidence") ? filter(fields.get("evidence"), "evidence")
                : FilterSpec.ALL;
        ConditionSpec condition = null;
        AbsenceSpec absence = null;
        if (fields.containsKey("condition") && fields.containsKey("absence")) {
            problem(fields.get("absence"), "absence: give either condition or absence, not both");
        } else if (fields.containsKey("absence")) {
            absence = absence(fields.get("absence"));
        } else if (fields.containsKey("condition")) {
            condition = condition(fields.get("condition"), "condition");
        } else {
            problem(document, "condition: missing (or absence)");
        }
        if (usesThreshold && threshold == null) {
            problem(fields.get("condition"), "condition: atLeast: threshold, but the rule has no threshold");
        }
        SeveritySpec severity = severity(required(document, fields, "severity"), evidence);
        String title = title(required(document, fields, "title"), fields.containsKey("absence"));
        Map<String, String> labels = fields.containsKey("labels") ? labels(fields.get("labels")) : Map.of();
        if (key != null && "site".equals(key)) {
            keyOnly(fields.get("evidence"), evidence, "evidence");
        }
        if (problems.size() > before) {
            return null;
        }
        return new RuleSpec(id, description, key, window, threshold, mode, evidence, condition, absence, severity,
                title, labels, source + ":" + document.line());
    }

    private void keyOnly(YamlNode node, FilterSpec filter, String path) {
        if (filter.aboutTheKey()) {
            problem(node, path + ": keyRole, scheme, keySubject and watchlisted are about an identifier: only for "
                    + "key: token");
        }
    }

    private YamlNode required(YamlNode document, Map<String, YamlNode> fields, String name) {
        YamlNode node = fields.get(name);
        if (node == null) {
            problem(document, name + ": missing");
        }
        return node;
    }

    private String id(YamlNode node) {
        String id = scalar(node, "rule");
        if (id != null && !ID.matcher(id).matches()) {
            problem(node, "rule: '" + id + "' is not an id ([A-Z][A-Z0-9_]{2,63})");
            return null;
        }
        return id;
    }

    private Duration duration(YamlNode node, String path) {
        String text = scalar(node, path);
        if (text == null) {
            return null;
        }
        Matcher matcher = DURATION.matcher(text);
        Duration duration = null;
        if (matcher.matches()) {
            long n = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (duration == null || duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(LONGEST) > 0) {
            problem(node, path + ": '" + text + "' is not a duration from 1m to 90d (<n>m, <n>h or <n>d)");
            return null;
        }
        return duration;
    }

    private Integer wholeNumber(YamlNode node, String path) {
        String text = scalar(node, path);
        if (text == null) {
            return null;
        }
        if (!node.quoted() && text.matches("[0-9]{1,9}") && Integer.parseInt(text) >= 1) {
            return Integer.parseInt(text);
        }
        problem(node, path + ": '" + text + "' is not a whole number >= 1");
        return null;
    }

    private AtLeast atLeast(YamlNode node, String path) {
        if (node.isScalar() && "threshold".equals(node.text())) {
            usesThreshold = true;
            return new AtLeast(0, true);
        }
        Integer n = wholeNumber(node, path);
        return n == null ? null : new AtLeast(n, false);
    }

    private Boolean flag(YamlNode node, String path) {
        String text = scalar(node, path);
        if (text == null) {
            return null;
        }
        if (!node.quoted() && ("true".equals(text) || "false".equals(text))) {
            return Boolean.valueOf(text);
        }
        problem(node, path + ": '" + text + "' is not true or false");
        return null;
    }

    private String text(YamlNode node, String path) {
        return node == null ? null : scalar(node, path);
    }

    private String scalar(YamlNode node, String path) {
        if (node == null) {
            return null;
        }
        if (!node.isScalar() || node.text() == null) {
            problem(node, path + ": expected a value, found " + node.describe());
            return null;
        }
        return node.text();
    }

    private String oneOf(YamlNode node, String path, List<String> allowed) {
        String text = scalar(node, path);
        if (text != null && !allowed.contains(text)) {
            problem(node, path + ": '" + text + "' is not one of " + String.join(", ", allowed));
            return null;
        }
        return text;
    }

    private <E extends Enum<E>> E enumValue(YamlNode node, String path, Class<E> type, boolean lowerCase) {
        String text = scalar(node, path);
        if (text == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            String name = lowerCase ? value.name().toLowerCase(Locale.ROOT) : value.name();
            names.add(name);
            if (name.equals(text)) {
                return value;
            }
        }
        problem(node, path + ": '" + text + "' is not one of " + String.join(", ", names));
        return null;
    }

    /** One value or a list of them. */
    private List<YamlNode> oneOrMore(YamlNode node, String path) {
        if (node.isSequence()) {
            if (node.items().isEmpty()) {
                problem(node, path + ": an empty list matches nothing");
            }
            return node.items();
        }
        if (node.isMapping()) {
            problem(node, path + ": expected a value or a list, found a mapping");
            return List.of();
        }
        return List.of(node);
    }

    private <E extends Enum<E>> Set<E> enums(YamlNode node, String path, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        for (YamlNode item : oneOrMore(node, path)) {
            E value = enumValue(item, path, type, false);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private Set<String> words(YamlNode node, String path, List<String> allowed) {
        Set<String> values = new LinkedHashSet<>();
        for (YamlNode item : oneOrMore(node, path)) {
            String text = allowed == null ? scalar(item, path) : oneOf(item, path, allowed);
            if (text != null && allowed == null && !WORD.matcher(text).matches()) {
                problem(item, path + ": '" + text + "' is not an upper-case name (A-Z, 0-9, _)");
            } else if (text != null) {
                values.add(text);
            }
        }
        return values;
    }

    private Map<String, YamlNode> mapping(YamlNode node, String path, List<String> known) {
        if (node == null) {
            return null;
        }
        if (!node.isMapping()) {
            problem(node, (path.isEmpty() ? "" : path + ": ") + "expected a mapping, found " + node.describe());
            return null;
        }
        for (Map.Entry<String, YamlNode> field : node.fields().entrySet()) {
            if (!known.contains(field.getKey())) {
                problem(field.getValue(), (path.isEmpty() ? "" : path + ": ") + "unknown field '" + field.getKey()
                        + "' (known: " + String.join(", ", known) + ")");
            }
        }
        return node.fields();
    }

    FilterSpec filter(YamlNode node, String path) {
        return filterOf(mapping(node, path, FILTER_FIELDS), path);
    }

    private FilterSpec filterOf(Map<String, YamlNode> f, String path) {
        if (f == null) {
            return FilterSpec.ALL;
        }
        Set<EventKind> kinds = f.containsKey("kind") ? enums(f.get("kind"), path + ".kind", EventKind.class) : null;
        boolean anyIndicator = false;
        Set<String> indicators = null;
        YamlNode indicatorNode = f.get("indicators");
        if (indicatorNode != null && indicatorNode.isScalar() && "any".equals(indicatorNode.text())) {
            anyIndicator = true;
        } else if (indicatorNode != null) {
            indicators = words(indicatorNode, path + ".indicators", null);
        }
        Set<String> roles = f.containsKey("keyRole") ? words(f.get("keyRole"), path + ".keyRole", null) : null;
        Set<String> schemes = f.containsKey("scheme") ? words(f.get("scheme"), path + ".scheme", null) : null;
        Set<String> subjects = f.containsKey("keySubject")
                ? words(f.get("keySubject"), path + ".keySubject", null) : null;
        Set<SiteKind> siteKinds = f.containsKey("siteKind") ? siteKinds(f.get("siteKind"), path + ".siteKind") : null;
        Set<String> directions = f.containsKey("direction")
                ? words(f.get("direction"), path + ".direction", DIRECTIONS) : null;
        Set<Outcome> outcomes = f.containsKey("outcome") ? enums(f.get("outcome"), path + ".outcome", Outcome.class)
                : null;
        Boolean minor = f.containsKey("minor") ? flag(f.get("minor"), path + ".minor") : null;
        Boolean persons = f.containsKey("persons") ? flag(f.get("persons"), path + ".persons") : null;
        Boolean watchlisted = f.containsKey("watchlisted") ? flag(f.get("watchlisted"), path + ".watchlisted") : null;
        return new FilterSpec(kinds, anyIndicator, indicators, roles, schemes, subjects, siteKinds, directions,
                outcomes, minor, persons, watchlisted);
    }

    private Set<SiteKind> siteKinds(YamlNode node, String path) {
        Set<SiteKind> kinds = EnumSet.noneOf(SiteKind.class);
        for (YamlNode item : oneOrMore(node, path)) {
            if (item.isScalar() && "border".equals(item.text())) {
                Arrays.stream(SiteKind.values()).filter(SiteKind::isBorder).forEach(kinds::add);
            } else {
                String text = scalar(item, path);
                if (text == null) {
                    continue;
                }
                try {
                    kinds.add(SiteKind.valueOf(text));
                } catch (IllegalArgumentException e) {
                    problem(item, path + ": '" + text + "' is not one of border, "
                            + String.join(", ", Arrays.stream(SiteKind.values()).map(Enum::name).toList()));
                }
            }
        }
        return kinds;
    }

    private ConditionSpec condition(YamlNode node, String path) {
        if (node == null || !node.isMapping()) {
            problem(node, path + ": expected a test (distinct, count, persons, followedBy, any or all), found "
                    + (node == null ? "nothing" : node.describe()));
            return null;
        }
        List<String> names = new ArrayList<>(node.fields().keySet());
        for (String name : names) {
            if (NOT_MONOTONE.contains(name)) {
                problem(node.fields().get(name), path + ": '" + name + "' is not monotone (a condition may only "
                        + "grow with more events)");
                return null;
            }
            if (!TESTS.contains(name)) {
                problem(node.fields().get(name), path + ": unknown test '" + name + "' (known: "
                        + String.join(", ", TESTS) + ")");
                return null;
            }
        }
        if (names.size() != 1) {
            problem(node, path + ": one test per item, found " + String.join(" and ", names));
            return null;
        }
        String name = names.get(0);
        YamlNode body = node.fields().get(name);
        String at = path + "." + name;
        return switch (name) {
            case "any", "all" -> group(name, body, at);
            case "followedBy" -> followedBy(body, at);
            default -> counting(name, body, at);
        };
    }

    private ConditionSpec group(String name, YamlNode body, String at) {
        if (!body.isSequence() || body.items().isEmpty()) {
            problem(body, at + ": expected a list of tests, found " + body.describe());
            return null;
        }
        List<ConditionSpec> tests = new ArrayList<>();
        for (YamlNode item : body.items()) {
            tests.add(condition(item, at));
        }
        if (tests.contains(null)) {
            return null;
        }
        return "any".equals(name) ? new ConditionSpec.Any(tests) : new ConditionSpec.All(tests);
    }

    private ConditionSpec counting(String name, YamlNode body, String at) {
        List<String> known = new ArrayList<>("distinct".equals(name) ? List.of("of", "atLeast") : List.of("atLeast"));
        known.addAll(FILTER_FIELDS);
        Map<String, YamlNode> fields = mapping(body, at, known);
        if (fields == null) {
            return null;
        }
        Map<String, YamlNode> filterFields = new LinkedHashMap<>(fields);
        filterFields.remove("of");
        filterFields.remove("atLeast");
        FilterSpec filter = filterOf(filterFields, at);
        if (filter.aboutTheKey()) {
            problem(body, at + ": keyRole, scheme, keySubject and watchlisted belong under evidence");
        }
        AtLeast atLeast = null;
        if (fields.get("atLeast") == null) {
            problem(body, at + ".atLeast: missing");
        } else {
            atLeast = atLeast(fields.get("atLeast"), at + ".atLeast");
        }
        return switch (name) {
            case "distinct" -> {
                ConditionSpec.Of of = fields.containsKey("of")
                        ? enumValue(fields.get("of"), at + ".of", ConditionSpec.Of.class, true) : null;
                if (!fields.containsKey("of")) {
                    problem(body, at + ".of: missing");
                }
                yield new ConditionSpec.Distinct(of, filter, atLeast);
            }
            case "count" -> new ConditionSpec.Count(filter, atLeast);
            default -> new ConditionSpec.Persons(filter, atLeast);
        };
    }

    private ConditionSpec followedBy(YamlNode body, String at) {
        Map<String, YamlNode> fields = mapping(body, at, List.of("first", "then", "otherAgency", "atLeast"));
        if (fields == null) {
            return null;
        }
        if (!fields.containsKey("first") || !fields.containsKey("then")) {
            problem(body, at + ": needs both first and then");
        }
        FilterSpec first = fields.containsKey("first") ? filter(fields.get("first"), at + ".first") : FilterSpec.ALL;
        FilterSpec then = fields.containsKey("then") ? filter(fields.get("then"), at + ".then") : FilterSpec.ALL;
        if (first.aboutTheKey() || then.aboutTheKey()) {
            problem(body, at + ": keyRole, scheme, keySubject and watchlisted belong under evidence");
        }
        Boolean other = fields.containsKey("otherAgency") ? flag(fields.get("otherAgency"), at + ".otherAgency")
                : Boolean.FALSE;
        AtLeast atLeast = fields.containsKey("atLeast") ? atLeast(fields.get("atLeast"), at + ".atLeast")
                : new AtLeast(1, false);
        return new ConditionSpec.FollowedBy(first, then, Boolean.TRUE.equals(other), atLeast);
    }

    private AbsenceSpec absence(YamlNode node) {
        Map<String, YamlNode> fields = mapping(node, "absence", List.of("first", "none", "within"));
        if (fields == null) {
            return null;
        }
        FilterSpec first = fields.containsKey("first") ? filter(fields.get("first"), "absence.first") : null;
        if (first == null) {
            problem(node, "absence.first: missing");
        }
        List<FilterSpec> none = new ArrayList<>();
        YamlNode noneNode = fields.get("none");
        if (noneNode == null) {
            problem(node, "absence.none: missing");
        } else if (noneNode.isMapping()) {
            none.add(filter(noneNode, "absence.none"));
        } else if (noneNode.isSequence() && !noneNode.items().isEmpty()) {
            for (YamlNode item : noneNode.items()) {
                none.add(filter(item, "absence.none"));
            }
        } else {
            problem(noneNode, "absence.none: expected a filter or a list of filters, found " + noneNode.describe());
        }
        Duration within = duration(fields.get("within"), "absence.within");
        if (!fields.containsKey("within")) {
            problem(node, "absence.within: missing");
        }
        return new AbsenceSpec(first, List.copyOf(none), within);
    }

    private SeveritySpec severity(YamlNode node, FilterSpec evidence) {
        Map<String, YamlNode> fields = mapping(node, "severity", List.of("base", "raisers"));
        if (fields == null) {
            return null;
        }
        YamlNode baseNode = fields.get("base");
        Severity base = null;
        boolean watchlist = false;
        if (baseNode == null) {
            problem(node, "severity.base: missing");
        } else if (baseNode.isScalar() && "watchlist".equals(baseNode.text())) {
            watchlist = true;
            if (!Boolean.TRUE.equals(evidence.watchlisted())) {
                problem(baseNode, "severity.base: watchlist needs evidence watchlisted: true");
            }
        } else {
            String text = scalar(baseNode, "severity.base");
            try {
                base = text == null ? null : Severity.valueOf(text);
            } catch (IllegalArgumentException e) {
                problem(baseNode, "severity.base: '" + text + "' is not one of LOW, MEDIUM, HIGH, CRITICAL, watchlist");
            }
        }
        List<Raiser> raisers = new ArrayList<>();
        YamlNode raiserNode = fields.get("raisers");
        if (raiserNode != null) {
            for (YamlNode item : oneOrMore(raiserNode, "severity.raisers")) {
                String word = scalar(item, "severity.raisers");
                Raiser raiser = Arrays.stream(Raiser.values()).filter(r -> r.word().equals(word)).findFirst()
                        .orElse(null);
                if (word != null && raiser == null) {
                    problem(item, "severity.raisers: '" + word + "' is not one of minor, threeCountries, "
                            + "twiceThreshold");
                } else if (raiser == Raiser.TWICE_THRESHOLD && !usesThreshold) {
                    problem(item, "severity.raisers: twiceThreshold, but no test uses atLeast: threshold");
                } else if (raiser != null && !raisers.contains(raiser)) {
                    raisers.add(raiser);
                }
            }
        }
        return new SeveritySpec(base, watchlist, List.copyOf(raisers));
    }

    private String title(YamlNode node, boolean absence) {
        String title = scalar(node, "title");
        if (title == null) {
            return null;
        }
        // An absence alert has one event, its A, and no count: its words are fewer.
        String unknown = absence ? AbsenceRuleCompiler.unknownPlaceholder(title) : TitleTemplate.unknownPlaceholder(title);
        if (unknown != null) {
            problem(node, "title: unknown placeholder {" + unknown + "} (known" + (absence ? " for an absence rule" : "")
                    + ": " + String.join(", ", absence ? AbsenceRuleCompiler.PLACEHOLDERS : TitleTemplate.PLACEHOLDERS)
                    + ")");
            return null;
        }
        return title;
    }

    private Map<String, String> labels(YamlNode node) {
        Map<String, YamlNode> fields = mapping(node, "labels", null == node ? List.of() : List.copyOf(
                node.isMapping() ? node.fields().keySet() : Set.of()));
        if (fields == null) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> label : fields.entrySet()) {
            String path = "labels." + label.getKey();
            if (PLATFORM_LABELS.contains(label.getKey())) {
                problem(label.getValue(), path + ": set by the platform, not by a rule");
            } else if (!label.getKey().matches("[a-z][a-zA-Z0-9_.-]{0,63}")) {
                problem(label.getValue(), path + ": not a label name ([a-z][a-zA-Z0-9_.-]{0,63})");
            } else {
                String value = scalar(label.getValue(), path);
                if (value != null) {
                    labels.put(label.getKey(), value);
                }
            }
        }
        return labels;
    }

    private void problem(YamlNode node, String problem) {
        problems.add(source + ":" + (node == null ? 0 : node.line()) + ": " + problem);
    }
}
