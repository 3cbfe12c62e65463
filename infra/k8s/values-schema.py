"""Writes charts/serang-tatu/values.schema.json (run: python3 infra/k8s/values-schema.py).

The schema is generated so that each process's variables come from one table here, which mirrors
the services' own configuration schemas (services/*/src/*.config.ts, libs/platform/src/config.ts,
gateway/src/gateway.config.ts). Every object is closed (additionalProperties: false): a typo in a
values file fails `helm lint`/`install` instead of being ignored. The static tests check the file is
what this script writes.
"""
import json, os, sys

S = {"type": "string"}
INTSTR = {"type": ["string", "integer"], "pattern": "^[0-9]+$"}
NUMSTR = {"type": ["string", "number"], "pattern": "^[0-9]+(\\.[0-9]+)?$"}
BOOLSTR = {"type": ["string", "boolean"], "enum": ["true", "false", True, False]}

def closed(props, required=()):
    o = {"type": "object", "additionalProperties": False, "properties": props}
    if required:
        o["required"] = list(required)
    return o

# Variables a values file may set per process (secrets and the chart's own wiring are not here).
COMMON = {
    "TENANT": {"type": "string", "pattern": "^[0-9]{4}$"},
    "LOG_LEVEL": {"enum": ["fatal", "error", "warn", "info", "debug", "trace", "silent"]},
    "GRAPHQL_INTROSPECTION": BOOLSTR,
    "JWT_ISSUER": S, "JWT_AUDIENCE": S,
    "OTEL_EXPORTER_OTLP_ENDPOINT": {"type": "string", "pattern": "^(https?://.+)?$"},
    "DB_POOL_MAX": INTSTR, "EVENTSTORE_POOL_MAX": INTSTR, "DB_POOL_ACQUIRE_TIMEOUT_MS": INTSTR,
    "DB_POOL_GUARD": {"enum": ["throw", "warn", "off"]},
}
# DEBUG_ERRORS is left out on purpose: stack traces in answers are for a developer's machine only.
PER = {
    "gateway": {
        "TRUST_PROXY_HOPS": INTSTR, "MAX_QUERY_DEPTH": INTSTR, "MAX_QUERY_ALIASES": INTSTR, "MAX_QUERY_COST": INTSTR,
        "MAX_REQUEST_BYTES": INTSTR, "UPLOAD_MAX_BYTES": INTSTR, "BODY_IDLE_TIMEOUT_SECONDS": INTSTR,
        "RATE_LIMIT_SIGNIN_PER_ADDRESS": INTSTR, "RATE_LIMIT_SIGNIN_PER_ACCOUNT": INTSTR, "RATE_LIMIT_REGISTER_PER_ADDRESS": INTSTR,
        "RATE_LIMIT_REGISTER_PER_ACCOUNT": INTSTR, "RATE_LIMIT_MUTATIONS_PER_CALLER": INTSTR, "RATE_LIMIT_EXEMPT": S, "RATE_LIMIT_REPLICAS": INTSTR,
    },
    "identity": {
        "ACCESS_TOKEN_TTL_SECONDS": INTSTR, "REFRESH_TOKEN_TTL_SECONDS": INTSTR, "AGENCY_SYSTEM_TOKEN_TTL_SECONDS": INTSTR,
        "SIGNING_KEY_ROTATION_DAYS": INTSTR, "MAIL_FROM": S, "INVITATION_LINK_BASE": {"type": "string", "pattern": "^https?://"},
        "INVITATION_TTL_HOURS": INTSTR, "OIDC_ISSUER": {"type": "string", "pattern": "^https?://.+/oidc$"},
        "OIDC_SESSION_TTL_SECONDS": INTSTR, "VAULT_MASTER_KEY_ID": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$"},
        "PASSWORD_HASH_CONCURRENCY": INTSTR, "PASSWORD_HASH_QUEUE": INTSTR, "PASSWORD_HASH_MAX_WAIT_MS": INTSTR,
    },
    "catalogue": {},
    "request": {
        "HOLIDAYS": S, "TRACKING_PREFIX": {"type": "string", "pattern": "^[A-Z]{2,5}$"}, "SLA_SCAN_INTERVAL_SECONDS": INTSTR,
        "UPLOAD_MAX_BYTES": INTSTR, "UPLOAD_MAX_CONCURRENT": INTSTR, "BODY_IDLE_TIMEOUT_SECONDS": INTSTR, "VAULT_MASTER_KEY_ID": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$"},
    },
    "notification": {
        "NOTIFICATION_LINK_BASE": {"type": "string", "pattern": "^https?://"}, "NOTIFICATION_MAIL_FROM": S,
        "IDENTITY_URL": {"type": "string", "pattern": "^(https?://.+)?$"}, "WHATSAPP_API_URL": {"type": "string", "pattern": "^https?://"},
        "WHATSAPP_PHONE_NUMBER_ID": S, "NOTIFICATION_SANDBOX_URL": {"type": "string", "pattern": "^(https?://.+)?$"},
        "NOTIFICATION_SEND_LEASE_SECONDS": INTSTR, "NOTIFICATION_MAX_ATTEMPTS": INTSTR, "NOTIFICATION_RETRY_BASE_SECONDS": NUMSTR,
        "NOTIFICATION_RATE_LIMITS": {"type": "string", "pattern": "^((email|sms|whatsapp)=[0-9.]+(, *)?)*$"},
        "NOTIFICATION_WEBHOOK_ALLOW_HTTP": BOOLSTR, "NOTIFICATION_WEBHOOK_ALLOWED_HOSTS": S,
        "NOTIFICATION_WEBHOOK_RETRY_BASE_SECONDS": NUMSTR, "NOTIFICATION_WEBHOOK_RETRY_MAX_SECONDS": NUMSTR,
        "NOTIFICATION_WEBHOOK_DISABLE_AFTER_SECONDS": INTSTR, "NOTIFICATION_WEBHOOK_TIMEOUT_SECONDS": INTSTR,
        "VAULT_MASTER_KEY_ID": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$"},
    },
    "analytics": {},
}
RESOURCES = closed({
    "requests": closed({"cpu": {"type": ["string", "number"]}, "memory": S}, ["cpu", "memory"]),
    "limits": closed({"cpu": {"type": ["string", "number"]}, "memory": S}, ["cpu", "memory"]),
}, ["requests", "limits"])
SECRET_REF = {"type": "string", "pattern": "^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$"}
KEY = {"type": "string", "pattern": "^[-._a-zA-Z0-9]+$"}
SELECTOR = {"type": "object", "properties": {"matchLabels": {"type": "object", "additionalProperties": S}, "matchExpressions": {"type": "array"}}, "additionalProperties": False}
PORTS = {"type": "array", "items": closed({"port": {"type": "integer", "minimum": 1, "maximum": 65535}, "protocol": {"enum": ["TCP", "UDP", "SCTP"]}}, ["port"])}
PEER = closed({
    "namespaceSelector": SELECTOR, "podSelector": SELECTOR,
    "ipBlocks": {"type": "array", "items": closed({"cidr": S, "except": {"type": "array", "items": S}}, ["cidr"])},
    "ports": PORTS,
})
COMPONENTS = ["gateway", "identity", "catalogue", "request", "notification", "analytics"]

