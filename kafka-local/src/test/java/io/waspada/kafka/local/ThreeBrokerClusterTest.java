package io.waspada.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Sighting;
import io.waspada.testing.Fixtures;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fault-test cluster: 3 real brokers, replication factor 3, min.insync.replicas 2, loopback only. */
@Timeout(180)
class ThreeBrokerClusterTest {

    private static LocalKafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = LocalKafkaCluster.startTemporary(3);
        SharedKafka.createTopics(cluster.connection());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void topicsAreReplicatedThreeTimesWithTwoInSyncReplicasRequired() throws Exception {
        try (Admin admin = admin()) {
            TopicDescription alerts = admin.describeTopics(List.of(Topics.ALERTS.name()))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.ALERTS.name());
            assertThat(alerts.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            String minIsr = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.ALERTS.name())))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next().get("min.insync.replicas").value();
            assertThat(minIsr).isEqualTo("2");
        }
    }

    @Test
    void acksAllWritesSurviveTheLossOfOneBrokerWhichRejoinsWhenStartedAgain() throws Exception {
        Sighting before = Fixtures.sighting("before-loss", Fixtures.passport("tok-a"));
        Sighting after = Fixtures.sighting("after-loss", Fixtures.passport("tok-b"));
        try (KafkaProducer<String, Sighting> producer = TopicClients.producer(cluster.connection(), Topics.SIGHTINGS)) {
            producer.send(new ProducerRecord<>(Topics.SIGHTINGS.name(), before.getEventId(), before)).get(30, TimeUnit.SECONDS);
            cluster.stopNode(2);
            producer.send(new ProducerRecord<>(Topics.SIGHTINGS.name(), after.getEventId(), after)).get(60, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, Sighting>> read =
                TopicClients.read(cluster.connection(), Topics.SIGHTINGS, 2, Duration.ofSeconds(60));

        assertThat(read).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("before-loss", "after-loss");

        // Started again on its data, it catches up and is back in every partition's in-sync replicas.
        cluster.startNode(2);
        try (Admin admin = admin()) {
            org.awaitility.Awaitility.await("the restarted broker in sync again").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(admin.describeTopics(
                            List.of(Topics.SIGHTINGS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get(Topics.SIGHTINGS.name()).partitions()).allSatisfy(p -> assertThat(p.isr()).hasSize(3)));
        }
    }

    @Test
    void brokersListenOnLoopbackOnly() throws Exception {
        int port = Integer.parseInt(cluster.bootstrapServers().split(",")[0].split(":")[1]);
        for (InetAddress address : NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress())
                .toList()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 1000);
                throw new AssertionError("Broker port " + port + " answered on " + address);
            } catch (java.io.IOException expected) {
                // Refused: not listening there.
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            assertThat(socket.isConnected()).isTrue();
        }
    }

    private static Admin admin() {
        return Admin.create(cluster.connection().clientConfig());
    }
}
