#!/bin/sh
# Skill Broker: $CATALINA_BASE/bin/setenv.sh (catalina.sh sources it). Secrets go into the environment here, read
# from owner-only files, so they are neither in a config file Tomcat serves nor in `ps` output (-D options are).
#
#   /etc/skill-broker/secrets/client-secret      the Webex integration's client secret
#   /etc/skill-broker/secrets/store-keys         the token store key(s): "id=base64key[,id2=base64key2]"
#                                                (generate one: echo "k1=$(head -c 32 /dev/urandom | base64)")
#   /etc/skill-broker/secrets/keystore-password  the HTTPS keystore's password (server.xml)
#   /etc/skill-broker/secrets/metrics-token      optional: bearer token for /metrics scrapers from other hosts
#   /etc/skill-broker/secrets/alerts-bot-token   optional: the Webex bot's token for alerts into a space
#   /etc/skill-broker/secrets/alerts-webhook-url optional: the alert webhook's URL (it usually carries a key)
#   /etc/skill-broker/secrets/smtp-password      optional: the mail session's password (context.xml <Resource>)
#   /etc/skill-broker/secrets/service-app-client-secret  optional: the Service App's client secret (Service App mode)
#
# Both nodes of a pair need the same store keys. chmod 600 the files, owned by the user Tomcat runs as.

SKILLBROKER_SECRETS_DIR="${SKILLBROKER_SECRETS_DIR:-/etc/skill-broker/secrets}"

read_secret() {
  if [ -r "$SKILLBROKER_SECRETS_DIR/$1" ]; then
    # strip a trailing newline an editor may have added
    tr -d '\r\n' < "$SKILLBROKER_SECRETS_DIR/$1"
  fi
}

# MicroProfile Config maps skillbroker.webex.client-secret to SKILLBROKER_WEBEX_CLIENT_SECRET, and so on.
SKILLBROKER_WEBEX_CLIENT_SECRET="$(read_secret client-secret)"
SKILLBROKER_STORE_KEYS="$(read_secret store-keys)"
BROKER_KEYSTORE_PASSWORD="$(read_secret keystore-password)"
export SKILLBROKER_WEBEX_CLIENT_SECRET SKILLBROKER_STORE_KEYS BROKER_KEYSTORE_PASSWORD
for pair in alerts-bot-token:SKILLBROKER_ALERTS_WEBEX_BOT_TOKEN alerts-webhook-url:SKILLBROKER_ALERTS_WEBHOOK_URL \
            smtp-password:SKILLBROKER_SMTP_PASSWORD service-app-client-secret:SKILLBROKER_SERVICE_APP_CLIENT_SECRET; do
  if [ -r "$SKILLBROKER_SECRETS_DIR/${pair%%:*}" ]; then
    eval "${pair#*:}=\"\$(read_secret ${pair%%:*})\""
    export "${pair#*:}"
  fi
done
if [ -r "$SKILLBROKER_SECRETS_DIR/metrics-token" ]; then
  SKILLBROKER_METRICS_TOKEN="$(read_secret metrics-token)"
  export SKILLBROKER_METRICS_TOKEN
fi

# Files the broker writes (token store, audit file) are created owner-only anyway; this covers Tomcat's own.
umask 027

# Let server.xml read ${BROKER_KEYSTORE_PASSWORD} from the environment (system properties keep working too).
CATALINA_OPTS="$CATALINA_OPTS -Dorg.apache.tomcat.util.digester.PROPERTY_SOURCE=org.apache.tomcat.util.digester.EnvironmentPropertySource"

# Ports and the keystore file (server.xml); adapt or move them to conf/catalina.properties.
CATALINA_OPTS="$CATALINA_OPTS -Dbroker.http.port=${BROKER_HTTP_PORT:-8080} -Dbroker.https.port=${BROKER_HTTPS_PORT:-8443}"

# The broker needs little memory; two nodes on one small VM are fine.
CATALINA_OPTS="$CATALINA_OPTS -Xms128m -Xmx512m"
export CATALINA_OPTS
