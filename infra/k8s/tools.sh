#!/usr/bin/env bash
# Ensures the Kubernetes test tools exist and prints the folder holding them:
#   helm v4.3.2, etcd v3.7.3, kube-apiserver / kube-controller-manager / kube-scheduler v1.37.2, kwok v0.8.0
# All come from the Go module proxy, built by one `go build` of one module (tools/go.mod), so the
# k8s.io packages they share compile once (~7–10 min on a fresh 2-core machine, ~4 GB of Go cache).
# The binaries are cached outside the clone, keyed by the hash of tools/go.sum and of this script's
# build flags: a warm machine skips the build, a changed pin builds anew.
#   SERANG_K8S_TOOLS_CACHE   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/serang-tatu/k8s)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
K8S=v1.37.2
HELM=v4.3.2
# Without the version flags the apiserver reports v0.0.0-master (kubectl cannot parse it) and helm says v4.3.
LDFLAGS="-s -w -X k8s.io/component-base/version.gitVersion=$K8S -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=37 -X helm.sh/helm/v4/internal/version.version=$HELM"
KEY=$( (cat "$HERE/tools/go.sum"; echo "$LDFLAGS") | sha256sum | cut -c1-16)
ROOT=${SERANG_K8S_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/serang-tatu/k8s}
BIN="$ROOT/$KEY/bin"
TOOLS=(helm etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

complete() { for t in "${TOOLS[@]}"; do [ -x "$BIN/$t" ] || return 1; done; }
if complete; then echo "$BIN"; exit 0; fi

command -v go >/dev/null || { echo "tools.sh: Go (>= 1.26) is required to build the Kubernetes tools" >&2; exit 1; }
mkdir -p "$ROOT"
# One builder at a time per cache; a second caller waits and then finds the binaries.
exec 9>"$ROOT/.lock"
flock 9
if complete; then echo "$BIN"; exit 0; fi
STAGE=$(mktemp -d "$ROOT/.build.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
echo "tools.sh: building the Kubernetes tools into $BIN (first time on this machine: ~7–10 min)" >&2
cd "$HERE/tools"
export GOFLAGS=-modcacherw GOTOOLCHAIN=local
start=$SECONDS
go build -ldflags "$LDFLAGS" -o "$STAGE/" helm.sh/helm/v4/cmd/helm k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler sigs.k8s.io/kwok/cmd/kwok >&2
go build -ldflags "-s -w" -o "$STAGE/etcd" go.etcd.io/etcd/server/v3 >&2
echo "tools.sh: built in $((SECONDS - start)) s" >&2
mkdir -p "$ROOT/$KEY"
rm -rf "$BIN"
chmod 755 "$STAGE"
mv "$STAGE" "$BIN" # complete or absent: an interrupted build leaves nothing that looks finished
trap - EXIT
echo "$BIN"
