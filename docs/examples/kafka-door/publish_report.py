#!/usr/bin/env python3
"""Publishes one interception to your agency's Waspada inbox (the Kafka door), then prints where it went.

Debian/Ubuntu: apt-get install python3-avro python3-kafka

Settings from the environment (as the Java example):
  KAFKA_BOOTSTRAP_SERVERS  the Waspada brokers (default localhost:9092)
  WASPADA_AGENCY           your agency code, e.g. MMEA: you publish as Kafka principal agency-<code in lower case,
                           _ as -> (agency-mmea, agency-id-imigrasi) to topic tip.inbox.<same>.v1
  KAFKA_SASL_PASSWORD      that principal's password (SCRAM-SHA-512)
  KAFKA_SECURITY_PROTOCOL  SASL_SSL against a real cluster (default), SASL_PLAINTEXT against ./waspada local
  WASPADA_REPORT_SCHEMA    the AgencyReport.avsc file (default: the repository's, found from this file)
The raw MMSI below stays in your inbox: Waspada replaces it by its token before anything else sees it.
"""
import datetime
import io
import os
import re
import sys
import uuid

import avro.io
import avro.schema
from kafka import KafkaProducer

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "..", "..", "schemas", "src", "main", "avro", "inbox", "AgencyReport.avsc")

# CRC-64-AVRO, the schema fingerprint of Avro's single-object encoding (the Avro specification's algorithm).
_EMPTY = 0xC15D213AA4D7A795
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (_EMPTY & -(_fp & 1))
    _TABLE.append(_fp)


def fingerprint(canonical: bytes) -> bytes:
    fp = _EMPTY
    for byte in canonical:
        fp = (fp >> 8) ^ _TABLE[(fp ^ byte) & 0xFF]
    return fp.to_bytes(8, "little")


def canonical_form(schema) -> str:
    """The parsing canonical form. python3-avro 1.11 leaves the primitive under a logical type as an object
    ({"type":"long"} for observedAt); the specification, and Java, write it as its name ("long")."""
    return re.sub(r'\{"type":"(null|boolean|int|long|float|double|bytes|string)"\}', r'"\1"', schema.canonical_form)


def single_object(schema, datum) -> bytes:
    """C3 01, the fingerprint of the schema's parsing canonical form, the binary body."""
    body = io.BytesIO()
    avro.io.DatumWriter(schema).write(datum, avro.io.BinaryEncoder(body))
    return b"\xc3\x01" + fingerprint(canonical_form(schema).encode("utf-8")) + body.getvalue()


def main():
    agency = os.environ.get("WASPADA_AGENCY") or "MMEA"
    slug = agency.lower().replace("_", "-")
    mmsi = sys.argv[1] if len(sys.argv) > 1 else "525012345"
    with open(os.environ.get("WASPADA_REPORT_SCHEMA") or DEFAULT_SCHEMA, encoding="utf-8") as f:
        schema = avro.schema.parse(f.read())

    event_id = str(uuid.uuid4())  # yours; resend a report with the same one
    report = {
        "kind": "INTERCEPTION",
        "eventId": event_id,
        "observedAt": datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=10),
        "location": {"lat": 4.2448, "lon": 117.881, "country": "MY", "region": "SABAH", "site": "TAWAU"},
        "subjects": [
            {"type": "VESSEL", "role": "SUSPECTED_FACILITATOR",
             "identifiers": [{"scheme": "MMSI", "value": mmsi, "issuer": None}],
             "nationality": None, "sex": None, "ageBand": None},
            {"type": "PERSON", "role": "SUSPECTED_VICTIM", "identifiers": [],
             "nationality": "ID", "sex": "M", "ageBand": "ADULT"},
        ],
        "indicators": ["DECEPTIVE_RECRUITMENT"],
        "direction": "INBOUND",
        "notes": None,
        "handling": "H1",
        "sourceReliability": "A",
        "informationAccuracy": 2,
        "outcome": "RESCUED",
        "personsCount": 14,
        "caseReference": None,
        # Jurisdiction flags, at most 4: e.g. [{"kind": "INFORM_ONLY", "jurisdiction": "ID"}], {"kind": "COVERT"},
        # {"kind": "PROTECT_VICTIM"} (see docs/INTEGRATING.md). python3-avro fills no defaults: give every field.
        "flags": [{"kind": "PROTECT_VICTIM", "jurisdiction": None}],
    }

    # kafka-python (Debian's python3-kafka). Debian 12's python3-confluent-kafka (librdkafka 2.0.2) fails SCRAM
    # against Kafka 4 here. kafka-python has no idempotent producer: one report at a
    # time in flight keeps the order, and a retried report written twice is harmless (same eventId, kept once).
    producer = KafkaProducer(
        bootstrap_servers=os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or "localhost:9092",
        security_protocol=os.environ.get("KAFKA_SECURITY_PROTOCOL") or "SASL_SSL",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_plain_username="agency-" + slug,
        sasl_plain_password=os.environ.get("KAFKA_SASL_PASSWORD", ""),
        acks="all",                      # nothing is lost once the broker acknowledged
        retries=5,
        max_in_flight_requests_per_connection=1)
    try:
        written = producer.send("tip.inbox." + slug + ".v1", key=event_id.encode("utf-8"),
                                value=single_object(schema, report)).get(timeout=30)
    except Exception as error:  # the client's errors have no common base class worth naming here
        print("not published: %s" % error, file=sys.stderr)
        return 1
    finally:
        producer.close(timeout=10)
    print("published %s to %s partition %d offset %d" % (event_id, written.topic, written.partition, written.offset))
    return 0


if __name__ == "__main__":
    sys.exit(main())