def component(name):
    return closed({
        "port": {"type": "integer", "minimum": 1024, "maximum": 65535},
        "replicas": {"type": "integer", "minimum": 1},
        "config": closed(PER[name]),
        "resources": RESOURCES,
        "autoscaling": closed({"enabled": {"type": "boolean"}, "minReplicas": {"type": "integer", "minimum": 1}, "maxReplicas": {"type": "integer", "minimum": 1}, "targetCPUUtilizationPercentage": {"type": "integer", "minimum": 10, "maximum": 100}}, ["enabled", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage"]),
        "pdb": closed({"enabled": {"type": "boolean"}, "maxUnavailable": {"type": ["integer", "string"]}}, ["enabled", "maxUnavailable"]),
    }, ["port", "replicas", "config", "resources", "autoscaling", "pdb"])

schema = {
    "$schema": "https://json-schema.org/draft-07/schema#",
    "title": "serang-tatu chart values",
    **closed({
        "global": {"type": "object"},
        "image": closed({
            "repository": {"type": "string", "minLength": 1},
            "tag": {"type": "string", "not": {"enum": ["latest"]}},
            "digest": {"type": "string", "pattern": "^(sha256:[a-f0-9]{64})?$"},
            "pullPolicy": {"enum": ["IfNotPresent", "Always", "Never"]},
        }, ["repository", "tag", "pullPolicy"]),
        "imagePullSecrets": {"type": "array", "items": closed({"name": S}, ["name"])},
        "nameOverride": S, "fullnameOverride": S,
        "config": closed(COMMON),
        "eventBus": {"enum": ["kafka", "store"]},
        "database": closed({"existingSecret": SECRET_REF, "urlKey": KEY}),
        "kafka": closed({
            "brokers": S, "partitions": {"type": "integer", "minimum": 1, "maximum": 1000},
            "namespace": {"type": "string", "pattern": "^[a-z][a-z0-9-]{0,40}$"},
            "strimzi": closed({
                "enabled": {"type": "boolean"}, "version": S, "replicas": {"type": "integer", "minimum": 1},
                "storage": closed({"size": S, "class": S}), "resources": RESOURCES,
                "replicationFactor": {"type": "integer", "minimum": 1}, "minInsyncReplicas": {"type": "integer", "minimum": 1},
                "retentionHours": {"type": "integer", "minimum": 1},
            }),
        }),
        "cloudnativepg": closed({
            "enabled": {"type": "boolean"}, "instances": {"type": "integer", "minimum": 1}, "imageName": S,
            "storage": closed({"size": S, "class": S}), "walStorage": closed({"size": S, "class": S}),
            "resources": RESOURCES, "parameters": {"type": "object", "additionalProperties": {"type": ["string", "integer"]}},
            "backup": closed({
                "enabled": {"type": "boolean"}, "destinationPath": {"type": "string", "pattern": "^(s3://.+)?$"}, "endpointURL": S,
                "existingSecret": SECRET_REF, "accessKeyIdKey": KEY, "secretAccessKeyKey": KEY,
                "retentionPolicy": {"type": "string", "pattern": "^[1-9][0-9]*[dwm]$"}, "schedule": S,
            }),
        }),
        "secrets": closed({
            "vault": closed({"existingSecret": SECRET_REF, "masterKeysKey": KEY}),
            "blindIndex": closed({"existingSecret": SECRET_REF, "key": KEY}),
            "platformAdmin": closed({"existingSecret": SECRET_REF, "emailKey": KEY, "passwordKey": KEY}),
            "smtp": closed({"existingSecret": SECRET_REF, "key": KEY}),
            "notificationProviders": closed({"existingSecret": SECRET_REF}),
        }),
        "uploads": closed({
            "storage": {"enum": ["s3", "filesystem"]},
            "s3": closed({
                "bucket": S, "prefix": {"type": "string", "pattern": "^([A-Za-z0-9._-]+/)*$"}, "region": S, "endpoint": {"type": "string", "pattern": "^(https?://.+)?$"},
                "forcePathStyle": {"type": "boolean"}, "existingSecret": SECRET_REF, "accessKeyIdKey": KEY, "secretAccessKeyKey": KEY,
            }),
            "filesystem": closed({"existingClaim": S}),
        }),
        **{c: component(c) for c in COMPONENTS},
        "pod": closed({
            "preStopSleepSeconds": {"type": "integer", "minimum": 0, "maximum": 60},
            "terminationGracePeriodSeconds": {"type": "integer", "minimum": 10, "maximum": 300},
            "topologySpread": closed({"enabled": {"type": "boolean"}, "maxSkew": {"type": "integer", "minimum": 1}, "whenUnsatisfiable": {"enum": ["ScheduleAnyway", "DoNotSchedule"]}}),
            "nodeSelector": {"type": "object", "additionalProperties": S},
            "tolerations": {"type": "array"},
            "annotations": {"type": "object", "additionalProperties": S},
        }),
        "migrations": closed({"enabled": {"type": "boolean"}, "backoffLimit": {"type": "integer", "minimum": 0}, "activeDeadlineSeconds": {"type": "integer", "minimum": 60}, "resources": RESOURCES}),
        "ingress": closed({
            "enabled": {"type": "boolean"}, "className": S, "host": S, "annotations": {"type": "object", "additionalProperties": S},
            "tls": closed({"enabled": {"type": "boolean"}, "secretName": S}),
        }),
        "httpRoute": closed({"enabled": {"type": "boolean"}, "host": S, "parentRefs": {"type": "array", "items": {"type": "object"}}, "annotations": {"type": "object", "additionalProperties": S}}),
        "publicPaths": closed({c: {"type": "array", "items": {"type": "string", "pattern": "^/"}} for c in ["gateway", "identity"]}),
        "networkPolicy": closed({
            "enabled": {"type": "boolean"},
            "flows": {"type": "array", "items": closed({
                "name": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
                "from": {"type": "array", "minItems": 1, "items": S},
                "to": {"type": "array", "minItems": 1, "items": S},
                "why": S,
            }, ["name", "from", "to"])},
            "peers": {"type": "object", "additionalProperties": PEER},
        }),
        "keda": closed({
            "enabled": {"type": "boolean"}, "lagThreshold": {"type": "integer", "minimum": 1},
            "components": closed({c: closed({"minReplicas": {"type": "integer", "minimum": 1}, "maxReplicas": {"type": "integer", "minimum": 1}}, ["minReplicas", "maxReplicas"]) for c in ["identity", "request", "notification", "analytics"]}),
        }),
        "monitoring": closed({
            "serviceMonitor": closed({"enabled": {"type": "boolean"}, "interval": {"type": "string", "pattern": "^[0-9]+[smh]$"}, "labels": {"type": "object", "additionalProperties": S}}),
            "prometheusRule": closed({"enabled": {"type": "boolean"}, "labels": {"type": "object", "additionalProperties": S}}),
            "dashboards": closed({"enabled": {"type": "boolean"}, "labels": {"type": "object", "additionalProperties": S}}),
        }),
    }),
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../charts/serang-tatu/values.schema.json")
text = json.dumps(schema, indent=2) + "\n"
if "--check" in sys.argv:
    sys.exit(0 if open(out).read() == text else "values.schema.json differs from infra/k8s/values-schema.py: run python3 infra/k8s/values-schema.py")
open(out, "w").write(text)
print(f"wrote {os.path.relpath(out)}")
