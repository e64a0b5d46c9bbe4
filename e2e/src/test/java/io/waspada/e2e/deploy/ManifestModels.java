package io.waspada.e2e.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates each document of {@code deploy/kubernetes} by reading it into the typed model of its kind, as published on
 * Maven Central by the projects that define the kinds: fabric8's Kubernetes model for the built-in kinds and Strimzi's
 * own {@code io.strimzi:api} for its custom resources (the classes Strimzi generates its CRDs from). No cluster exists
 * where the tests run, and no schema file is kept in this repository, so the models stand in for the API server's
 * validation:
 * <ul>
 *   <li>a value of the wrong type is refused by Jackson: the mapper coerces nothing ({@code replicas: "two"},
 *       {@code replicas: "2"}, a number where a string belongs, a fraction for an integer);</li>
 *   <li>an unknown field is an error, as {@code kubectl}'s strict field validation makes it: both models keep fields
 *       they do not know in an {@code additionalProperties} map instead of failing, so the whole object graph is walked
 *       (through Jackson's own view of each class) and every entry of such a map is reported by its path;</li>
 *   <li>a value the model does not know (Strimzi reads an unknown enum constant such as an ACL operation
 *       {@code Wrtie} as null), an int-or-string that is neither, a quantity Kubernetes cannot parse, and a property
 *       Strimzi marks required ({@code @JsonProperty(required = true)}) but the document lacks are reported;</li>
 *   <li>the typed object, written back, must hold every value of the document, unchanged: nothing was silently
 *       dropped or altered by the model.</li>
 * </ul>
 * What only a schema knows is not checked here: fabric8's model does not say which Kubernetes fields are required,
 * and neither model carries the CRDs' numeric bounds, patterns or enumerations of plain strings.
 */
final class ManifestModels {

    /** The kinds the manifests may use, by "apiVersion kind", and their typed models. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "apps/v1 StatefulSet", StatefulSet.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
            "kafka.strimzi.io/v1beta2 Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2 KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2 KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2 KafkaUser", KafkaUser.class);
    /** Kubernetes' quantity syntax (k8s.io/apimachinery resource.Quantity): a signed decimal and a suffix. */
    private static final Pattern QUANTITY = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)"
            + "(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?");
    private static final ObjectMapper STRICT = strictMapper();
    /**
     * Writes a typed object back with every property, whatever its class's {@code @JsonInclude} says: a value the
     * document gives that equals the model's default (Strimzi leaves out {@code patternType: literal}) is kept.
     */
    private static final ObjectMapper WRITER = STRICT.copy().setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public JsonInclude.Value findPropertyInclusion(Annotated annotated) {
            return JsonInclude.Value.empty();
        }
    });

    private ManifestModels() {
    }

    /** The problems of one document, each naming the path of the field: empty when its model takes it whole. */
    static List<String> validate(JsonNode document) {
        String type = document.path("apiVersion").asText() + " " + document.path("kind").asText();
        Class<? extends HasMetadata> model = KINDS.get(type);
        if (model == null) {
            return List.of("no model for " + type + " (known: " + new TreeSet<>(KINDS.keySet()) + ")");
        }
        HasMetadata typed;
        try {
            typed = STRICT.treeToValue(document, model);
        } catch (JsonMappingException e) {
            return List.of(path(e) + ": " + e.getOriginalMessage());
        } catch (Exception e) {
            return List.of(model.getSimpleName() + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        walk(typed, document, "", problems);
        JsonNode written = WRITER.valueToTree(typed);
        // apiVersion and kind chose the model; Strimzi's custom resources write their storage version back.
        document.properties().stream().filter(e -> !Set.of("apiVersion", "kind").contains(e.getKey()))
                .forEach(e -> kept(e.getValue(), written.path(e.getKey()), e.getKey(), problems));
        return problems;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // Kubernetes decodes JSON into Go types: a number is no string, a string no number, a boolean neither. Each
        // scalar type reads only its own shapes (an integer is a fine float).
        Map<LogicalType, Set<CoercionInputShape>> own = Map.of(
                LogicalType.Textual, Set.of(CoercionInputShape.String, CoercionInputShape.EmptyString),
                LogicalType.Integer, Set.of(CoercionInputShape.Integer),
                LogicalType.Float, Set.of(CoercionInputShape.Float, CoercionInputShape.Integer),
                LogicalType.Boolean, Set.of(CoercionInputShape.Boolean),
                LogicalType.Enum, Set.of(CoercionInputShape.String));
        own.forEach((type, shapes) -> {
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString)) {
                if (!shapes.contains(shape)) {
                    mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
                }
            }
        });
        return mapper;
    }

    /**
     * Walks a typed object and the document node it was read from together: every unknown field its model kept aside,
     * every value it read as null, every required property missing from the document.
     */
    private static void walk(Object value, JsonNode node, String path, List<String> problems) {
        if (value == null) {
            if (!node.isMissingNode() && !node.isNull()) {
                problems.add(path + ": " + node + " is not a value the model knows");
            }
        } else if (value instanceof IntOrString) {
            // Its constructor takes only an integer or a string.
        } else if (value instanceof Quantity quantity) {
            if (!(node.isTextual() || node.isNumber()) || !QUANTITY.matcher(quantity.toString()).matches()) {
                problems.add(path + ": " + node + " is not a Kubernetes quantity");
            }
        } else if (value instanceof Collection<?> collection) {
            Iterator<?> it = collection.iterator();
            for (int i = 0; it.hasNext(); i++) {
                walk(it.next(), node.path(i), path + "[" + i + "]", problems);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> walk(entry, node.path(String.valueOf(key)), field(path, key), problems));
        } else if (isModel(value.getClass())) {
            walkBean(value, node, path, problems);
        }
    }

    private static void walkBean(Object bean, JsonNode node, String path, List<String> problems) {
        BeanDescription description = STRICT.getSerializationConfig().introspect(STRICT.constructType(bean.getClass()));
        AnnotatedMember anyGetter = description.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(bean) instanceof Map<?, ?> unknown) {
            unknown.keySet().forEach(key -> problems.add(field(path, key) + ": unknown field (not in "
                    + bean.getClass().getSimpleName() + ")"));
        }
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null || (anyGetter != null && accessor.getName().equals(anyGetter.getName()))) {
                continue;
            }
            JsonNode child = node.path(property.getName());
            if (property.isRequired() && (child.isMissingNode() || child.isNull())) {
                problems.add(field(path, property.getName()) + ": required by " + bean.getClass().getSimpleName());
            }
            walk(accessor.getValue(bean), child, field(path, property.getName()), problems);
        }
    }

    /**
     * The typed object, written back, keeps every value of the document. Empty objects and lists and nulls the
     * document gives may be left out. A number may come back as its text: only a type that writes itself as text
     * (a quantity) does so, as the mapper refuses to read a number into a string.
     */
    private static void kept(JsonNode original, JsonNode written, String path, List<String> problems) {
        if (original.isNull() || (original.isContainerNode() && original.isEmpty() && written.isMissingNode())) {
            return;
        }
        if (written.isMissingNode()) {
            problems.add(path + ": " + original + " was dropped by the model");
        } else if (original.isObject() && written.isObject()) {
            original.properties().forEach(e -> kept(e.getValue(), written.path(e.getKey()), field(path, e.getKey()),
                    problems));
        } else if (original.isArray() && written.isArray() && original.size() == written.size()) {
            for (int i = 0; i < original.size(); i++) {
                kept(original.get(i), written.get(i), path + "[" + i + "]", problems);
            }
        } else if (original.isNumber() && written.isNumber()) {
            if (original.decimalValue().compareTo(written.decimalValue()) != 0) {
                problems.add(path + ": " + original + " was read as " + written);
            }
        } else if (!original.equals(written) && !(original.isNumber() && written.isTextual()
                && original.asText().equals(written.asText()))) {
            problems.add(path + ": " + original + " was read as " + written);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return !type.isEnum() && (name.startsWith("io.fabric8.kubernetes.") || name.startsWith("io.strimzi.api."));
    }

    private static String field(String path, Object name) {
        return path.isEmpty() ? String.valueOf(name) : path + "." + name;
    }

    /** Jackson's reference chain as a path: spec.template.spec.containers[0].env[0].value. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(document)" : path.toString();
    }
}
