package io.waspada.correlation.rules.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.avro.EventKind;
import io.waspada.avro.Severity;
import io.waspada.sites.SiteKind;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** One row per kind of problem a rule file can have: the exact {@code file:line: problem} the parser reports. */
class RuleFileValidationTest {

    private static final String VALID = """
            rule: TEST_RULE
            key: token
            window: 7d
            threshold: 3
            condition:
              distinct: {of: site, atLeast: threshold}
            severity: {base: MEDIUM}
            title: "{What} seen"
            """;

    static Stream<Arguments> problems() {
        return Stream.of(
                row("unknown field", VALID + "colour: red\n",
                        "t.yaml:9: unknown field 'colour' (known: rule, description, key, window, threshold, mode, "
                                + "evidence, condition, absence, severity, title, labels)"),
                row("unknown field in a filter", VALID + "evidence: {kind: SIGHTING, colour: red}\n",
                        "t.yaml:9: evidence: unknown field 'colour' (known: kind, indicators, keyRole, scheme, "
                                + "keySubject, siteKind, direction, outcome, minor, persons, watchlisted)"),
                row("bad id", VALID.replace("rule: TEST_RULE", "rule: test"),
                        "t.yaml:1: rule: 'test' is not an id ([A-Z][A-Z0-9_]{2,63})"),
                row("bad duration", VALID.replace("window: 7d", "window: 7 days"),
                        "t.yaml:3: window: '7 days' is not a duration from 1m to 90d (<n>m, <n>h or <n>d)"),
                row("duration out of range", VALID.replace("window: 7d", "window: 91d"),
                        "t.yaml:3: window: '91d' is not a duration from 1m to 90d (<n>m, <n>h or <n>d)"),
                row("bad threshold", VALID.replace("threshold: 3", "threshold: 0"),
                        "t.yaml:4: threshold: '0' is not a whole number >= 1"),
                row("unknown key", VALID.replace("key: token", "key: person"),
                        "t.yaml:2: key: 'person' is not one of token, site"),
                row("unknown enum value", VALID + "evidence: {kind: SIGHTED}\n",
                        "t.yaml:9: evidence.kind: 'SIGHTED' is not one of SIGHTING, INTERCEPTION, WATCHLIST, OTHER"),
                row("unknown site kind", VALID + "evidence: {siteKind: [border, RIVER]}\n",
                        "t.yaml:9: evidence.siteKind: 'RIVER' is not one of border, LAND_BORDER, SEA_PORT, AIRPORT, "
                                + "INLAND"),
                row("unknown mode", VALID + "mode: loud\n",
                        "t.yaml:9: mode: 'loud' is not one of active, shadow, disabled"),
                row("atLeast: threshold without a threshold", VALID.replace("threshold: 3\n", ""),
                        "t.yaml:5: condition: atLeast: threshold, but the rule has no threshold"),
                row("a test that is not monotone", VALID.replace("distinct: {of: site, atLeast: threshold}",
                        "not: {count: {atLeast: 2}}"),
                        "t.yaml:6: condition: 'not' is not monotone (a condition may only grow with more events)"),
                row("an upper bound is not monotone", VALID.replace("distinct: {of: site, atLeast: threshold}",
                        "atMost: {count: 2}"),
                        "t.yaml:6: condition: 'atMost' is not monotone (a condition may only grow with more events)"),
                row("unknown test", VALID.replace("distinct: {of: site, atLeast: threshold}", "sum: {atLeast: 2}"),
                        "t.yaml:6: condition: unknown test 'sum' (known: distinct, count, persons, followedBy, any, "
                                + "all)"),
                row("unknown distinct", VALID.replace("of: site", "of: colour"),
                        "t.yaml:6: condition.distinct.of: 'colour' is not one of country, site, agency, region, "
                                + "victim, person"),
                row("key filter in a test", VALID.replace("of: site,", "of: site, keyRole: SUSPECTED_VICTIM,"),
                        "t.yaml:6: condition.distinct: keyRole, scheme, keySubject and watchlisted belong under "
                                + "evidence"),
                row("duplicate rule ids in a file", VALID + "---\n" + VALID,
                        "t.yaml:10: rule: TEST_RULE is defined twice (first at t.yaml:1)"),
                row("a field given twice", VALID + "key: site\n", "t.yaml:9: key: given twice"),
                row("condition and absence", VALID + "absence: {first: {kind: SIGHTING}, none: {kind: "
                        + "INTERCEPTION}, within: 7d}\n",
                        "t.yaml:9: absence: give either condition or absence, not both"),
                row("no condition", VALID.replace("condition:\n  distinct: {of: site, atLeast: threshold}\n", ""),
                        "t.yaml:1: condition: missing (or absence)"),
                row("missing field", VALID.replace("title: \"{What} seen\"\n", ""), "t.yaml:1: title: missing"),
                row("unknown placeholder", VALID.replace("{What} seen", "{who} seen"),
                        "t.yaml:8: title: unknown placeholder {who} (known: What, what, countries, agencies, regions, "
                                + "sites, siteCount, place, latestAgency, interceptor, victims, persons, count)"),
                row("unknown severity", VALID.replace("base: MEDIUM", "base: SEVERE"),
                        "t.yaml:7: severity.base: 'SEVERE' is not one of LOW, MEDIUM, HIGH, CRITICAL, watchlist"),
                row("watchlist severity without watchlist evidence", VALID.replace("base: MEDIUM", "base: watchlist"),
                        "t.yaml:7: severity.base: watchlist needs evidence watchlisted: true"),
                row("unknown raiser", VALID.replace("{base: MEDIUM}", "{base: MEDIUM, raisers: [loud]}"),
                        "t.yaml:7: severity.raisers: 'loud' is not one of minor, threeCountries, twiceThreshold"),
                row("twiceThreshold without a threshold test", VALID.replace("atLeast: threshold", "atLeast: 3")
                        .replace("{base: MEDIUM}", "{base: MEDIUM, raisers: [twiceThreshold]}"),
                        "t.yaml:7: severity.raisers: twiceThreshold, but no test uses atLeast: threshold"),
                row("a label the platform sets", VALID + "labels: {severity: LOW}\n",
                        "t.yaml:9: labels.severity: set by the platform, not by a rule"),
                row("key filter on a site rule", VALID.replace("key: token", "key: site")
                        + "evidence: {keyRole: SUSPECTED_FACILITATOR}\n",
                        "t.yaml:9: evidence: keyRole, scheme, keySubject and watchlisted are about an identifier: "
                                + "only for key: token"),
                row("not true or false", VALID + "evidence: {minor: yes please}\n",
                        "t.yaml:9: evidence.minor: 'yes please' is not true or false"),
                row("absence without within", VALID.replace("condition:\n  distinct: {of: site, atLeast: "
                        + "threshold}\n", "absence: {first: {kind: SIGHTING}, none: [{kind: INTERCEPTION}]}\n"),
                        "t.yaml:5: absence.within: missing"),
                row("not YAML", "rule: [TEST\n", "t.yaml:1: not valid YAML: while parsing a flow sequence; expected ',' "
                        + "or ']', but got <stream end>"));
    }

