package io.waspada.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Handling;
import io.waspada.notifier.routing.Projection;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.avro.Severity;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped routing.yaml loads and sends the domain's alerts to the task forces that must act. */
class DefaultRoutingTest {

    private static final Router ROUTER = new Router(RoutingConfigLoader.load(""));

    @Test
    void shipsTheDomainTaskForces() {
        assertThat(ROUTER.config().taskForces()).containsOnlyKeys("NTF_HQ", "LAND_NORTH", "LAND_EAST", "MARITIME",
                "IMMIGRATION_ENFORCEMENT", "RMP_ATIPSOM", "LABOUR_INSPECTORATE", "ID_LIAISON", "SOCIAL_WELFARE",
                "ID_CONSULAR_PROTECTION", "NTF_VERIFICATION");
        assertThat(ROUTER.config().inhibitRules()).hasSize(1);
        assertThat(ROUTER.config().taskForces().values()).filteredOn(tf -> tf.projection() == Projection.PROTECTION)
                .extracting(TaskForce::id).containsExactlyInAnyOrder("SOCIAL_WELFARE", "ID_CONSULAR_PROTECTION");
    }

    @Test
    void aVictimAlsoReachesTheProtectionDesksAndAnIndonesianOneTheConsulateWithinTheirClearance() {
        Map<String, String> labels = Map.of("type", "CROSS_BORDER_MOVEMENT", "severity", "MEDIUM", "domain", "LAND",
                "region", "SABAH", "countries", "ID,MY", "victim", "true");
        assertThat(cleared(labels, Handling.H0)).containsExactly("SOCIAL_WELFARE", "ID_CONSULAR_PROTECTION",
                "LAND_EAST", "IMMIGRATION_ENFORCEMENT", "ID_LIAISON");
        assertThat(cleared(labels, Handling.H1)).containsExactly("SOCIAL_WELFARE", "LAND_EAST",
                "IMMIGRATION_ENFORCEMENT");
        Map<String, String> malaysian = new java.util.HashMap<>(labels);
        malaysian.put("countries", "MY");
        assertThat(cleared(malaysian, Handling.H0)).doesNotContain("ID_CONSULAR_PROTECTION").contains("SOCIAL_WELFARE");
    }

    /** Civil-society tips alone (#18): the verification desk only, whatever else the alert is, and never chased. */
    @Test
    void anAlertRestingOnlyOnTipsGoesToTheVerificationDeskAloneWithoutADeadline() {
        Map<String, String> labels = Map.of("type", "CROSS_BORDER_MOVEMENT", "severity", "CRITICAL", "domain", "LAND",
                "region", "SABAH", "countries", "ID,MY", "victim", "true", "verification", "required");
        assertThat(cleared(labels, Handling.H0)).containsExactly("NTF_VERIFICATION");
        assertThat(ROUTER.route(labels, Handling.H0)).allSatisfy(match -> assertThat(
                match.route().options().escalationDeadlines().deadline(Severity.CRITICAL)).isEmpty());
        Map<String, String> corroborated = new java.util.HashMap<>(labels);
        corroborated.remove("verification");
        assertThat(cleared(corroborated, Handling.H0)).doesNotContain("NTF_VERIFICATION").contains("NTF_HQ");
    }

    @Test
    void criticalWatchlistHitAtTheNorthernBorder() {
        assertThat(cleared(Map.of("type", "WATCHLIST_HIT", "severity", "CRITICAL", "domain", "LAND", "region", "KEDAH",
                "countries", "MY"), Handling.H2)).containsExactly("NTF_HQ", "LAND_NORTH", "RMP_ATIPSOM");
    }

    @Test
    void sabahCrossingIntoKalimantanReachesTheEastAndTheLiaisonOnlyWhenHandlingAllows() {
        Map<String, String> labels = Map.of("type", "CROSS_BORDER_MOVEMENT", "severity", "MEDIUM", "domain", "LAND",
                "region", "SABAH", "countries", "ID,MY");
        assertThat(cleared(labels, Handling.H0))
                .containsExactly("LAND_EAST", "IMMIGRATION_ENFORCEMENT", "ID_LIAISON");
        assertThat(cleared(labels, Handling.H2)).containsExactly("LAND_EAST");
    }

    @Test
    void seaAlertGoesToMaritime() {
        assertThat(cleared(Map.of("type", "GROUP_CROSSING", "severity", "LOW", "domain", "SEA", "region", "SELANGOR",
                "countries", "MY"), Handling.H1)).containsExactly("MARITIME", "IMMIGRATION_ENFORCEMENT");
    }

    @Test
    void nothingSpecificFallsBackToHq() {
        assertThat(cleared(Map.of("type", "WATCHLIST_HIT", "severity", "LOW", "domain", "INLAND",
                "region", "SELANGOR"), Handling.H0)).containsExactly("RMP_ATIPSOM");
        assertThat(cleared(Map.of("type", "SOMETHING_NEW", "severity", "LOW", "domain", "INLAND"), Handling.H0))
                .containsExactly("NTF_HQ");
    }

    @Test
    void theLiaisonRouteHasLongerEscalationDeadlinesThanTheServiceDefaults() {
        RouteMatch liaison = ROUTER.route(Map.of("type", "CROSS_BORDER_MOVEMENT", "severity", "CRITICAL",
                "domain", "LAND", "region", "SABAH", "countries", "ID,MY"), Handling.H0).stream()
                .filter(m -> m.taskForce().id().equals("ID_LIAISON")).findFirst().orElseThrow();
        var deadlines = liaison.route().options().escalationDeadlines();
        assertThat(deadlines.deadline(Severity.CRITICAL)).contains(Duration.ofMinutes(15));
        assertThat(deadlines.deadline(Severity.MEDIUM)).contains(Duration.ofHours(4));
        assertThat(ROUTER.config().root().options().escalationDeadlines().deadline(Severity.CRITICAL))
                .contains(Duration.ofMinutes(5));
    }

    @Test
    void theIndonesianLiaisonReadsBahasaIndonesiaInWesternIndonesianTimeAndTheOthersEnglishInMalaysianTime() {
        var taskForces = ROUTER.config().taskForces();
        assertThat(taskForces.get("ID_LIAISON").language()).isEqualTo(io.waspada.notifier.i18n.Language.ID);
        assertThat(taskForces.get("ID_LIAISON").zone()).isEqualTo(io.waspada.notifier.i18n.OfficerZone.WIB);
        assertThat(taskForces.get("NTF_HQ").language()).isEqualTo(io.waspada.notifier.i18n.Language.EN);
        assertThat(taskForces.get("NTF_HQ").zone()).isEqualTo(io.waspada.notifier.i18n.OfficerZone.MYT);
    }

        private static List<String> cleared(Map<String, String> labels, Handling handling) {
        return ROUTER.route(labels, handling).stream().filter(RouteMatch::cleared)
                .map(m -> m.taskForce().id()).toList();
    }
}
