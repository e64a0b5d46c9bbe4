// Publishes one sighting to your agency's Waspada inbox (the Kafka door), then prints where it went.
//
//   java -cp "$CLASSPATH" InboxPublisher.java [passport]    (Java 17 source-file mode; on the class path: kafka-clients,
//                                                            avro, jackson-core, jackson-databind, jackson-annotations,
//                                                            slf4j-api)
//
// Settings from the environment:
//   KAFKA_BOOTSTRAP_SERVERS   the Waspada brokers (default localhost:9092)
//   WASPADA_AGENCY            your agency code, e.g. RMP; you publish as Kafka principal agency-<code in lower case,
//                             _ as -> (agency-rmp, agency-id-imigrasi) to topic tip.inbox.<same>.v1
//   KAFKA_SASL_PASSWORD       that principal's password (SCRAM-SHA-512)
//   KAFKA_SECURITY_PROTOCOL   SASL_SSL against a real cluster (default), SASL_PLAINTEXT against ./waspada local
//   WASPADA_REPORT_SCHEMA     the AgencyReport.avsc file (default schemas/src/main/avro/inbox/AgencyReport.avsc)
// The raw passport number below stays in your inbox: Waspada replaces it by its token before anything else sees it.

import java.io.File;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class InboxPublisher {

    public static void main(String[] args) throws Exception {
        String agency = env("WASPADA_AGENCY", "RMP");
        String slug = agency.toLowerCase(Locale.ROOT).replace('_', '-');
        String passport = args.length > 0 ? args[0] : "C1234567";
        Schema schema = new Schema.Parser().parse(new File(env("WASPADA_REPORT_SCHEMA",
                "schemas/src/main/avro/inbox/AgencyReport.avsc")));

        // One sighting: a minor with a passport and a facilitator's phone at the Bukit Kayu Hitam border post.
        Schema location = schema.getField("location").schema();
        Schema subject = schema.getField("subjects").schema().getElementType();
        Schema identifier = subject.getField("identifiers").schema().getElementType();
        GenericRecord report = new GenericData.Record(schema);
        report.put("kind", "SIGHTING");
        report.put("eventId", UUID.randomUUID().toString());          // yours; resend a report with the same one
        report.put("observedAt", Instant.now().minus(10, ChronoUnit.MINUTES).toEpochMilli());
        GenericRecord place = new GenericData.Record(location);
        place.put("lat", 6.43);
        place.put("lon", 100.42);
        place.put("country", "MY");
        place.put("region", "KEDAH");
        place.put("site", "BUKIT_KAYU_HITAM");
        report.put("location", place);
        GenericRecord passportId = new GenericData.Record(identifier);
        passportId.put("scheme", "PASSPORT");
        passportId.put("value", passport);
        passportId.put("issuer", "ID");
        GenericRecord person = new GenericData.Record(subject);
        person.put("type", "PERSON");
        person.put("role", "SUSPECTED_VICTIM");
        person.put("ageBand", "MINOR");
        person.put("identifiers", List.of(passportId));
        report.put("subjects", List.of(person));
        report.put("indicators", List.of("UNACCOMPANIED_MINOR"));
        report.put("handling", "H1");
        for (Schema.Field field : schema.getFields()) {              // the optional fields left out are null
            if (report.get(field.pos()) == null && field.hasDefaultValue()) {
                report.put(field.pos(), GenericData.get().getDefaultValue(field));
            }
        }
        for (Schema.Field field : subject.getFields()) {
            if (person.get(field.pos()) == null && field.hasDefaultValue()) {
                person.put(field.pos(), GenericData.get().getDefaultValue(field));
            }
        }

        // Avro single-object encoding: C3 01, the schema's CRC-64-AVRO fingerprint, the binary body.
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(report);
        byte[] value = new byte[encoded.remaining()];
        encoded.get(value);

        Properties settings = new Properties();
        settings.put("bootstrap.servers", env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        settings.put("security.protocol", env("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));
        settings.put("sasl.mechanism", "SCRAM-SHA-512");
        settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + "agency-" + slug + "\" password=\"" + env("KAFKA_SASL_PASSWORD", "") + "\";");
        settings.put("acks", "all");                                  // nothing is lost once send() succeeded
        settings.put("enable.idempotence", "true");                   // and retries never duplicate it
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer())) {
            String eventId = report.get("eventId").toString();
            RecordMetadata written = producer.send(new ProducerRecord<>("tip.inbox." + slug + ".v1", eventId, value))
                    .get();
            System.out.println("published " + eventId + " to " + written.topic() + " partition " + written.partition()
                    + " offset " + written.offset());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
