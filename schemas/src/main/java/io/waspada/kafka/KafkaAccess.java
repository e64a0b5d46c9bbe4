package io.waspada.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
 * principal is not granted there is refused by the broker.
 */
public record KafkaAccess(List<Principal> principals) {

    /** The super user that runs the topic and access step; not in the list, never a service's identity. */
    public static final String ADMIN = "admin";
    private static final String SOURCE = "/io/waspada/kafka/principals.yaml";

    public record Principal(String name, String description, List<Acl> acls) {
    }

    public record Acl(Resource resource, List<String> operations) {
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

    /** Every ACL of every principal, as the broker's bindings (allow, any host). */
    public List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (Principal principal : principals) {
            for (Acl acl : principal.acls()) {
                ResourcePattern pattern = new ResourcePattern(resourceType(acl.resource().type()), acl.resource().name(),
                        patternType(acl.resource().patternType()));
                for (String operation : acl.operations()) {
                    bindings.add(new AclBinding(pattern, new AccessControlEntry("User:" + principal.name(), "*",
                            operation(operation), AclPermissionType.ALLOW)));
                }
            }
        }
        return bindings;
    }

    private KafkaAccess validated() {
        for (Principal principal : principals) {
            if (principal.name() == null || principal.name().isBlank() || principal.name().equals(ADMIN)) {
                throw new IllegalStateException(SOURCE + ": a principal needs a name other than " + ADMIN);
            }
        }
        bindings(); // every type, pattern and operation must be known
        return this;
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
