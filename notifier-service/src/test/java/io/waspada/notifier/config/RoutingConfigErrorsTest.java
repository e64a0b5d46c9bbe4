package io.waspada.notifier.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad routing file is refused with the line and the problem, so start-up fails with a message ops can act on. */
class RoutingConfigErrorsTest {

    private static final String RECEIVERS = """
            receivers:
              - id: hq
              - id: sea
            """;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown key", """
                        route:
                          receiver: hq
                          routes:
                            - matchers: ['domain="SEA"']
                              reciever: sea
                        """ + RECEIVERS, "inline:5: unknown key 'reciever'"),
                Arguments.of("bad regex", """
                        route:
                          receiver: hq
                          routes:
                            - receiver: sea
                              matchers: ['domain=~"SEA|("']
                        """ + RECEIVERS, "inline:4: bad regex"),
                Arguments.of("unknown receiver", """
                        route:
                          receiver: hq
                          routes:
                            - matchers: ['domain="SEA"']
                              receiver: maritime
                        """ + RECEIVERS, "inline:4: unknown receiver 'maritime'"),
                Arguments.of("bad duration", """
                        route:
                          receiver: hq
                          group_wait: 10 seconds
                        """ + RECEIVERS, "inline:2: bad duration '10 seconds'"),
                Arguments.of("root without receiver", """
                        route:
                          group_by: [type]
                        """ + RECEIVERS, "inline:2: the root route needs a 'receiver'"),
                Arguments.of("root with matchers", """
                        route:
                          receiver: hq
                          matchers: ['a="b"']
                        """ + RECEIVERS, "inline:2: the root route must not have matchers"),
                Arguments.of("no route", RECEIVERS, "no 'route'"),
                Arguments.of("bad handling code", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            handling: [H0, H9]
                        """, "inline:4: unknown handling code 'H9'"),
                Arguments.of("unknown projection", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            projection: victims-only
                        """, "inline:4: unknown projection 'victims-only' (known: full, protection)"),
                Arguments.of("duplicate receiver", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                          - id: hq
                        """, "inline:5: duplicate receiver id 'hq'"),
                Arguments.of("unknown escalation target", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            escalation: [ntf]
                        """, "inline:4: escalation names unknown receiver 'ntf'"),
                Arguments.of("webhook without a usable url", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            channels:
                              webhook: {url: "ftp://x", secret_env: WEBHOOK_SECRET}
                        """, "inline:6: webhook url 'ftp://x' must be an absolute http(s) URL"),
                Arguments.of("webhook secret written in the routing file", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            channels:
                              webhook:
                                url: http://localhost:9/hook
                                secret: 0123456789abcdef-inline
                        """, "inline:7: webhook 'secret' may not be written in the routing file"),
                Arguments.of("webhook secret from an unset variable", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            channels:
                              webhook:
                                url: http://localhost:9/hook
                                secret_env: WASPADA_NO_SUCH_VARIABLE_FOR_TESTS
                        """, "inline:7: webhook secret_env WASPADA_NO_SUCH_VARIABLE_FOR_TESTS is not set"),
                Arguments.of("webhook secret from a missing file", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            channels:
                              webhook:
                                url: http://localhost:9/hook
                                secret_file: /no/such/secret
                        """, "inline:7: webhook secret_file /no/such/secret does not exist"),
                Arguments.of("bad email", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            channels:
                              email: {to: [nobody]}
                        """, "inline:6: 'nobody' is not an email address"),
                Arguments.of("inhibit rule without target", """
                        route:
                          receiver: hq
                        inhibit_rules:
                          - source_matchers: ['severity="CRITICAL"']
                        receivers:
                          - id: hq
                        """, "inline:4: an inhibit rule needs both"),
                Arguments.of("escalation deadline for an unknown severity", """
                        route:
                          receiver: hq
                          routes:
                            - matchers: ['domain="SEA"']
                              receiver: sea
                              escalation_deadlines: {URGENT: 5m}
                        """ + RECEIVERS, "inline:4: escalation_deadlines has an unknown severity 'URGENT'"),
                Arguments.of("escalation deadline that is not a duration", """
                        route:
                          receiver: hq
                          escalation_deadlines: {CRITICAL: 5m, HIGH: soon}
                        """ + RECEIVERS, "inline:2: escalation_deadlines HIGH: bad duration 'soon'"),
                Arguments.of("escalation deadline of zero", """
                        route:
                          receiver: hq
                          escalation_deadlines: {LOW: 0s}
                        """ + RECEIVERS, "inline:2: escalation_deadlines LOW: a deadline must be positive or 'never'"),
                Arguments.of("escalation deadline left empty", """
                        route:
                          receiver: hq
                          escalation_deadlines: {MEDIUM: }
                        """ + RECEIVERS, "inline:2: escalation_deadlines MEDIUM: needs a duration or 'never'"),
                Arguments.of("escalation deadlines not a map", """
                        route:
                          receiver: hq
                          escalation_deadlines: 5m
                        """ + RECEIVERS, "inline:3:"),
                Arguments.of("wrong type", """
                        route:
                          receiver: hq
                          continue: [yes]
                        """ + RECEIVERS, "inline:3:"),
                Arguments.of("unknown language", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            language: jv
                        """, "inline:4: unknown language 'jv' (known: en, ms, id)"),
                Arguments.of("language not a word", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            language: [ms]
                        """, "inline:5:"),
                Arguments.of("unknown time zone", """
                        route:
                          receiver: hq
                        receivers:
                          - id: hq
                            time_zone: Asia/Tokyo
                        """, "inline:4: unknown time_zone 'Asia/Tokyo' (known: Asia/Kuala_Lumpur, Asia/Jakarta, "
                        + "Asia/Makassar)"),
                Arguments.of("not YAML", "route: [\n", "inline:"));
    }

    @org.junit.jupiter.api.Test
    void aTaskForceHasALanguageAndATimeZoneDefaultingToEnglishInMalaysia() {
        var config = RoutingConfigLoader.parse("inline", """
                route:
                  receiver: hq
                receivers:
                  - id: hq
                  - {id: liaison, language: id, time_zone: Asia/Makassar}
                  - {id: sabah, language: ms, time_zone: WITA}
                """);
        org.assertj.core.api.Assertions.assertThat(config.taskForces().get("hq").language())
                .isEqualTo(io.waspada.notifier.i18n.Language.EN);
        org.assertj.core.api.Assertions.assertThat(config.taskForces().get("hq").zone())
                .isEqualTo(io.waspada.notifier.i18n.OfficerZone.MYT);
        org.assertj.core.api.Assertions.assertThat(config.taskForces().get("liaison").language())
                .isEqualTo(io.waspada.notifier.i18n.Language.ID);
        org.assertj.core.api.Assertions.assertThat(config.taskForces().get("liaison").zone())
                .isEqualTo(io.waspada.notifier.i18n.OfficerZone.WITA);
        org.assertj.core.api.Assertions.assertThat(config.taskForces().get("sabah").language())
                .isEqualTo(io.waspada.notifier.i18n.Language.MS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void refusesWithLineAndProblem(String why, String yaml, String message) {
        assertThatThrownBy(() -> RoutingConfigLoader.parse("inline", yaml))
                .isInstanceOf(RoutingConfigException.class)
                .hasMessageContaining(message);
    }
}
