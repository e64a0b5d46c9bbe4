package io.waspada.topics;

import io.waspada.kafka.KafkaAccess;
import java.util.Optional;

/**
 * Whether a principal of {@code principals.yaml} may read or write a topic, as the broker's StandardAuthorizer decides
 * from the allow-only ACLs: a topic ACL matching the name (literal, {@code *}, or prefix) granting the operation or All.
 * An address template ({@code tip.inbox.{agency}.v1}) counts as allowed when a prefix ACL (or {@code *}) covers
 * every topic it can name, i.e. the part before its first parameter.
 */
final class TopicPermissions {

    private final KafkaAccess access;

    TopicPermissions(KafkaAccess access) {
        this.access = access;
    }

    boolean allows(String principal, String operation, String address) {
        Optional<KafkaAccess.Principal> found = access.principal(principal);
        if (found.isEmpty()) {
            return false;
        }
        int parameter = address.indexOf('{');
        return found.get().acls().stream()
                .filter(acl -> acl.resource().type().equals("topic"))
                .filter(acl -> acl.operations().contains(operation) || acl.operations().contains("All"))
                .anyMatch(acl -> parameter < 0 ? covers(acl.resource(), address)
                        : coversEvery(acl.resource(), address.substring(0, parameter)));
    }

    private static boolean covers(KafkaAccess.Resource resource, String topic) {
        if (resource.name().equals("*")) {
            return true;
        }
        return "prefix".equals(resource.patternType()) ? topic.startsWith(resource.name())
                : resource.name().equals(topic);
    }

    private static boolean coversEvery(KafkaAccess.Resource resource, String fixedPrefix) {
        if (resource.name().equals("*")) {
            return true;
        }
        return "prefix".equals(resource.patternType()) && fixedPrefix.startsWith(resource.name());
    }
}
