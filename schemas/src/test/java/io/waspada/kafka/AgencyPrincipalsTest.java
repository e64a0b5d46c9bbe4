package io.waspada.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.topics.AgencyTopics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agencies' principals expanded from principals.yaml's template: each its own door, none reaching another's. */
class AgencyPrincipalsTest {

    @Test
    void eachAgencyWritesItsOwnInboxAndReadsItsOwnRejectsAndNothingElse() {
        KafkaAccess.Principal rmp = KafkaAccess.shipped().agencyPrincipals(List.of("RMP", "RMP_GOF")).get(0);
        assertThat(rmp.name()).isEqualTo("agency-rmp");
        assertThat(rmp.acls()).extracting(acl -> acl.resource().type() + " " + acl.resource().name() + " "
                + acl.operations()).containsExactlyInAnyOrder(
                "topic tip.inbox.rmp.v1 [Write, Describe]",
                "topic tip.rejects.rmp.v1 [Read, Describe]",
                "group agency-rmp. [Read, Describe]",
                "transactionalId agency-rmp. [Write, Describe]");
        assertThat(KafkaAccess.shipped().bindings(AgencyTopics.DEFAULT_AGENCIES, false))
                .allMatch(binding -> binding.entry().principal().startsWith("User:agency-"));
    }

    @Test
    void aTemplateWhosePrefixWouldCoverAnotherAgencysNamesIsRefused() {
        KafkaAccess careless = new KafkaAccess(List.of(), new KafkaAccess.Principal("agency", "an agency",
                List.of(new KafkaAccess.Acl(new KafkaAccess.Resource("group", "agency-{agency}", "prefix"),
                        List.of("Read"), null))));
        assertThatThrownBy(() -> careless.agencyPrincipals(List.of("RMP", "RMP_GOF")))
                .hasMessageContaining("agency-rmp").hasMessageContaining("agency-rmp-gof");
    }

    @Test
    void opsIsDeniedTheInboxesWhateverElseItReads() {
        assertThat(KafkaAccess.shipped().bindings()).anyMatch(binding -> binding.entry().principal().equals("User:ops")
                && binding.entry().permissionType() == org.apache.kafka.common.acl.AclPermissionType.DENY
                && binding.pattern().name().equals(AgencyTopics.INBOX_PREFIX)
                && binding.entry().operation() == org.apache.kafka.common.acl.AclOperation.READ);
    }
}
