package io.waspada.correlation.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.rules.RuleEngine;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which version of each rule governs an event, by event time; what the built-in compiler accepts; the diff. */
class RuleBookTest {

    private static final String CBM = "CROSS_BORDER_MOVEMENT";
    private final RuleSettings settings = RuleSettings.defaults();
    private final RuleEngine engine = RuleEngine.of(settings, SiteRegistry.defaults());
    private final BuiltInRuleCompiler compiler = new BuiltInRuleCompiler(settings, SiteRegistry.defaults(), engine);
    private final List<String> missed = new ArrayList<>();
    private final RuleBook book = new RuleBook(engine.rules(), compiler, missed::add);

    @Test
    void theStartUpRulesAreVersionZeroFromTheBeginningOfTime() {
        assertThat(book.inForceAt(Long.MIN_VALUE + 1).rules()).isEqualTo(engine.rules());
        assertThat(book.versions(CBM)).singleElement().satisfies(v -> {
            assertThat(v.version()).isZero();
            assertThat(v.source()).isEqualTo("rule: CROSS_BORDER_MOVEMENT\nwindow: 72h\nthreshold: 2\n");
        });
    }

    @Test
    void anEventIsEvaluatedUnderTheVersionWhoseActiveFromIsTheLatestNotAfterItsTime() {
        book.add(version(1, "threshold: 3", RuleMode.ACTIVE, 1_000));
        book.add(version(3, "threshold: 5", RuleMode.ACTIVE, 3_000));
        book.add(version(2, "threshold: 4", RuleMode.ACTIVE, 2_000)); // read out of order: changes nothing
        assertThat(threshold(999)).isEqualTo(2);
        assertThat(threshold(1_000)).isEqualTo(3);
        assertThat(threshold(2_999)).isEqualTo(4);
        assertThat(threshold(3_000)).isEqualTo(5);
        assertThat(threshold(1_500)).as("cached segment").isEqualTo(3);
        book.add(version(4, "threshold: 6", RuleMode.ACTIVE, 3_000));
        assertThat(threshold(3_500)).as("of two with one activeFrom, the higher version").isEqualTo(6);
        assertThat(book.inForceAt(3_500).rules()).hasSize(engine.rules().size());
    }

    @Test
    void shadowIsEvaluatedAndMarkedDisabledIsNotEvaluated() {
        book.add(version(1, "threshold: 2", RuleMode.SHADOW, 1_000));
        book.add(version(2, "threshold: 2", RuleMode.DISABLED, 2_000));
        assertThat(book.inForceAt(1_500).shadow(CBM)).isTrue();
        assertThat(book.inForceAt(1_500).rules()).extracting(r -> r.id()).contains(CBM);
        assertThat(book.inForceAt(2_500).rules()).extracting(r -> r.id()).doesNotContain(CBM)
                .hasSize(engine.rules().size() - 1);
        assertThat(book.modeAt(CBM, 500)).isEqualTo(RuleMode.ACTIVE);
        assertThat(book.modeAt(CBM, 2_000)).isEqualTo(RuleMode.DISABLED);
    }

    @Test
    void aStartUpRuleInShadowOrDisabledIsVersionZeroInThatMode() {
        RuleBook modes = new RuleBook(engine.rules(), java.util.Map.of(CBM, RuleMode.SHADOW, "GROUP_CROSSING",
                RuleMode.DISABLED), java.util.List.of(), compiler, missed::add);
        assertThat(modes.inForceAt(0).shadow(CBM)).isTrue();
        assertThat(modes.inForceAt(0).rules()).extracting(Rule::id).contains(CBM).doesNotContain("GROUP_CROSSING")
                .hasSize(engine.rules().size() - 1);
        assertThat(modes.versions("GROUP_CROSSING")).singleElement()
                .satisfies(v -> assertThat(v.mode()).isEqualTo("disabled"));
        assertThat(modes.modeAt(CBM, 0)).isEqualTo(RuleMode.SHADOW);
        modes.add(version(1, "threshold: 2", RuleMode.ACTIVE, 1_000));
        assertThat(modes.inForceAt(1_000).shadow(CBM)).isFalse();
        assertThat(modes.inForceAt(1_000).rules()).extracting(Rule::id).contains(CBM).doesNotContain("GROUP_CROSSING");
    }

    @Test
    void aVersionReadAfterEventsPastItsActiveFromIsCounted() {
        book.inForceAt(5_000);
        book.add(version(1, "threshold: 3", RuleMode.ACTIVE, 6_000));
        assertThat(missed).isEmpty();
        book.add(version(2, "threshold: 4", RuleMode.ACTIVE, 4_000));
        assertThat(missed).containsExactly(CBM);
    }

    @Test
    void aVersionThatDoesNotCompileIsSkipped() {
        assertThat(book.add(new RuleVersion(CBM, 1, "active", 0, "rule: CROSS_BORDER_MOVEMENT\nwhat: 1\n", "t", 0,
                null, 0))).isFalse();
        assertThat(book.has(CBM, 1)).isFalse();
    }

    @Test
    void theBuiltInCompilerChangesWindowAndThresholdAndNamesLinesOfProblems() throws Exception {
        CompiledRule rule = compiler.compile("rule: CROSS_BORDER_MOVEMENT\nwindow: 48h\nthreshold: 3\nmode: shadow\n");
        assertThat(rule.rule().setting().window()).isEqualTo(Duration.ofHours(48));
        assertThat(rule.rule().setting().threshold()).isEqualTo(3);
        assertThat(rule.rule().id()).isEqualTo(CBM);
        assertThat(rule.mode()).isEqualTo(RuleMode.SHADOW);
        assertThatThrownBy(() -> compiler.compile("rule: CROSS_BORDER_MOVEMENT\nwindow: 3w\nthreshold: 0\n"))
                .isInstanceOfSatisfying(RuleDocumentException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.problems()).hasSize(2).first().asString().startsWith("line 2: window:");
                    assertThat(e.problems().get(1)).startsWith("line 3: threshold:");
                });
        assertThatThrownBy(() -> compiler.compile("rule: GROUP_CROSSING\nwindow: 3h\n"))
                .as("a site rule's window beyond the evidence kept for site keys")
                .isInstanceOfSatisfying(RuleDocumentException.class, e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> compiler.compile("- a\n- b\n")).isInstanceOf(RuleDocumentException.class);
        assertThatThrownBy(() -> compiler.compile("window: 2h\n"))
                .hasMessageContaining("rule: a rule id is required");
    }

    @Test
    void theDiffShowsWhatChanged() {
        String diff = SourceDiff.unified("X@0", "rule: X\nwindow: 72h\nthreshold: 2\n", "X@1",
                "rule: X\nwindow: 72h\nthreshold: 3\nmode: shadow\n");
        assertThat(diff).isEqualTo("--- X@0\n+++ X@1\n@@ -1,3 +1,4 @@\n rule: X\n window: 72h\n-threshold: 2\n"
                + "+threshold: 3\n+mode: shadow\n");
    }

    private int threshold(long at) {
        for (Rule rule : book.inForceAt(at).rules()) {
            if (rule.id().equals(CBM)) {
                return rule.setting().threshold();
            }
        }
        return -1;
    }

    private static RuleVersion version(int version, String change, RuleMode mode, long from) {
        return new RuleVersion(CBM, version, mode.wire(), from, "rule: " + CBM + "\n" + change + "\n", "test", 0,
                null, version - 1);
    }
}
