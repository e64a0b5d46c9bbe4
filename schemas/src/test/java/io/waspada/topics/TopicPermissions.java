package io.waspada.topics;

import io.waspada.kafka.KafkaAccess;
import java.util.List;
import java.util.Optional;

/**
 * Whether a principal of {@code principals.yaml} may read or write a topic, as the broker's StandardAuthorizer decides
 * from its ACLs: a topic ACL matching the name (literal, {@code *}, or prefix) granting the operation or All, and no
 * deny matching it. An address template ({@code tip.inbox.{agency}.v1}) is allowed by an ACL naming the same template
 * (the {@code agency} template principal's), or by a prefix ACL (or {@code *}) covering every topic it can name, i.e.
 * the part before its first parameter; a deny covering any topic it can name refuses it.
 * Principal names: the services and ops, and {@value #AGENCY_TEMPLATE} for the agencies' template principal.
 */
final class TopicPermissions {

    /** How an AsyncAPI operation names the agencies' principal (one per agency, from the template). */
    static final String AGENCY_TEMPLATE = "agency";

    private final KafkaAccess access;

    TopicPermissions(KafkaAccess access) {
        this.access = access;
    }

    /** The principals an operation may name. */
    List<String> names() {
        List<String> names = new java.util.ArrayList<>(access.names());
        if (access.agency() != null) {
            names.add(AGENCY_TEMPLATE);
        }
        return names;
    }

    boolean allows(String principal, String operation, String address) {
        Optional<KafkaAccess.Principal> found = AGENCY_TEMPLATE.equals(principal)
                ? Optional.ofNullable(access.agency()) : access.principal(principal);
        if (found.isEmpty()) {
            return false;
        }
        List<KafkaAccess.Acl> topicAcls = found.get().acls().stream()
                .filter(acl -> acl.resource().type().equals("topic"))
                .filter(acl -> acl.operations().contains(operation) || acl.operations().contains("All")).toList();
        boolean denied = topicAcls.stream().filter(acl -> "deny".equals(acl.permission()))
                .anyMatch(acl -> touches(acl.resource(), address));
        boolean allowed = topicAcls.stream().filter(acl -> !"deny".equals(acl.permission()))
                .anyMatch(acl -> coversAll(acl.resource(), address));
        return allowed && !denied;
    }

    /** Whether the ACL applies to every topic the address can name. */
    private static boolean coversAll(KafkaAccess.Resource resource, String address) {
        if (resource.name().equals("*") || resource.name().equals(address)) {
            return true;
        }
        int parameter = address.indexOf('{');
        String fixed = parameter < 0 ? address : address.substring(0, parameter);
        return "prefix".equals(resource.patternType()) && fixed.startsWith(resource.name());
    }

    /** Whether the ACL applies to some topic the address can name. */
    private static boolean touches(KafkaAccess.Resource resource, String address) {
        if (coversAll(resource, address)) {
            return true;
        }
        int parameter = address.indexOf('{');
        return parameter >= 0 && "prefix".equals(resource.patternType())
                && resource.name().startsWith(address.substring(0, parameter));
    }
}
