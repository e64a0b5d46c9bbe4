package io.waspada.correlation.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.rules.RuleEngine;
import io.waspada.correlation.rules.data.DataRule;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the rules API compiles: a whole rule in the rule language (new, or a rule in force rewritten), a tuning of a
 * rule in force, and the problems of a bad document as {@code line N: problem}.
 */
class DataRuleCompilerTest {

    private static final SiteRegistry SITES = SiteRegistry.defaults();
    private static final RuleSettings SETTINGS = RuleSettings.defaults();
    private static final RuleEngine START_UP = RuleEngine.of(SETTINGS, SITES);
    private static final io.waspada.correlation.absence.AbsenceRule MINOR =
            io.waspada.correlation.absence.AbsenceRules.defaults(SETTINGS.grace(), SITES).rules().get(0);
    static final String LEFT_AND_GONE = """
            rule: LEFT_AND_GONE
            key: token
            absence:
              first: {direction: OUTBOUND}
              none: [{direction: INBOUND}]
              within: 2d
            severity: {base: HIGH}
            title: "{What} left {place}"
            """;
    private final RuleCompiler compiler = new DataRuleCompiler(new BuiltInRuleCompiler(SETTINGS, SITES, START_UP),
            START_UP, SITES, java.util.Map.of("MINOR_OUTBOUND_NO_RETURN", MINOR));

    static final String NEW_RULE = """
            rule: NIGHT_BOAT_LANDINGS
            description: one vessel is seen landing at threshold+ different sites within the window
            key: token
            window: 2d
            threshold: 2
            mode: shadow
            evidence:
              scheme: [MMSI, IMO]
            condition:
              distinct: {of: site, atLeast: threshold}
            severity:
              base: MEDIUM
              raisers: [minor]
            title: "{What} seen at {siteCount} sites: {sites}"
            labels:
              pattern: night-landings
            """;

    @Test
    void aWholeRuleBecomesADataRuleWithItsOwnWindowThresholdAndMode() throws Exception {
        CompiledRule compiled = compiler.compile(NEW_RULE);
        assertThat(compiled.id()).isEqualTo("NIGHT_BOAT_LANDINGS");
        assertThat(compiled.mode()).isEqualTo(RuleMode.SHADOW);
        assertThat(compiled.rule()).isInstanceOf(DataRule.class);
        assertThat(compiled.rule().setting().window()).isEqualTo(Duration.ofDays(2));
        assertThat(compiled.rule().setting().threshold()).isEqualTo(2);
        assertThat(compiler.compile(NEW_RULE.replace("mode: shadow\n", "")).mode()).isNull();
    }

    @Test
    void aDataOnlyRuleInForceAtStartUpIsTunedAsWritten() throws Exception {
        CompiledRule tuned = compiler.compile("rule: REPEAT_CROSSING\nthreshold: 4\nmode: shadow\n");
        assertThat(tuned.rule().setting().threshold()).isEqualTo(4);
        assertThat(tuned.rule().keyedBy()).isEqualTo("token");
        assertThat(tuned.mode()).isEqualTo(RuleMode.SHADOW);
        assertThatThrownBy(() -> compiler.compile("rule: NO_SUCH_RULE\nthreshold: 4\n"))
                .isInstanceOfSatisfying(RuleDocumentException.class,
                        e -> assertThat(e.problems().get(0)).contains("not a rule in force at start-up"));
    }

    @Test
    void aDocumentOfOnlyWindowAndThresholdTunesTheRuleInForce() throws Exception {
        CompiledRule tuned = compiler.compile("rule: CROSS_BORDER_MOVEMENT\nthreshold: 3\n");
        assertThat(tuned.rule().setting().threshold()).isEqualTo(3);
        assertThat(tuned.rule().setting().window()).isEqualTo(Duration.ofHours(72));
        assertThat(tuned.rule()).isInstanceOf(DataRule.class);
        assertThat(tuned.id()).isEqualTo("CROSS_BORDER_MOVEMENT");
    }

    @Test
    void anAbsenceRuleDocumentBecomesAnAbsenceRuleAndOneInForceKeepsItsWithin() throws Exception {
        CompiledRule added = compiler.compile(LEFT_AND_GONE);
        assertThat(added.isAbsence()).isTrue();
        assertThat(added.rule()).isNull();
        assertThat(added.absence().withinMs()).isEqualTo(Duration.ofDays(2).toMillis());
        assertThat(compiler.compile(LEFT_AND_GONE + "mode: disabled\n").mode()).isEqualTo(RuleMode.DISABLED);
        // The start-up absence rule named by a tuning document: as it is, in another mode.
        CompiledRule off = compiler.compile("rule: MINOR_OUTBOUND_NO_RETURN\nmode: disabled\n");
        assertThat(off.absence()).isSameAs(MINOR);
        assertThat(off.mode()).isEqualTo(RuleMode.DISABLED);
        assertThat(compiler.compile(RuleBook.sourceOf(MINOR)).absence()).isSameAs(MINOR);
        assertThatThrownBy(() -> compiler.compile("rule: MINOR_OUTBOUND_NO_RETURN\nwindow: 3d\n"))
                .hasMessageContaining("window and threshold are not its fields");
        assertThatThrownBy(() -> compiler.compile("rule: MINOR_OUTBOUND_NO_RETURN\nmode: shadow\n"))
                .hasMessageContaining("absence rules have no shadow mode");
        assertThatThrownBy(() -> compiler.compile(LEFT_AND_GONE + "mode: shadow\n"))
                .hasMessageContaining("mode: shadow is not supported for absence rules");
        assertThatThrownBy(() -> compiler.compile(LEFT_AND_GONE.replace("LEFT_AND_GONE", "MINOR_OUTBOUND_NO_RETURN")))
                .as("the start-up rule rewritten with another within")
                .hasMessageContaining("within: PT48H differs from the rule in force");
        assertThatThrownBy(() -> compiler.compile(LEFT_AND_GONE.replace("LEFT_AND_GONE", "CROSS_BORDER_MOVEMENT")))
                .hasMessageContaining("is a condition rule");
        assertThatThrownBy(() -> compiler.compile(LEFT_AND_GONE.replace("within: 2d", "within: 60d")))
                .hasMessageContaining("reaches further than the evidence kept");
    }

    @Test
    void problemsComeWithTheirLines() {
        assertThatThrownBy(() -> compiler.compile(NEW_RULE.replace("window: 2d", "window: 2 days")
                .replace("base: MEDIUM", "base: URGENT")))
                .isInstanceOfSatisfying(RuleDocumentException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.problems().get(0)).startsWith("line 4: window:");
                    assertThat(e.problems().get(1)).startsWith("line 12: severity.base:");
                });
        assertThatThrownBy(() -> compiler.compile(NEW_RULE.replace("window: 2d", "window: 40d")))
                .isInstanceOfSatisfying(RuleDocumentException.class,
                        e -> assertThat(e.problems().get(0)).contains("reaches further than the evidence kept"));
        assertThatThrownBy(() -> compiler.compile(NEW_RULE.replace("NIGHT_BOAT_LANDINGS", "MINOR_OUTBOUND_NO_RETURN")))
                .isInstanceOfSatisfying(RuleDocumentException.class,
                        e -> assertThat(e.problems().get(0)).contains("is an absence rule; a rule id is one alert"));
    }
}
