package io.waspada.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** One connection per client: servers and security settings travel together, never a secret in a log line. */
class KafkaConnectionTest {

    @Test
    void aClientConfigurationGivesItsServersAndSecuritySettingsOnly() {
        KafkaConnection kafka = KafkaConnection.from(Map.of("bootstrap.servers", "b1:9092,b2:9092",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", new Password("jaas"), "ssl.truststore.location", "/trust.p12",
                "group.id", "ignored", "acks", "all"));

        assertThat(kafka.bootstrapServers()).isEqualTo("b1:9092,b2:9092");
        assertThat(kafka.security()).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"), Map.entry("sasl.jaas.config", "jaas"),
                Map.entry("ssl.truststore.location", "/trust.p12"));
    }

    @Test
    void everyClientBuiltFromItCarriesTheConnectionWhichItsSettingsCannotReplace() {
        KafkaConnection kafka = KafkaConnection.scram("b:9092", "SASL_PLAINTEXT", "notifier", "s3cret");

        assertThat(kafka.with(Map.of("acks", "all"))).containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("acks", "all").containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"notifier\" password=\"s3cret\";");
        assertThatThrownBy(() -> kafka.with(Map.of("bootstrap.servers", "elsewhere:9092")))
                .hasMessageContaining("bootstrap.servers comes from the connection");
        assertThatThrownBy(() -> kafka.with(Map.of("security.protocol", "PLAINTEXT")))
                .hasMessageContaining("security.protocol comes from the connection");
        assertThat(kafka.toString()).isEqualTo("KafkaConnection[b:9092, SASL_PLAINTEXT SCRAM-SHA-512]")
                .doesNotContain("s3cret");
    }

    @Test
    void toolsReadTheirConnectionFromTheEnvironment() {
        KafkaConnection kafka = KafkaConnection.fromEnvironment(Map.of("KAFKA_SASL_USERNAME", "ops",
                "KAFKA_SASL_PASSWORD", "pa\"ss\\word"), "localhost:9092");

        assertThat(kafka.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(kafka.security()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"ops\" password=\"pa\\\"ss\\\\word\";");
        assertThat(KafkaConnection.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9093",
                "KAFKA_SECURITY_PROTOCOL", "SSL"), "localhost:9092"))
                .isEqualTo(new KafkaConnection("k:9093", Map.of("security.protocol", "SSL")));
    }

    @Test
    void toolsTakeTlsSettingsFromTheEnvironmentToo() {
        KafkaConnection kafka = KafkaConnection.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_JAAS_CONFIG", "jaas", "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/ca/ca.crt", "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "https",
                "KAFKA_OTHER", "ignored"), "k:9093");
        assertThat(kafka.security()).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "PLAIN"), Map.entry("sasl.jaas.config", "jaas"),
                Map.entry("ssl.truststore.type", "PEM"), Map.entry("ssl.truststore.location", "/ca/ca.crt"),
                Map.entry("ssl.endpoint.identification.algorithm", "https"));
    }

    @Test
    void theTopicStepTakesEveryPrincipalsPasswordFromTheEnvironment() {
        KafkaAccess list = KafkaAccess.shipped();
        Map<String, String> env = new java.util.HashMap<>();
        list.names().forEach(name -> env.put(io.waspada.topics.TopicCreator.passwordVariable(name), name + "-password-0123"));
        assertThat(env).containsKey("WASPADA_KAFKA_PASSWORD_ALERT_PRODUCER");
        assertThat(io.waspada.topics.TopicCreator.passwords(list, env)).containsEntry("ops", "ops-password-0123");
        env.put("WASPADA_KAFKA_PASSWORD_OPS", "quote\"in-a-jaas-line");
        assertThatThrownBy(() -> io.waspada.topics.TopicCreator.passwords(list, env))
                .hasMessageContaining("WASPADA_KAFKA_PASSWORD_OPS must be at least 16 letters");
        env.remove("WASPADA_KAFKA_PASSWORD_OPS");
        assertThatThrownBy(() -> io.waspada.topics.TopicCreator.passwords(list, env))
                .hasMessage("set WASPADA_KAFKA_PASSWORD_OPS: the password of Kafka principal ops");
    }

    @Test
    void aSaslConnectionWithoutAPasswordSaysWhatToSet() {
        KafkaConnection unset = KafkaConnection.from(Map.of("bootstrap.servers", "b:9092",
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"stream-processor\" password=\"\";"));
        assertThatThrownBy(unset::requireCredentials).hasMessageContaining("set KAFKA_SASL_PASSWORD");
        assertThat(KafkaConnection.scram("b:9092", "SASL_PLAINTEXT", "ops", "pw").requireCredentials()).isNotNull();
        assertThat(KafkaConnection.plaintext("b:9092").requireCredentials()).isNotNull();
    }

    @Test
    void aConnectionWithoutServersOrWithAForeignSettingIsRefused() {
        assertThatThrownBy(() -> KafkaConnection.from(Map.of("security.protocol", "SSL")))
                .hasMessage("Kafka bootstrap servers are not configured");
        assertThatThrownBy(() -> new KafkaConnection("b:9092", Map.of("acks", "all")))
                .hasMessage("acks is not a client security setting");
    }
}
