package io.waspada.correlation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.waspada.correlation.absence.AbsenceRules;
import io.waspada.correlation.absence.MinorOutboundNoReturn;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The absence rules' settings from {@code application.properties}: {@code waspada.rules.minor-outbound-no-return.within}
 * (7d) and {@code .grace} (default: {@code waspada.rules.grace}), and {@code waspada.rules.absence.idle} (15m: how
 * long a correlation task sees no input before the wall clock stands in for its stream time; 0 turns that off).
 */
@ConfigMapping(prefix = "waspada.rules")
public interface AbsenceConfig {

    MinorOutboundNoReturnSetting minorOutboundNoReturn();

    Absence absence();

    /** The seventh rule's T and its own grace. */
    interface MinorOutboundNoReturnSetting {
        @WithDefault("7d")
        Duration within();

        Optional<Duration> grace();
    }

    /** What all absence rules share. */
    interface Absence {
        @WithDefault("15m")
        Duration idle();
    }

    /** The absence rules of {@code specs} with these settings, and the rules' {@code grace}. */
    default AbsenceRules toRules(List<io.waspada.correlation.rules.data.RuleSpec> specs, Duration grace,
            SiteRegistry sites) {
        return AbsenceRules.of(specs, java.util.Map.of(MinorOutboundNoReturn.ID, new AbsenceRules.Setting(
                minorOutboundNoReturn().within(), minorOutboundNoReturn().grace().orElse(null))), grace,
                absence().idle(), sites);
    }
}
