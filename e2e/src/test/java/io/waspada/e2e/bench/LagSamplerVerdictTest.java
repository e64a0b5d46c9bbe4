package io.waspada.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's lag verdict: bursts that drain are bounded; steady growth, or lag left after the load, is not. */
class LagSamplerVerdictTest {

    @Test
    void aBurstThatDrainsIsBoundedSteadyGrowthIsNot() {
        List<LagSampler.Sample> burst = samples(new long[] {0, 5000, 7000, 2000, 100}, new long[] {0});
        List<LagSampler.Sample> growing = samples(new long[] {0, 2000, 4000, 6000, 8000}, new long[] {8000});

        assertThat(LagSampler.verdict("g", burst, 1000)).contains("peak 7000").contains("-> BOUNDED");
        assertThat(LagSampler.verdict("g", growing, 1000)).contains("growth under load 2000.0").contains("NOT BOUNDED");
    }

    @Test
    void samplesBeforeTheGroupCommittedAnythingAreIgnored() {
        List<LagSampler.Sample> samples = samples(new long[] {-1, -1, 10, 12}, new long[] {6});

        assertThat(LagSampler.verdict("g", samples, 1000)).startsWith("g").contains("start 10").contains("after drain 6")
                .contains("-> BOUNDED");
    }

    /** One sample per second under load, then the drain samples. */
    private static List<LagSampler.Sample> samples(long[] underLoad, long[] drain) {
        List<LagSampler.Sample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < underLoad.length; i++) {
            samples.add(new LagSampler.Sample(i, new long[] {underLoad[i]}, true));
        }
        for (int i = 0; i < drain.length; i++) {
            samples.add(new LagSampler.Sample(underLoad.length + i, new long[] {drain[i]}, false));
        }
        return samples;
    }
}
