package io.waspada.correlation.rulebook;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.correlation.absence.MinorOutboundNoReturn;
import io.waspada.correlation.testing.CorrelationDriver;
import io.waspada.correlation.testing.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Absence rules changed at runtime (versions on {@code tip.rules.v1}): a rule added at runtime waits for the As observed
 * from its activeFrom and raises at its deadline plus grace, not before, and not when the B came; the shipped absence
 * rule disabled stops admitting As from its activeFrom (an A admitted before still raises) and, enabled again, admits
 * them again; an A is raised as the version in force when it was observed words it.
 */
class RuntimeAbsenceRuleTest {

    private static final String LEFT = "PASSPORT_LEFT_NO_RETURN";
    /** Any passport seen outbound at a border site and not inbound within 2 days; grace 24 h (the rules'). */
    private static final String RULE = """
            rule: PASSPORT_LEFT_NO_RETURN
            description: a passport is sighted outbound at a border site and not inbound within the window
            key: token
            absence:
              first: {kind: SIGHTING, direction: OUTBOUND, scheme: PASSPORT, siteKind: border}
              none: [{direction: INBOUND}]
              within: 2d
            severity: {base: MEDIUM}
            title: "{What} left {place}, not back within {within}"
            """;

    private static Sighting crossing(String eventId, double at, String direction, Subject subject) {
        return Sighting.newBuilder(Events.sighting(eventId, "IMMIGRATION", hours(at), BUKIT_KAYU_HITAM, subject))
                .setDirection(direction).build();
    }

    private static List<Alert> of(CorrelationDriver driver, String rule) {
        return driver.alerts().stream().filter(alert -> alert.getType().equals(rule)).toList();
    }

