package io.waspada.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.notifier.config.RoutingConfigLoader;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests of the routing semantics (Alertmanager's dispatch/route.go), from one inline YAML tree. */
class RouteTreeTest {

    static final String YAML = """
            route:
              receiver: hq
              group_by: [type]
              group_wait: 30s
              routes:
                - matchers: ['region="KEDAH"']
                  receiver: north
                  group_wait: 5s
                  routes:
                    - matchers: ['severity="CRITICAL"']
                      receiver: north-critical
                      group_by: [subject]
                    - matchers: ['severity="LOW"']
                - matchers: ['domain="SEA"']
                  receiver: sea
                  continue: true
                - matchers: ['domain=~"SEA|AIR"']
                  receiver: border
                - match: {type: GROUP_CROSSING}
                  receiver: immigration
                  repeat_interval: 1h
                - match_re: {region: "SABAH|SARAWAK"}
                  receiver: east
                  group_by: ['...']
                - matchers: ['agencies=~"(.*,)?LABOUR(,.*)?"', 'countries!~".*ID.*"']
                  receiver: labour
                - matchers: ['minor!="false"', 'type!="GROUP_CROSSING"']
                  receiver: children
                  continue: true
                - matchers: ['severity="CRITICAL"']
                  receiver: hq-critical
            receivers:
              - {id: hq, handling: [H0, H1, H2, H3]}
              - {id: north}
              - {id: north-critical}
              - {id: sea}
              - {id: border}
              - {id: immigration}
              - {id: east}
              - {id: labour}
              - {id: children}
              - {id: hq-critical}
            """;

    static final Router ROUTER = new Router(RoutingConfigLoader.parse("inline", YAML));

    static Stream<Arguments> cases() {
        return Stream.of(
                row("no child matches: the root receiver", "minor=false,region=PERLIS", "hq"),
                row("first matching child wins", "minor=false,region=KEDAH,domain=SEA", "north"),
                row("nested child wins inside its parent", "minor=false,region=KEDAH,severity=CRITICAL", "north-critical"),
                row("matching child with no receiver inherits the parent's", "minor=false,region=KEDAH,severity=LOW", "north"),
                row("parent matches, no child does: the parent", "minor=false,region=KEDAH,severity=HIGH", "north"),
                row("continue fans out to the next match", "minor=false,domain=SEA", "sea,border"),
                row("without continue the search stops", "minor=false,domain=AIR,type=GROUP_CROSSING", "border"),
                row("regex is anchored: SEAPORT is not SEA", "minor=false,domain=SEAPORT", "hq"),
                row("regex alternation is anchored per whole value", "minor=false,region=SABAH_UTARA", "hq"),
                row("legacy match", "minor=false,type=GROUP_CROSSING", "immigration"),
                row("legacy match_re", "minor=false,region=SARAWAK", "east"),
                row("multi-valued label by regex, negative regex holds", "minor=false,agencies=IMMIGRATION,LABOUR,countries=MY", "labour"),
                row("negative regex fails: falls through", "minor=false,agencies=LABOUR,countries=ID,MY", "hq"),
                row("a missing label is empty: != matches it", "region=JOHOR", "children"),
                row("continue then a later match", "severity=CRITICAL,region=JOHOR", "children,hq-critical"),
                row("!= excludes the value", "minor=false,severity=CRITICAL", "hq-critical"),
                row("empty labels: only != matchers hold", "", "children"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routesLikeAlertmanager(String why, Map<String, String> labels, List<String> receivers) {
        assertThat(ROUTER.route(labels, io.waspada.avro.Handling.H0))
                .extracting(match -> match.taskForce().id())
                .as(why)
                .containsExactlyElementsOf(receivers);
    }

    @Test
    void childrenInheritOptionsAndOverrideWhatTheySet() {
        Route north = only("minor=false,region=KEDAH,severity=LOW");
        assertThat(north.options().groupWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(north.options().groupBy()).containsExactly("type");
        assertThat(north.options().groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(north.options().repeatInterval()).isEqualTo(Duration.ofHours(4));

        Route critical = only("minor=false,region=KEDAH,severity=CRITICAL");
        assertThat(critical.options().groupBy()).containsExactly("subject");
        assertThat(critical.options().groupWait()).isEqualTo(Duration.ofSeconds(5));

        Route immigration = only("minor=false,type=GROUP_CROSSING");
        assertThat(immigration.options().repeatInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(immigration.options().groupWait()).isEqualTo(Duration.ofSeconds(30));

        Route east = only("minor=false,region=SABAH");
        assertThat(east.options().groupByAll()).isTrue();
        assertThat(east.options().groupLabels(Map.of("region", "SABAH", "x", "1"))).containsOnlyKeys("region", "x");
    }

    @Test
    void pathsNameTheRouteByPositionAndMatchers() {
        assertThat(only("minor=false,region=KEDAH,severity=CRITICAL").path())
                .isEqualTo("{}/0{region=\"KEDAH\"}/0{severity=\"CRITICAL\"}");
        assertThat(only("minor=false,region=PERLIS").path()).isEqualTo("{}");
        assertThat(only("minor=false,region=PERLIS").line()).isEqualTo(2);
    }

    @Test
    void handlingCodesDecideClearance() {
        assertThat(ROUTER.route(labels("minor=false,region=PERLIS"), io.waspada.avro.Handling.H2))
                .singleElement().extracting(RouteMatch::cleared).isEqualTo(true);
        assertThat(ROUTER.route(labels("minor=false,region=KEDAH"), io.waspada.avro.Handling.H2))
                .singleElement().extracting(RouteMatch::cleared).isEqualTo(false);
        assertThat(ROUTER.config().taskForce("north").orElseThrow().handling())
                .isEqualTo(Set.of(io.waspada.avro.Handling.H0, io.waspada.avro.Handling.H1));
    }

    private static Route only(String labels) {
        List<RouteMatch> matches = ROUTER.route(labels(labels), io.waspada.avro.Handling.H0);
        assertThat(matches).hasSize(1);
        return matches.get(0).route();
    }

    private static Arguments row(String why, String labels, String receivers) {
        return Arguments.of(why, labels(labels), Arrays.asList(receivers.split(",")));
    }

    /** {@code a=1,b=2,3}: a value may contain commas (multi-valued labels); a new pair starts at {@code name=}. */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        String name = null;
        for (String part : text.isEmpty() ? new String[0] : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                name = part.substring(0, eq);
                labels.put(name, part.substring(eq + 1));
            } else {
                labels.put(name, labels.get(name) + "," + part);
            }
        }
        return labels;
    }
}
