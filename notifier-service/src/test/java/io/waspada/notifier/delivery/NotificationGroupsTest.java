package io.waspada.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.notifier.config.RoutingConfigLoader;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import io.waspada.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grouping and dedup per group_by and the three intervals, on a clock the test controls. */
class NotificationGroupsTest {

    private static final Router ROUTER = new Router(RoutingConfigLoader.parse("inline", """
            route:
              receiver: hq
              group_by: [subject]
              group_wait: 10s
              group_interval: 1m
              repeat_interval: 1h
            receivers:
              - id: hq
            """));
    private static final Instant T0 = Instant.parse("2026-11-20T04:00:00Z");

    private final NotificationGroups groups = new NotificationGroups();

    @Test
    void waitsForGroupWaitThenSendsOneNotificationForTheGroup() {
        add(alert("a1", 1, "tok-1"), T0);
        add(alert("a2", 1, "tok-1"), T0.plusSeconds(3));
        assertThat(groups.due(T0.plusSeconds(9))).isEmpty();
        List<Notification> sent = groups.due(T0.plusSeconds(10));
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.sequence()).isEqualTo(1);
            assertThat(n.alerts()).extracting(Alert::getAlertId).containsExactly("a1", "a2");
            assertThat(n.groupLabels()).isEqualTo(Map.of("subject", "tok-1"));
        });
    }

    @Test
    void aNewVersionUpdatesTheSameNotificationAfterGroupInterval() {
        add(alert("a1", 1, "tok-1"), T0);
        String id = groups.due(T0.plusSeconds(10)).get(0).id();
        add(alert("a1", 2, "tok-1"), T0.plusSeconds(20));
        assertThat(groups.due(T0.plusSeconds(69))).isEmpty();
        assertThat(groups.due(T0.plusSeconds(70))).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo(id);
            assertThat(n.sequence()).isEqualTo(2);
            assertThat(n.repeat()).isFalse();
            assertThat(n.alerts()).singleElement().extracting(Alert::getVersion).isEqualTo(2L);
        });
    }

    @Test
    void aResolvedAlertLeavesItsGroupAndAnEmptyGroupStopsPaging() {
        add(alert("a1", 1, "tok-1"), T0);
        add(alert("a2", 1, "tok-1"), T0);
        add(alert("b1", 1, "tok-2"), T0);
        groups.due(T0.plusSeconds(10));
        assertThat(groups.remove("a1")).isEqualTo(1);
        assertThat(groups.remove("b1")).isEqualTo(1);
        assertThat(groups.size()).isEqualTo(1);
        // Only the group still holding a2 repeats, and without a1.
        assertThat(groups.due(T0.plus(java.time.Duration.ofHours(5)))).singleElement()
                .satisfies(n -> assertThat(n.alerts()).extracting(Alert::getAlertId).containsExactly("a2"));
    }

    @Test
    void anOldOrRepeatedVersionChangesNothing() {
        add(alert("a1", 2, "tok-1"), T0);
        groups.due(T0.plusSeconds(10));
        add(alert("a1", 2, "tok-1"), T0.plusSeconds(20));
        add(alert("a1", 1, "tok-1"), T0.plusSeconds(21));
        assertThat(groups.due(T0.plusSeconds(200))).isEmpty();
    }

    @Test
    void unchangedGroupsRepeatAfterRepeatInterval() {
        add(alert("a1", 1, "tok-1"), T0);
        groups.due(T0.plusSeconds(10));
        assertThat(groups.due(T0.plusSeconds(10).plus(Duration.ofMinutes(59)))).isEmpty();
        assertThat(groups.due(T0.plusSeconds(10).plus(Duration.ofHours(1))))
                .singleElement().satisfies(n -> assertThat(n.repeat()).isTrue());
    }

    @Test
    void differentGroupByValuesAreDifferentNotifications() {
        add(alert("a1", 1, "tok-1"), T0);
        add(alert("a2", 1, "tok-2"), T0);
        assertThat(groups.due(T0.plusSeconds(10))).hasSize(2).extracting(Notification::id).doesNotHaveDuplicates();
        assertThat(groups.size()).isEqualTo(2);
    }

    @Test
    void remindersLeaveOutAnsweredAlertsAndStopWhenAllAreAnswered() {
        Set<String> answered = new HashSet<>();
        NotificationGroups chasing = new NotificationGroups((alertId, taskForce) -> answered.contains(alertId));
        for (Alert alert : List.of(alert("a1", 1, "tok-1"), alert("a2", 1, "tok-1"))) {
            ROUTER.route(alert.getLabels(), Handling.H0).forEach(m -> chasing.add(m, alert, T0));
        }
        chasing.due(T0.plusSeconds(10));
        answered.add("a1");
        Instant hourLater = T0.plusSeconds(10).plus(Duration.ofHours(1));
        assertThat(chasing.due(hourLater)).singleElement().satisfies(n -> {
            assertThat(n.repeat()).isTrue();
            assertThat(n.alerts()).extracting(Alert::getAlertId).containsExactly("a2");
        });
        answered.add("a2");
        assertThat(chasing.due(hourLater.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(chasing.due(hourLater.plus(Duration.ofHours(5)))).isEmpty();
        // A new version is news, not a reminder: it is sent, answered or not.
        Alert a1v2 = alert("a1", 2, "tok-1");
        ROUTER.route(a1v2.getLabels(), Handling.H0).forEach(m -> chasing.add(m, a1v2, hourLater.plus(Duration.ofHours(6))));
        assertThat(chasing.due(hourLater.plus(Duration.ofHours(6)))).singleElement()
                .satisfies(n -> assertThat(n.alerts()).extracting(Alert::getAlertId).containsExactly("a1", "a2"));
    }

    @Test
    void resolvingAnnouncesItOnceToPagedGroupsThenLetsTheAlertGo() {
        add(alert("a1", 1, "tok-1"), T0);
        add(alert("a2", 1, "tok-1"), T0);
        add(alert("b1", 1, "tok-2"), T0);
        groups.due(T0.plusSeconds(10));
        add(alert("c1", 1, "tok-3"), T0.plusSeconds(11)); // still in group_wait: never paged, nothing to announce

        List<Notification> last = groups.resolve("a1", T0.plusSeconds(12));
        assertThat(last).singleElement().satisfies(n -> {
            assertThat(n.sequence()).isEqualTo(2);
            assertThat(n.alerts()).extracting(Alert::getAlertId).containsExactly("a1", "a2");
            assertThat(n.resolved()).containsExactly("a1");
            assertThat(n.status()).isEqualTo(Notification.FIRING); // a2 still needs action
        });
        assertThat(groups.resolve("b1", T0.plusSeconds(12))).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo(Notification.RESOLVED));
        assertThat(groups.resolve("c1", T0.plusSeconds(12))).isEmpty();
        assertThat(groups.resolve("a1", T0.plusSeconds(13))).isEmpty();
        assertThat(groups.size()).isEqualTo(1);
    }

    @Test
    void aRestoredGroupCountsAsSentAndGoesOnRemindingAndResolving() {
        Alert a1 = alert("a1", 1, "tok-1");
        ROUTER.route(a1.getLabels(), Handling.H0).forEach(m -> groups.restore(m, a1, T0));
        assertThat(groups.due(T0.plus(Duration.ofMinutes(59)))).isEmpty();
        assertThat(groups.due(T0.plus(Duration.ofHours(1)))).singleElement().satisfies(n -> {
            assertThat(n.repeat()).isTrue();
            assertThat(n.sequence()).isEqualTo(2);
        });
        assertThat(groups.resolve("a1", T0.plus(Duration.ofHours(2)))).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo(Notification.RESOLVED));
    }

    private void add(Alert alert, Instant at) {
        for (RouteMatch match : ROUTER.route(alert.getLabels(), Handling.H0)) {
            groups.add(match, alert, at);
        }
    }

    static Alert alert(String id, long version, String subject) {
        Alert alert = Fixtures.alert(id, Fixtures.sighting("e-" + id, Fixtures.passport(subject)));
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.put("subject", subject);
        alert.setLabels(labels);
        alert.setVersion(version);
        return alert;
    }
}