    @Test
    void anAbsenceRuleAddedAtRuntimeWaitsForTheAsObservedFromItsActiveFrom() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.ruleVersion(new RuleVersion(LEFT, 1, "active", hours(10).toEpochMilli(), RULE, "rules.admin", 0,
                    "try it", null));
            driver.send(crossing("before", 5, "OUTBOUND", person(passport("A")))); // before activeFrom: not an A
            driver.send(crossing("gone", 11, "OUTBOUND", person(passport("B"))));
            driver.send(crossing("left", 12, "OUTBOUND", person(passport("C"))),
                    crossing("back", 30, "INBOUND", person(passport("C")))); // C came back within 2 days
            driver.streamTimeAt(11 + 48 + 24); // B's deadline plus grace: not past it
            assertThat(of(driver, LEFT)).isEmpty();
            driver.streamTimeAt(11 + 48 + 24.01);
            List<Alert> raised = of(driver, LEFT);
            assertThat(raised).singleElement().satisfies(alert -> {
                assertThat(alert.getSubjectToken()).isEqualTo("B");
                assertThat(alert.getSeverity().name()).isEqualTo("MEDIUM");
                assertThat(alert.getTitle()).isEqualTo("Passport left Bukit Kayu Hitam ICQS (Malaysia-Thailand), not "
                        + "back within 2 days");
            });
            driver.streamTimeAt(200);
            assertThat(of(driver, LEFT)).as("A before activeFrom, and C who came back: nothing").isEmpty();
        }
    }

    @Test
    void anAIsRaisedAsTheVersionInForceWhenItWasObservedWordsItAndNotIfALateVersionDisabledIt() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.ruleVersion(new RuleVersion(LEFT, 1, "active", hours(10).toEpochMilli(), RULE, "rules.admin", 0,
                    "try it", null));
            driver.ruleVersion(new RuleVersion(LEFT, 2, "active", hours(20).toEpochMilli(),
                    RULE.replace("base: MEDIUM", "base: HIGH").replace(", not back within {within}", " for good"),
                    "rules.admin", 0, "louder", 1));
            driver.send(crossing("v1", 11, "OUTBOUND", person(passport("B"))),
                    crossing("v2", 21, "OUTBOUND", person(passport("D"))));
            driver.streamTimeAt(150);
            assertThat(of(driver, LEFT)).extracting(Alert::getSubjectToken, a -> a.getSeverity().name(),
                    Alert::getTitle).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("B", "MEDIUM",
                            "Passport left Bukit Kayu Hitam ICQS (Malaysia-Thailand), not back within 2 days"),
                    org.assertj.core.groups.Tuple.tuple("D", "HIGH",
                            "Passport left Bukit Kayu Hitam ICQS (Malaysia-Thailand) for good"));
        }
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(crossing("admitted", 5, "OUTBOUND", minorVictim(passport("M9"))));
            // Read after the A waits, in force from before it: the A is not raised.
            driver.ruleVersion(new RuleVersion(MinorOutboundNoReturn.ID, 1, "disabled", hours(1).toEpochMilli(),
                    RuleBook.sourceOf(minorRule()), "rules.admin", 0, "off", 0));
            driver.streamTimeAt(400);
            assertThat(of(driver, MinorOutboundNoReturn.ID)).isEmpty();
        }
    }

    /** A version that widens what counts as a B: a B observed under it cancels the A whether it arrives first or not. */
    @Test
    void aBIsJudgedByTheVersionInForceWhenItWasObservedWhicheverArrivesFirst() {
        String wider = RULE.replace("none: [{direction: INBOUND}]",
                "none: [{direction: INBOUND}, {kind: INTERCEPTION}]");
        for (boolean bFirst : new boolean[] {false, true}) {
            try (CorrelationDriver driver = new CorrelationDriver()) {
                driver.ruleVersion(new RuleVersion(LEFT, 1, "active", hours(10).toEpochMilli(), RULE, "rules.admin",
                        0, "try it", null));
                driver.ruleVersion(new RuleVersion(LEFT, 2, "active", hours(20).toEpochMilli(), wider, "rules.admin",
                        0, "an interception is a B too", 1));
                Sighting a = crossing("left", 11, "OUTBOUND", person(passport("E")));
                // Not inbound: a B only under version 2.
                io.waspada.avro.Interception b = io.waspada.avro.Interception.newBuilder(Events.interception("held",
                        "RMP", hours(25), BUKIT_KAYU_HITAM, 1, List.of(), person(passport("E"))))
                        .setDirection("UNKNOWN").setOutcome(io.waspada.avro.Outcome.DETAINED).build();
                if (bFirst) {
                    driver.send(b).send(a);
                } else {
                    driver.send(a).send(b);
                }
                driver.streamTimeAt(200);
                assertThat(of(driver, LEFT)).as(bFirst ? "B first" : "A first").isEmpty();
            }
        }
    }

    @Test
    void theShippedAbsenceRuleDisabledAdmitsNoNewAAndEnabledAgainDoes() {
        String minor = MinorOutboundNoReturn.ID;
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.ruleVersion(new RuleVersion(minor, 1, "disabled", hours(10).toEpochMilli(),
                    RuleBook.sourceOf(minorRule()), "rules.admin", 0, "off for a while", 0));
            driver.ruleVersion(new RuleVersion(minor, 2, "active", hours(20).toEpochMilli(),
                    "rule: " + minor + "\n", "rules.admin", 0, "on again", 1));
            driver.send(crossing("admitted", 5, "OUTBOUND", minorVictim(passport("M1")))); // before: waits
            driver.send(crossing("off", 12, "OUTBOUND", minorVictim(passport("M2")))); // disabled then: no A
            driver.send(crossing("on", 21, "OUTBOUND", minorVictim(passport("M3")))); // active again: waits
            driver.streamTimeAt(400);
            assertThat(of(driver, minor)).extracting(Alert::getSubjectToken).containsExactlyInAnyOrder("M1", "M3");
        }
    }

    private static io.waspada.correlation.absence.AbsenceRule minorRule() {
        return io.waspada.correlation.absence.AbsenceRules.defaults(java.time.Duration.ofHours(24),
                io.waspada.sites.SiteRegistry.defaults()).rules().get(0);
    }
}
