package io.waspada.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.waspada.topics.AgencyTopics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The platform's Kafka principals and what each may do, read from the declarative list
 * {@code io/waspada/kafka/principals.yaml} (Strimzi KafkaUser style). Gives the ACL bindings to create; anything a
 * principal is not granted there is refused by the broker. {@code principals} are the services and ops;
 * {@code agency} is the template of every agency's principal ({@code agency-<slug>}, its door's ACLs with
 * {@code {agency}} replaced by the slug), expanded for the agencies of the platform ({@link #agencyPrincipals}).
 */
public record KafkaAccess(List<Principal> principals, Principal agency) {

    /** The super user that runs the topic and access step; not in the list, never a service's identity. */
    public static final String ADMIN = "admin";
    private static final String SOURCE = "/io/waspada/kafka/principals.yaml";

    public record Principal(String name, String description, List<Acl> acls) {
    }

    /** {@code permission}: {@code allow} (the default) or {@code deny}, which wins over any allow. */
    public record Acl(Resource resource, List<String> operations, String permission) {

        boolean denies() {
            return "deny".equals(permission);
        }
    }

    public record Resource(String type, String name, @JsonProperty("patternType") String patternType) {
    }

    /** The shipped list. */
    public static KafkaAccess shipped() {
        try (InputStream in = KafkaAccess.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing from the classpath");
            }
            return new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, KafkaAccess.class).validated();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SOURCE + ": " + e.getMessage(), e);
        }
    }

    public List<String> names() {
        return principals.stream().map(Principal::name).toList();
    }

    public Optional<Principal> principal(String name) {
        return principals.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every ACL of every listed principal (services and ops), as the broker's bindings (any host). */
    public List<AclBinding> bindings() {
        return bindings(principals);
    }

    /** The agencies' principals: the {@code agency} template for each code, named {@code agency-<slug>}. */
    public List<Principal> agencyPrincipals(List<String> agencies) {
        if (agency == null) {
            return List.of();
        }
        List<Principal> expanded = new ArrayList<>();
        for (String code : agencies) {
            String slug = AgencyTopics.slug(code);
            List<Acl> acls = agency.acls().stream().map(acl -> new Acl(new Resource(acl.resource().type(),
                    acl.resource().name().replace("{agency}", slug), acl.resource().patternType()), acl.operations(),
                    acl.permission())).toList();
            expanded.add(new Principal(AgencyTopics.principal(code), agency.description() + " (" + code + ")", acls));
        }
        requireDisjointPrefixes(expanded);
        return expanded;
    }

    /** No agency's prefix grant may cover another agency's names (agency-rmp would cover agency-rmp-gof's). */
    private static void requireDisjointPrefixes(List<Principal> agencies) {
        for (Principal one : agencies) {
            for (Acl acl : one.acls()) {
                if (!"prefix".equals(acl.resource().patternType())) {
                    continue;
                }
                for (Principal other : agencies) {
                    for (Acl theirs : other.acls()) {
                        if (other != one && theirs.resource().type().equals(acl.resource().type())
                                && theirs.resource().name().startsWith(acl.resource().name())) {
                            throw new IllegalStateException(SOURCE + ": the agency template's prefix "
                                    + acl.resource().name() + " of " + one.name() + " also covers "
                                    + theirs.resource().name() + " of " + other.name()
                                    + "; end the prefix with a character no agency slug has ('.')");
                        }
                    }
                }
            }
        }
    }

    /** The bindings of the services and ops and of these agencies' principals. */
    public List<AclBinding> bindings(List<String> agencies, boolean withServices) {
        List<AclBinding> bindings = new ArrayList<>(withServices ? bindings() : List.of());
        bindings.addAll(bindings(agencyPrincipals(agencies)));
        return bindings;
    }

    private static List<AclBinding> bindings(List<Principal> principals) {
        List<AclBinding> bindings = new ArrayList<>();
        for (Principal principal : principals) {
            for (Acl acl : principal.acls()) {
                ResourcePattern pattern = new ResourcePattern(resourceType(acl.resource().type()), acl.resource().name(),
                        patternType(acl.resource().patternType()));
                for (String operation : acl.operations()) {
                    bindings.add(new AclBinding(pattern, new AccessControlEntry("User:" + principal.name(), "*",
                            operation(operation), acl.denies() ? AclPermissionType.DENY : AclPermissionType.ALLOW)));
                }
            }
        }
        return bindings;
    }

    private KafkaAccess validated() {
        for (Principal principal : principals) {
            if (principal.name() == null || principal.name().isBlank() || principal.name().equals(ADMIN)
                    || principal.name().startsWith(AgencyTopics.PRINCIPAL_PREFIX)) {
                throw new IllegalStateException(SOURCE + ": a principal needs a name other than " + ADMIN
                        + " and not starting with " + AgencyTopics.PRINCIPAL_PREFIX + " (the agencies' principals)");
            }
            principal.acls().forEach(KafkaAccess::checkPermission);
        }
        if (agency != null) {
            agency.acls().forEach(KafkaAccess::checkPermission);
        }
        bindings(AgencyTopics.DEFAULT_AGENCIES, true); // every type, pattern and operation must be known
        return this;
    }

    private static void checkPermission(Acl acl) {
        if (acl.permission() != null && !acl.permission().equals("allow") && !acl.permission().equals("deny")) {
            throw new IllegalStateException(SOURCE + ": permission is allow or deny, not " + acl.permission());
        }
    }

    private static ResourceType resourceType(String type) {
        return switch (type) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new IllegalStateException(SOURCE + ": unknown resource type " + type);
        };
    }

    private static PatternType patternType(String type) {
        if (type == null || type.equals("literal")) {
            return PatternType.LITERAL;
        }
        if (type.equals("prefix")) {
            return PatternType.PREFIXED;
        }
        throw new IllegalStateException(SOURCE + ": unknown patternType " + type + " (literal or prefix)");
    }

    private static AclOperation operation(String name) {
        AclOperation operation = AclOperation.fromString(name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        if (operation == AclOperation.UNKNOWN || operation == AclOperation.ANY) {
            throw new IllegalStateException(SOURCE + ": unknown operation " + name);
        }
        return operation;
    }
}
