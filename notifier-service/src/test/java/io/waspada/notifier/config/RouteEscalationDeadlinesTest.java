package io.waspada.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.notifier.routing.EscalationDeadlines;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Escalation deadlines as a route option: the root starts from the service-wide settings, a child inherits its
 * parent's and replaces only the severities it names ({@code never} switches one off).
 */
class RouteEscalationDeadlinesTest {

    static final String YAML = """
            route:
              receiver: hq
              escalation_deadlines: {HIGH: 10m}
              routes:
                - matchers: ['domain="SEA"']
                  receiver: sea
                  escalation_deadlines: {critical: 2m, Medium: never}
                  routes:
                    - matchers: ['region="SABAH"']
                      receiver: east
                      escalation_deadlines: {LOW: 1d}
                - matchers: ['domain="LAND"']
                  receiver: land
            receivers:
              - id: hq
              - id: sea
              - id: east
              - id: land
            """;

    static final Router ROUTER = new Router(RoutingConfigLoader.parse("inline", YAML));

    /** Labels, the receiver reached, and its deadlines for CRITICAL, HIGH, MEDIUM, LOW ("-" = never). */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("root: service-wide defaults with HIGH replaced", Map.of("domain", "AIR"), "hq",
                        List.of("5m", "10m", "4h", "-")),
                Arguments.of("child without the option inherits the root's", Map.of("domain", "LAND"), "land",
                        List.of("5m", "10m", "4h", "-")),
                Arguments.of("child replaces two severities, keeps the others", Map.of("domain", "SEA"), "sea",
                        List.of("2m", "10m", "-", "-")),
                Arguments.of("grandchild adds LOW on top of its parent's", Map.of("domain", "SEA", "region", "SABAH"),
                        "east", List.of("2m", "10m", "-", "1d")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void childrenInheritAndReplacePerSeverity(String why, Map<String, String> labels, String receiver,
            List<String> expected) {
        RouteMatch match = ROUTER.route(labels, Handling.H0).get(0);
        assertThat(match.taskForce().id()).isEqualTo(receiver);
        EscalationDeadlines deadlines = match.route().options().escalationDeadlines();
        List<Severity> order = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);
        assertThat(order.stream().map(s -> deadlines.deadline(s).map(Durations::format).orElse("-")).toList())
                .isEqualTo(expected);
    }

    @Test
    void theServiceWideSettingsAreTheRootsStartingPoint() {
        EscalationDeadlines serviceWide = RoutingProducer.serviceWide(Map.of(Severity.CRITICAL, "1m",
                Severity.HIGH, "never", Severity.MEDIUM, "2h", Severity.LOW, " "));
        Router router = new Router(RoutingConfigLoader.parse("inline", YAML.getBytes(), serviceWide));
        EscalationDeadlines land = router.route(Map.of("domain", "LAND"), Handling.H0).get(0).route().options()
                .escalationDeadlines();
        assertThat(land.deadline(Severity.CRITICAL)).contains(Duration.ofMinutes(1));
        assertThat(land.deadline(Severity.HIGH)).contains(Duration.ofMinutes(10)); // the root's own option wins
        assertThat(land.deadline(Severity.MEDIUM)).contains(Duration.ofHours(2));
        assertThat(land.deadline(Severity.LOW)).isEmpty();
    }

    @Test
    void aBadServiceWideSettingIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> RoutingProducer.serviceWide(Map.of(Severity.HIGH, "0s")))
                .hasMessageContaining("waspada.escalation.deadline.high")
                .hasMessageContaining("must be positive or 'never'");
        assertThatThrownBy(() -> RoutingProducer.serviceWide(Map.of(Severity.LOW, "later")))
                .hasMessageContaining("waspada.escalation.deadline.low: bad duration 'later'");
    }

    @Test
    void deadlinesPrintMostSevereFirst() {
        assertThat(EscalationDeadlines.DEFAULTS).hasToString("{CRITICAL: PT5M, HIGH: PT15M, MEDIUM: PT4H, LOW: never}");
        assertThat(EscalationDeadlines.DEFAULTS.overriddenBy(Map.of(Severity.CRITICAL, Optional.empty())).deadline(
                Severity.CRITICAL)).isEmpty();
    }
}
