package io.waspada.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole fault suite, {@code ./waspada faults} (profile {@code faults}; never part of a plain verify, whose
 * {@link FaultSuiteSubsetTest} runs a short subset): every scenario of the table on one rig, then the promise checked
 * row by row: nothing accepted lost or written twice, every planted alert raised once, every alert paged and mailed.
 */
@Timeout(7200)
class FaultSuite {

    private static final Duration LEAD = Duration.ofSeconds(30);

    @Test
    void everyScenarioKeepsThePromise(@TempDir Path dir) throws Exception {
        List<FaultSuiteRunner.Planned> plan = List.of(
                planned(FaultScenario.poisonRecords()),
                planned(FaultScenario.killProcessor(Duration.ofSeconds(60))),
                planned(FaultScenario.killBroker(Duration.ofSeconds(60))),
                planned(FaultScenario.killNotifier(Duration.ofSeconds(60))),
                planned(FaultScenario.refusingReceiver(Duration.ofMinutes(3))),
                planned(FaultScenario.hotKey(Integer.getInteger("faults.hot-key", 100_000))),
                planned(FaultScenario.kafkaUnreachable(Duration.ofSeconds(60), 200)));
        // -Dfaults.only=2,5 runs those scenarios alone (./waspada faults --only 2,5).
        String only = System.getProperty("faults.only", "");
        if (!only.isBlank()) {
            List<Integer> numbers = java.util.Arrays.stream(only.split(",")).map(String::strip)
                    .map(Integer::valueOf).toList();
            plan = plan.stream().filter(p -> numbers.contains(p.scenario().number())).toList();
            assertThat(plan).as("scenarios numbered " + only).hasSize(numbers.size());
        }
        List<ScenarioRow> rows = FaultSuiteRunner.run("fault-suite", plan, dir);
        assertThat(rows).hasSameSizeAs(plan);
        assertThat(rows).allSatisfy(row -> assertThat(row.holds()).as(row.line()).isTrue());
    }

    private static FaultSuiteRunner.Planned planned(FaultScenario scenario) {
        double rate = Double.parseDouble(System.getProperty("faults.rate", "20"));
        return new FaultSuiteRunner.Planned(scenario, FaultSuiteRunner.pace(rate, LEAD, scenario));
    }
}
