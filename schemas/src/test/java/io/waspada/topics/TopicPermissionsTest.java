package io.waspada.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.kafka.KafkaAccess;
import org.junit.jupiter.api.Test;

/** The permission check AsyncApiDocumentTest relies on reads principals.yaml as the broker would. */
class TopicPermissionsTest {

    private final TopicPermissions permissions = new TopicPermissions(KafkaAccess.shipped());

    @Test
    void literalPrefixAndWildcardAclsAllowAndAnythingElseIsRefused() {
        assertThat(permissions.allows("alert-producer", "Write", "tip.sightings.v1")).isTrue();
        assertThat(permissions.allows("alert-producer", "Read", "tip.sightings.v1")).isFalse();
        assertThat(permissions.allows("stream-processor", "Write", "waspada-correlation-store-changelog")).isTrue();
        assertThat(permissions.allows("ops", "Read", "tip.dlq.v1")).isTrue();
        assertThat(permissions.allows("ops", "Write", "tip.dlq.v1")).isFalse();
        assertThat(permissions.allows("nobody", "Read", "tip.dlq.v1")).isFalse();
    }

    @Test
    void aDenyWinsOverAnAllowForEveryTopicATemplateCanName() {
        assertThat(permissions.allows("ops", "Read", "tip.inbox.rmp.v1")).isFalse();
        assertThat(permissions.allows("ops", "Read", "tip.inbox.{agency}.v1")).isFalse();
        assertThat(permissions.allows("ops", "Read", "tip.rejects.{agency}.v1")).isTrue();
    }

    @Test
    void theAgencyTemplatePrincipalWritesItsInboxAndReadsItsRejects() {
        assertThat(permissions.names()).contains(TopicPermissions.AGENCY_TEMPLATE);
        assertThat(permissions.allows("agency", "Write", "tip.inbox.{agency}.v1")).isTrue();
        assertThat(permissions.allows("agency", "Read", "tip.rejects.{agency}.v1")).isTrue();
        assertThat(permissions.allows("agency", "Read", "tip.inbox.{agency}.v1")).isFalse();
        assertThat(permissions.allows("agency", "Write", "tip.sightings.v1")).isFalse();
    }
}
