package io.waspada.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite's short subset, in every {@code ./mvnw verify}: on the suite's rig (3 brokers, two of each
 * processing service), a poison record on every input topic, then kill -9 of a stream-processor and of a notifier
 * mid-stream, each restarted; the same counting as {@code ./waspada faults}, the same zeros required.
 */
@Timeout(1800)
class FaultSuiteSubsetTest {

    private static final Duration LEAD = Duration.ofSeconds(15);

    @Test
    void poisonAndAKilledProcessorAndNotifierLoseAndDuplicateNothing(@TempDir Path dir) throws Exception {
        List<FaultSuiteRunner.Planned> plan = List.of(
                planned(FaultScenario.poisonRecords()),
                planned(FaultScenario.killProcessor(Duration.ofSeconds(30))),
                planned(FaultScenario.killNotifier(Duration.ofSeconds(20))));
        List<ScenarioRow> rows = FaultSuiteRunner.run("fault-suite-subset", plan, dir);
        assertThat(rows).hasSameSizeAs(plan);
        assertThat(rows).allSatisfy(row -> assertThat(row.holds()).as(row.line()).isTrue());
    }

    private static FaultSuiteRunner.Planned planned(FaultScenario scenario) {
        return new FaultSuiteRunner.Planned(scenario, new ScenarioRun.Pace(10, LEAD.plus(scenario.hold())
                .plusSeconds(20), LEAD, Duration.ofSeconds(5)));
    }
}
