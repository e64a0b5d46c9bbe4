#!/bin/sh
# The one-shot TLS and broker-credential step of docker-compose.yml (runs in the apache/kafka image, which has
# keytool). Creates once, in the kafka-ca-key volume (/ca-key, mounted by this step only):
#   ca.p12                        the cluster's own certificate authority: its key never reaches a broker
# and in the kafka-tls volume (/tls, read by the brokers only):
#   kafka-1.p12 .. kafka-3.p12    each broker's key and certificate (CN and SAN kafka-N, SAN localhost), signed by it
#   store.password                the stores' password (the image reads it from a file)
# and every run (so a changed admin password takes effect):
#   kafka_server_jaas.conf        PLAIN for the brokers' own listener (inter-broker, controller, the admin step)
#                                 and SCRAM-SHA-512 for every client listener
#   admin-client.properties       the brokers' health check's client settings (admin over TLS)
# It publishes the CA certificate (public) to the kafka-ca volume (/ca, mounted by the services) and to ./deploy/tls
# on the host (/out), for external clients such as kcat. Nothing here is ever written to the image or the repo.
set -eu
: "${WASPADA_TLS_STORE_PASSWORD:?set WASPADA_TLS_STORE_PASSWORD (protects the brokers' key stores)}"
: "${WASPADA_KAFKA_ADMIN_PASSWORD:?set WASPADA_KAFKA_ADMIN_PASSWORD (the brokers' own and the topic step's principal)}"
# Both end up in Java properties and JAAS lines (and the image drops any setting whose value has a '='): letters,
# digits and + / . _ - only, e.g. from: head -c 24 /dev/urandom | base64
for secret in "$WASPADA_TLS_STORE_PASSWORD" "$WASPADA_KAFKA_ADMIN_PASSWORD"; do
  case "$secret" in
    *[!A-Za-z0-9+/._-]*) echo "[tls] WASPADA_TLS_STORE_PASSWORD and WASPADA_KAFKA_ADMIN_PASSWORD may hold only letters, digits and + / . _ - (e.g. head -c 24 /dev/urandom | base64)" >&2; exit 2 ;;
  esac
  if [ "${#secret}" -lt 16 ]; then echo "[tls] the store and admin passwords need at least 16 characters" >&2; exit 2; fi
done
P="$WASPADA_TLS_STORE_PASSWORD"
TLS_DIR="${TLS_DIR:-/tls}"; CA_DIR="${CA_DIR:-/ca}"; OUT_DIR="${OUT_DIR:-/out}"; CA_KEY_DIR="${CA_KEY_DIR:-/ca-key}"
CA="$CA_KEY_DIR/ca.p12"
cd "$TLS_DIR"
umask 077

if [ ! -f "$CA" ]; then
  echo "[tls] creating the cluster's certificate authority"
  keytool -genkeypair -keystore "$CA" -storetype PKCS12 -storepass "$P" -alias ca -dname "CN=waspada-kafka-ca" \
    -keyalg RSA -keysize 3072 -validity 3650 -ext bc:c
fi
keytool -exportcert -rfc -keystore "$CA" -storepass "$P" -alias ca > ca.crt

for node in kafka-1 kafka-2 kafka-3; do
  if [ ! -f "$node.p12" ]; then
    echo "[tls] creating the certificate of $node"
    keytool -genkeypair -keystore "$node.p12" -storetype PKCS12 -storepass "$P" -alias "$node" -dname "CN=$node" \
      -keyalg RSA -keysize 3072 -validity 825
    keytool -certreq -keystore "$node.p12" -storepass "$P" -alias "$node" -file "$node.csr"
    keytool -gencert -keystore "$CA" -storepass "$P" -alias ca -infile "$node.csr" -outfile "$node.crt" -rfc \
      -validity 825 -ext "SAN=dns:$node,dns:localhost" -ext "KU=digitalSignature,keyEncipherment" \
      -ext "EKU=serverAuth,clientAuth"
    keytool -importcert -noprompt -keystore "$node.p12" -storepass "$P" -alias ca -file ca.crt
    keytool -importcert -noprompt -keystore "$node.p12" -storepass "$P" -alias "$node" -file "$node.crt"
    rm -f "$node.csr" "$node.crt"
  fi
done
printf '%s' "$P" > store.password

# The brokers' JAAS: "admin" is the one PLAIN user (a super user); SCRAM users are the platform's principals,
# created by the topic step from principals.yaml.
A="$WASPADA_KAFKA_ADMIN_PASSWORD" # checked above: nothing in it needs quoting
cat > kafka_server_jaas.conf <<JAAS
KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
    username="admin" password="$A" user_admin="$A";
  org.apache.kafka.common.security.scram.ScramLoginModule required;
};
JAAS

# The brokers' health check: an authenticated request as admin over the brokers' own TLS listener.
cat > admin-client.properties <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$A";
ssl.truststore.type=PEM
ssl.truststore.location=/etc/kafka/secrets/ca.crt
PROPS

# The apache/kafka image runs as appuser (uid 1000): it owns and alone reads the stores, passwords and JAAS.
chown -R 1000:1000 "$TLS_DIR" 2>/dev/null || echo "[tls] not root: the files stay owned by uid $(id -u)"
chmod 600 "$TLS_DIR"/* "$CA"
chmod 644 "$TLS_DIR"/ca.crt
cp ca.crt "$CA_DIR"/ca.crt && chmod 644 "$CA_DIR"/ca.crt
if [ -d "$OUT_DIR" ]; then cp ca.crt "$OUT_DIR"/ca.crt && chmod 644 "$OUT_DIR"/ca.crt; fi
echo "[tls] ready: brokers' key stores in the kafka-tls volume, CA certificate in the kafka-ca volume and deploy/tls/ca.crt"
