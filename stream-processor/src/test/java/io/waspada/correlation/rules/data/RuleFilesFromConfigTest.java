package io.waspada.correlation.rules.data;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.PADANG_BESAR;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.avro.Alert;
import io.waspada.correlation.config.RulesConfig;
import io.waspada.correlation.rulebook.RuleMode;
import io.waspada.correlation.rulebook.RuleVersion;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.testing.CorrelationDriver;
import io.waspada.sites.SiteRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code waspada.rules.files}: rule files read at start-up beside the shipped rules, or start-up fails. */
class RuleFilesFromConfigTest {

    private static final String TWO_BORDER_POSTS = """
            # Ours: any passport at two border posts in a day.
            rule: PASSPORT_TWO_POSTS
            description: a passport is seen at threshold+ border sites within a day
            key: token
            window: 24h
            threshold: 2
            evidence: {scheme: PASSPORT, siteKind: border}
            condition:
              distinct: {of: site, atLeast: threshold}
            severity: {base: LOW, raisers: [minor]}
            title: "{What} seen at {sites}"
            labels: {team: border-watch}
            """;

    private static RulesConfig config(String files) {
        Map<String, String> properties = new HashMap<>();
        properties.put("waspada.rules.grace", "PT24H");
        for (String rule : List.of("watchlist-hit", "cross-border-movement", "sighting-interception-link",
                "facilitator-network", "group-crossing")) {
            properties.put("waspada.rules." + rule + ".window", "PT48H");
            properties.put("waspada.rules." + rule + ".threshold", "2");
        }
        properties.put("waspada.rules.files", files);
        properties.put("waspada.rules.switch-lead", "PT30S"); // plain SmallRye reads ISO-8601 durations only
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(RulesConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(RulesConfig.class);
    }

    @Test
    void aFileGivenInTheConfigAddsItsRulesBesideTheShippedOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("border-watch.yaml");
        Files.writeString(file, TWO_BORDER_POSTS);
        RulesConfig config = config(file.toString());

        List<Rule> rules = StartupRules.load(config.toSettings(), SiteRegistry.defaults(), config.ruleFiles()).rules();

        assertThat(rules).extracting(Rule::id).containsExactly("WATCHLIST_HIT", "CROSS_BORDER_MOVEMENT",
                "SIGHTING_INTERCEPTION_LINK", "FACILITATOR_NETWORK", "GROUP_CROSSING", "REPEAT_CROSSING",
                "PASSPORT_TWO_POSTS");
        // The start-up settings still override a built-in's window and threshold.
        assertThat(rules.get(1).setting().threshold()).isEqualTo(2);
        assertThat(rules.get(1).setting().window()).hasHours(48);
        try (CorrelationDriver driver = new CorrelationDriver(config.toSettings(), false, rules)) {
            driver.send(sighting("b1", "IMMIGRATION", hours(0), BUKIT_KAYU_HITAM, person(passport("P1"))));
            driver.send(sighting("b2", "IMMIGRATION", hours(5), PADANG_BESAR, person(passport("P1"))));
            List<Alert> ours = driver.alerts().stream().filter(a -> a.getType().equals("PASSPORT_TWO_POSTS")).toList();
            assertThat(ours).hasSize(1);
            assertThat(ours.get(0).getTitle()).isEqualTo("Passport seen at Bukit Kayu Hitam ICQS (Malaysia-Thailand) "
                    + "and Padang Besar (Malaysia-Thailand)");
            assertThat(ours.get(0).getSeverity().name()).isEqualTo("LOW");
            assertThat(ours.get(0).getLabels()).containsEntry("team", "border-watch")
                    .containsEntry("type", "PASSPORT_TWO_POSTS");
        }
    }