    private static Arguments row(String kind, String yaml, String problem) {
        return Arguments.of(kind, yaml, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void eachProblemIsReportedWithItsFileAndLine(String kind, String yaml, String problem) {
        assertThatThrownBy(() -> RuleFileParser.parse("t.yaml", yaml)).isInstanceOf(RuleFileException.class)
                .satisfies(e -> assertThat(((RuleFileException) e).problems()).as(kind)
                        .contains(problem)
                        .allSatisfy(reported -> assertThat(reported).startsWith("t.yaml:")));
    }

    @Test
    void everyProblemOfAFileIsReportedNotJustTheFirst() {
        String yaml = VALID.replace("window: 7d", "window: 7x").replace("key: token", "key: person")
                + "---\n" + VALID.replace("rule: TEST_RULE", "rule: x");
        assertThatThrownBy(() -> RuleFileParser.parse("t.yaml", yaml)).isInstanceOf(RuleFileException.class)
                .satisfies(e -> assertThat(((RuleFileException) e).problems()).containsExactly(
                        "t.yaml:2: key: 'person' is not one of token, site",
                        "t.yaml:3: window: '7x' is not a duration from 1m to 90d (<n>m, <n>h or <n>d)",
                        "t.yaml:10: rule: 'x' is not an id ([A-Z][A-Z0-9_]{2,63})"))
                .hasMessageContaining("t.yaml:10: rule: 'x'");
    }

    @Test
    void aValidFileGivesItsRulesIncludingAnAbsenceRule() {
        List<RuleSpec> rules = RuleFileParser.parse("t.yaml", VALID + """
                ---
                rule: MINOR_OUTBOUND_NO_RETURN
                key: token
                absence:
                  first: {kind: SIGHTING, direction: OUTBOUND, minor: true, siteKind: border}
                  none:
                    - {direction: INBOUND}
                    - {kind: INTERCEPTION, outcome: RESCUED}
                  within: 7d
                severity: {base: HIGH, raisers: [minor]}
                title: "{What} left {place} and was not seen returning within 7 days"
                """);
        assertThat(rules).extracting(RuleSpec::id).containsExactly("TEST_RULE", "MINOR_OUTBOUND_NO_RETURN");
        RuleSpec absence = rules.get(1);
        assertThat(absence.isAbsence()).isTrue();
        assertThat(absence.window()).isNull();
        assertThat(absence.absence().within()).isEqualTo(Duration.ofDays(7));
        assertThat(absence.absence().first().kinds()).containsExactly(EventKind.SIGHTING);
        assertThat(absence.absence().first().directions()).containsExactly("OUTBOUND");
        assertThat(absence.absence().first().siteKinds()).containsExactlyInAnyOrder(SiteKind.LAND_BORDER,
                SiteKind.SEA_PORT, SiteKind.AIRPORT);
        assertThat(absence.absence().none()).hasSize(2);
        assertThat(absence.severity().base()).isEqualTo(Severity.HIGH);
        assertThat(absence.source()).isEqualTo("t.yaml:10");
    }
}
