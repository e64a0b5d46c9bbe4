package io.waspada.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real broker refuses strangers and grants each principal exactly what {@code principals.yaml} lists: one row per
 * (principal, topic, operation) that matters, both what must work and what must be refused.
 */
@Timeout(120)
class KafkaAccessTest {

    private static final byte[] BYTES = "x".getBytes();

    record Case(String principal, String topic, String operation, boolean allowed) {
        @Override
        public String toString() {
            return principal + (allowed ? " may " : " may not ") + operation + " " + topic;
        }
    }

    static List<Case> matrix() {
        return List.of(
                new Case("alert-producer", Topics.SIGHTINGS.name(), "write", true),
                new Case("alert-producer", Topics.WATCHLIST.name(), "read", true),
                new Case("alert-producer", Topics.ALERTS.name(), "write", false),
                new Case("alert-producer", Topics.ALERT_LIFECYCLE.name(), "read", false),
                new Case("alert-producer", Topics.ALERT_LIFECYCLE.name(), "write", false),
                new Case("stream-processor", Topics.SIGHTINGS.name(), "read", true),
                new Case("stream-processor", Topics.ALERTS.name(), "write", true),
                new Case("stream-processor", Topics.SIGHTINGS.name(), "write", false),
                new Case("stream-processor", Topics.ALERT_LIFECYCLE.name(), "write", false),
                new Case("stream-processor", Topics.SILENCES.name(), "read", false),
                new Case("stream-processor", Topics.ALERT_LIFECYCLE.name(), "read", false),
                new Case("stream-processor", Topics.TOKEN_LINKS.name(), "write", true),
                new Case("stream-processor", Topics.TOKEN_LINKS.name(), "read", true),
                new Case("alert-producer", Topics.TOKEN_LINKS.name(), "write", false),
                new Case("notifier-service", Topics.TOKEN_LINKS.name(), "write", false),
                new Case("ops", Topics.TOKEN_LINKS.name(), "write", false),
                new Case("notifier-service", Topics.ALERTS.name(), "read", true),
                new Case("notifier-service", Topics.ALERT_LIFECYCLE.name(), "write", true),
                new Case("notifier-service", Topics.DLQ.name(), "write", true),
                new Case("notifier-service", Topics.SIGHTINGS.name(), "write", false),
                new Case("notifier-service", Topics.INTERCEPTIONS.name(), "write", false),
                new Case("notifier-service", Topics.ALERTS.name(), "write", false),
                new Case("notifier-service", Topics.WATCHLIST.name(), "write", false),
                new Case("notifier-service", Topics.SIGHTINGS.name(), "read", false),
                new Case("ops", Topics.ALERTS.name(), "read", true),
                new Case("ops", Topics.SIGHTINGS.name(), "read", true),
                new Case("ops", Topics.ALERT_LIFECYCLE.name(), "read", true),
                new Case("ops", Topics.ALERTS.name(), "write", false),
                new Case("ops", Topics.ALERT_LIFECYCLE.name(), "write", false),
                new Case("ops", Topics.SILENCES.name(), "write", false),
                // Follow-up requests: only the notifier writes their state; only the alert-producer writes answers.
                new Case("notifier-service", Topics.FOLLOW_UPS.name(), "write", true),
                new Case("notifier-service", Topics.FOLLOW_UP_ANSWERS.name(), "read", true),
                new Case("notifier-service", Topics.FOLLOW_UP_ANSWERS.name(), "write", false),
                new Case("alert-producer", Topics.FOLLOW_UPS.name(), "read", true),
                new Case("alert-producer", Topics.FOLLOW_UPS.name(), "write", false),
                new Case("alert-producer", Topics.FOLLOW_UP_ANSWERS.name(), "write", true),
                new Case("agency-id-imigrasi", Topics.FOLLOW_UPS.name(), "read", false),
                new Case("agency-id-imigrasi", Topics.FOLLOW_UP_ANSWERS.name(), "write", false),
                // The rules as data: only the stream-processor writes versions (its admin API); ops reads them.
                new Case("stream-processor", Topics.RULES.name(), "write", true),
                new Case("stream-processor", Topics.RULES.name(), "read", true),
                new Case("notifier-service", Topics.RULES.name(), "write", false),
                new Case("alert-producer", Topics.RULES.name(), "write", false),
                new Case("ops", Topics.RULES.name(), "read", true),
                new Case("ops", Topics.RULES.name(), "write", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void eachPrincipalHasExactlyItsAccess(Case c) throws Exception {
        KafkaConnection kafka = SharedKafka.principal(c.principal());
        if (c.operation().equals("write")) {
            if (c.allowed()) {
                write(kafka, c.topic());
            } else {
                assertThatThrownBy(() -> write(kafka, c.topic())).as(c.toString())
                        .hasRootCauseInstanceOf(AuthorizationException.class);
            }
        } else if (c.allowed()) {
            read(kafka, c.topic());
        } else {
            assertThatThrownBy(() -> read(kafka, c.topic())).as(c.toString()).isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordIsRefused() {
        KafkaConnection anonymous = KafkaConnection.plaintext(SharedKafka.bootstrapServers());
        assertThatThrownBy(() -> listTopics(anonymous)).hasCauseInstanceOf(TimeoutException.class);

        KafkaConnection wrong = KafkaConnection.scram(SharedKafka.bootstrapServers(), "SASL_PLAINTEXT", "ops", "guess");
        assertThatThrownBy(() -> listTopics(wrong)).hasCauseInstanceOf(SaslAuthenticationException.class);

        KafkaConnection stranger = KafkaConnection.scram(SharedKafka.bootstrapServers(), "SASL_PLAINTEXT", "stranger",
                "whatever");
        assertThatThrownBy(() -> listTopics(stranger)).hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void reApplyingTheListRemovesWhatItDoesNotList() throws Exception {
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.ALERTS.name(),
                    PatternType.LITERAL), new AccessControlEntry("User:alert-producer", "*", AclOperation.WRITE,
                    AclPermissionType.ALLOW)))).all().get(30, TimeUnit.SECONDS);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("leftover",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "leftover-password")))
                    .all().get(30, TimeUnit.SECONDS);
        }
        write(SharedKafka.principal("alert-producer"), Topics.ALERTS.name()); // the stray grant works...