    /**
     * A rule written {@code mode: shadow} is evaluated and raises nothing, one written {@code mode: disabled} is not
     * evaluated, until a runtime version of its mode switches it on: each is version 0 of its rule in that mode.
     */
    @Test
    void aShadowOrDisabledRuleInAFileRaisesNothingUntilAVersionMakesItActive(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("border-watch.yaml");
        Files.writeString(file, TWO_BORDER_POSTS.replace("key: token", "key: token\nmode: shadow") + "---\n"
                + TWO_BORDER_POSTS.replace("PASSPORT_TWO_POSTS", "PASSPORT_TWO_POSTS_OFF")
                        .replace("key: token", "key: token\nmode: disabled"));
        RulesConfig config = config(file.toString());
        StartupRules startUp = StartupRules.load(config.toSettings(), SiteRegistry.defaults(), config.ruleFiles());
        assertThat(startUp.rules()).extracting(Rule::id).endsWith("PASSPORT_TWO_POSTS", "PASSPORT_TWO_POSTS_OFF");
        assertThat(startUp.modes()).isEqualTo(Map.of("PASSPORT_TWO_POSTS", RuleMode.SHADOW,
                "PASSPORT_TWO_POSTS_OFF", RuleMode.DISABLED));

        try (CorrelationDriver driver = new CorrelationDriver(config.toSettings(), startUp)) {
            driver.send(sighting("b1", "IMMIGRATION", hours(0), BUKIT_KAYU_HITAM, person(passport("P1"))));
            driver.send(sighting("b2", "IMMIGRATION", hours(5), PADANG_BESAR, person(passport("P1"))));
            assertThat(driver.alerts()).extracting(Alert::getType)
                    .doesNotContain("PASSPORT_TWO_POSTS", "PASSPORT_TWO_POSTS_OFF");

            // rules mode PASSPORT_TWO_POSTS active, in force from 10:00; the disabled one stays off.
            driver.ruleVersion(new RuleVersion("PASSPORT_TWO_POSTS", 1, "active", hours(10).toEpochMilli(),
                    "rule: PASSPORT_TWO_POSTS\nwindow: 24h\nthreshold: 2\n", "rules.admin", 0, "switch it on", 0));
            driver.send(sighting("c1", "IMMIGRATION", hours(11), BUKIT_KAYU_HITAM, person(passport("P2"))));
            driver.send(sighting("c2", "IMMIGRATION", hours(12), PADANG_BESAR, person(passport("P2"))));
            List<Alert> ours = driver.alerts().stream()
                    .filter(a -> a.getType().startsWith("PASSPORT_TWO_POSTS")).toList();
            assertThat(ours).singleElement().satisfies(alert -> {
                assertThat(alert.getType()).isEqualTo("PASSPORT_TWO_POSTS");
                assertThat(alert.getSubjectToken()).isEqualTo("P2");
                assertThat(alert.getVersion()).isEqualTo(1);
            });
        }

        // An absence rule in a file is active: shadow or disabled is refused, not dropped.
        Path absence = dir.resolve("minors.yaml");
        Files.writeString(absence, """
                rule: MINOR_LEFT_BY_SEA
                key: token
                mode: shadow
                absence:
                  first: {kind: SIGHTING, direction: OUTBOUND, minor: true}
                  none: [{direction: INBOUND}]
                  within: 3d
                severity: {base: HIGH}
                title: "{What} of a minor left {place}"
                """);
        RulesConfig withAbsence = config(absence.toString());
        assertThatThrownBy(() -> StartupRules.load(withAbsence.toSettings(), SiteRegistry.defaults(),
                withAbsence.ruleFiles())).isInstanceOf(RuleFileException.class)
                .hasMessageContaining(absence + ":1: mode: an absence rule in a rule file is active");
        Files.writeString(absence, Files.readString(absence).replace("mode: shadow", "mode: disabled"));
        assertThatThrownBy(() -> StartupRules.load(withAbsence.toSettings(), SiteRegistry.defaults(),
                withAbsence.ruleFiles())).isInstanceOf(RuleFileException.class)
                .hasMessageContaining("(disable it at runtime: rules mode MINOR_LEFT_BY_SEA disabled)");
    }

    @Test
    void aBadFileFailsStartUpWithEveryProblemAtItsLine(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, TWO_BORDER_POSTS);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, TWO_BORDER_POSTS.replace("PASSPORT_TWO_POSTS", "REPEAT_CROSSING")
                .replace("window: 24h", "window: 1y").replace("{sites}", "{site}"));
        RulesConfig config = config(good + ", " + bad);

        assertThatThrownBy(() -> StartupRules.load(config.toSettings(), SiteRegistry.defaults(), config.ruleFiles()))
                .isInstanceOf(RuleFileException.class)
                .satisfies(e -> assertThat(((RuleFileException) e).problems()).containsExactly(
                        bad + ":5: window: '1y' is not a duration from 1m to 90d (<n>m, <n>h or <n>d)",
                        bad + ":11: title: unknown placeholder {site} (known: What, what, countries, agencies, "
                                + "regions, sites, siteCount, place, latestAgency, interceptor, victims, persons, "
                                + "count)"));
        Files.writeString(bad, TWO_BORDER_POSTS.replace("PASSPORT_TWO_POSTS", "REPEAT_CROSSING"));
        assertThatThrownBy(() -> StartupRules.load(config.toSettings(), SiteRegistry.defaults(), config.ruleFiles()))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining(bad + ":2: rule: REPEAT_CROSSING is defined twice (first at "
                        + "classpath:rules/repeat-crossing.yaml:2)");
    }
}
