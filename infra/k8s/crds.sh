#!/usr/bin/env bash
# Prints a folder holding the CRDs of the operators the chart can use, from the operators' own Go
# modules (the Go module proxy serves them with their manifests), so the chart's custom resources
# are validated against the real schemas:
#   CloudNativePG v1.29.0, KEDA v2.21.0, Prometheus operator v0.85.0, Gateway API v1.6.3 (standard).
# Strimzi's CRDs come from no registry reachable here: strimzi-standin.yaml declares its kinds with
# an open schema, so Kafka/KafkaNodePool/KafkaTopic install but are NOT validated (said loudly).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${SERANG_K8S_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/serang-tatu/k8s}
MODULES="github.com/cloudnative-pg/cloudnative-pg@v1.29.0:config/crd/bases/postgresql.cnpg.io_clusters.yaml,config/crd/bases/postgresql.cnpg.io_scheduledbackups.yaml
github.com/kedacore/keda/v2@v2.21.0:config/crd/bases/keda.sh_scaledobjects.yaml
github.com/prometheus-operator/prometheus-operator@v0.85.0:example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml,example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml
sigs.k8s.io/gateway-api@v1.6.3:config/crd/standard/gateway.networking.k8s.io_httproutes.yaml,config/crd/standard/gateway.networking.k8s.io_gateways.yaml,config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml"
KEY=$( (echo "$MODULES"; cat "$HERE/strimzi-standin.yaml") | sha256sum | cut -c1-16)
OUT="$ROOT/crds-$KEY"
if [ -f "$OUT/.complete" ]; then echo "$OUT"; exit 0; fi
mkdir -p "$OUT"
export GOFLAGS=-modcacherw GOTOOLCHAIN=local
while IFS=: read -r mod files; do
  dir=$(cd "$HERE/tools" && go mod download -json "$mod" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "crds.sh: go mod download $mod failed" >&2; exit 1; }
  IFS=, read -ra list <<< "$files"
  for f in "${list[@]}"; do cp "$dir/$f" "$OUT/"; done
done <<< "$MODULES"
cp "$HERE/strimzi-standin.yaml" "$OUT/zz-strimzi-standin.yaml"
touch "$OUT/.complete"
echo "$OUT"