        SharedKafka.createPrincipals(SharedKafka.connection(), SharedKafka.passwords());

        assertThatThrownBy(() -> write(SharedKafka.principal("alert-producer"), Topics.ALERTS.name()))
                .as("...until the list is applied again").hasRootCauseInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> listTopics(KafkaConnection.scram(SharedKafka.bootstrapServers(), "SASL_PLAINTEXT",
                "leftover", "leftover-password"))).hasCauseInstanceOf(SaslAuthenticationException.class);
        write(SharedKafka.principal("notifier-service"), Topics.ALERT_LIFECYCLE.name()); // listed grants stay
    }

    @Test
    void theStreamProcessorsClusterWatchDescribesTheBrokersAndAnotherServicesGroupLag() throws Exception {
        String group = "notifier-service-watched-" + System.nanoTime();
        TopicPartition lifecycle = new TopicPartition(Topics.ALERT_LIFECYCLE.name(), 0);
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            admin.alterConsumerGroupOffsets(group, Map.of(lifecycle, new OffsetAndMetadata(0)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        try (Admin watch = Admin.create(SharedKafka.principal("stream-processor").with(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000)))) {
            assertThat(watch.describeCluster().nodes().get(10, TimeUnit.SECONDS)).isNotEmpty();
            assertThat(watch.listGroups().all().get(10, TimeUnit.SECONDS)).anyMatch(g -> g.groupId().equals(group));
            assertThat(watch.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS))
                    .containsKey(lifecycle);
            assertThat(watch.listOffsets(Map.of(lifecycle, OffsetSpec.latest())).partitionResult(lifecycle)
                    .get(10, TimeUnit.SECONDS).offset()).isNotNegative();
            assertThat(watch.describeTopics(List.of(Topics.SILENCES.name(), Topics.DELIVERY_DLQ.name(),
                    Topics.FOLLOW_UPS.name(), Topics.FOLLOW_UP_ANSWERS.name())).allTopicNames()
                    .get(10, TimeUnit.SECONDS)).hasSize(4);
        }
    }

    @Test
    void aPrincipalSeesOnlyTheTopicsItMayDescribe() throws Exception {
        List<String> doors = io.waspada.topics.AgencyTopics.all(io.waspada.topics.AgencyTopics.DEFAULT_AGENCIES)
                .stream().map(topic -> topic.name()).toList();
        List<String> producerTopics = new java.util.ArrayList<>(List.of(
                Topics.SIGHTINGS.name(), Topics.INTERCEPTIONS.name(), Topics.WATCHLIST.name(),
                Topics.FOLLOW_UPS.name(), Topics.FOLLOW_UP_ANSWERS.name()));
        producerTopics.addAll(doors);
        assertThat(listTopics(SharedKafka.principal("alert-producer"))).containsExactlyInAnyOrderElementsOf(producerTopics);
        assertThat(listTopics(SharedKafka.principal("ops"))).containsAll(
                Topics.ALL.stream().map(topic -> topic.name()).toList()).containsAll(doors);
        // An agency sees its own door and nothing else of the platform.
        assertThat(listTopics(SharedKafka.principal("agency-id-imigrasi")))
                .containsExactlyInAnyOrder("tip.inbox.id-imigrasi.v1", "tip.rejects.id-imigrasi.v1");
    }

    private static java.util.Set<String> listTopics(KafkaConnection kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.with(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000)))) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        }
    }

    private static void write(KafkaConnection kafka, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, BYTES, BYTES)).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads from the start of partition 0 without a group (as kcat does). */
    private static void read(KafkaConnection kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.poll(Duration.ofSeconds(2));
            consumer.position(partition, Duration.ofSeconds(10));
        }
    }
}
