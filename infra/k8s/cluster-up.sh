#!/usr/bin/env bash
# A real Kubernetes v1.37 control plane on 127.0.0.1, for the chart's tests: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, and kwok simulating one node (pods become Running and
# Jobs complete without a kubelet; nothing is really executed). Up in ~5 s, ~650 MB of memory.
#   BIN=<tools.sh's folder> STATE=<a fresh folder> cluster-up.sh  → writes $STATE/kubeconfig, $STATE/*.pid
#   cluster-down.sh STATE   stops every process by the PIDs written here.
# Ports: SERANG_K8S_PORT (apiserver, default 16443), etcd on the next two.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${BIN:?BIN: the folder of infra/k8s/tools.sh}
S=${STATE:?STATE: a folder for the cluster state}
API=${SERANG_K8S_PORT:-16443}
ETCD_CLIENT=$((API + 1)); ETCD_PEER=$((API + 2))
rm -rf "$S"; mkdir -p "$S/certs"; cd "$S"
openssl genrsa -out sa.key 2048 2>/dev/null; openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
TOKEN=$(openssl rand -hex 16)
echo "$TOKEN,admin,admin-uid,\"system:masters\"" > tokens.csv
"$BIN/etcd" --data-dir="$S/etcd" --listen-client-urls=http://127.0.0.1:$ETCD_CLIENT --advertise-client-urls=http://127.0.0.1:$ETCD_CLIENT \
  --listen-peer-urls=http://127.0.0.1:$ETCD_PEER --initial-advertise-peer-urls=http://127.0.0.1:$ETCD_PEER \
  --initial-cluster=default=http://127.0.0.1:$ETCD_PEER > etcd.log 2>&1 & echo $! > etcd.pid
# --endpoint-reconciler-type=none: the apiserver refuses to advertise a loopback address otherwise.
"$BIN/kube-apiserver" --etcd-servers=http://127.0.0.1:$ETCD_CLIENT --cert-dir="$S/certs" --bind-address=127.0.0.1 --secure-port=$API \
  --advertise-address=127.0.0.1 --endpoint-reconciler-type=none --service-account-key-file=sa.pub \
  --service-account-signing-key-file=sa.key --service-account-issuer=https://kubernetes.default.svc \
  --token-auth-file=tokens.csv --authorization-mode=Node,RBAC --service-cluster-ip-range=10.96.0.0/16 > apiserver.log 2>&1 & echo $! > apiserver.pid
export KUBECONFIG="$S/kubeconfig"
for _ in $(seq 1 480); do
  [ -f certs/apiserver.crt ] && curl -sf --cacert certs/apiserver.crt -H "Authorization: Bearer $TOKEN" https://127.0.0.1:$API/readyz >/dev/null && break
  kill -0 "$(cat apiserver.pid)" 2>/dev/null || { tail -20 apiserver.log >&2; exit 1; }
  sleep 0.25
done
kubectl config set-cluster ci --server=https://127.0.0.1:$API --certificate-authority="$S/certs/apiserver.crt" --embed-certs >/dev/null
kubectl config set-credentials admin --token="$TOKEN" >/dev/null
kubectl config set-context ci --cluster=ci --user=admin >/dev/null; kubectl config use-context ci >/dev/null
# Serving ports 0: the controllers need none here, and nothing can clash with another cluster.
K="--kubeconfig=$KUBECONFIG --authentication-kubeconfig=$KUBECONFIG --authorization-kubeconfig=$KUBECONFIG --leader-elect=false --secure-port=0"
# The simulated nodes' heartbeats come from kwok, which a loaded machine can starve for tens of
# seconds: a long grace period keeps the nodes (and their pods) Ready through it.
"$BIN/kube-controller-manager" $K --service-account-private-key-file=sa.key --root-ca-file=certs/apiserver.crt \
  --use-service-account-credentials=false --node-monitor-grace-period=10m > kcm.log 2>&1 & echo $! > kcm.pid
"$BIN/kube-scheduler" $K > scheduler.log 2>&1 & echo $! > scheduler.pid
"$BIN/kwok" --kubeconfig="$KUBECONFIG" --config="$HERE/kwok-stages.yaml" --manage-all-nodes=true \
  --cidr=10.0.0.1/24 --node-ip=127.0.0.1 > kwok.log 2>&1 & echo $! > kwok.pid
# Three simulated nodes in three zones, so topology spread and PDBs behave as on a real cluster.
for i in 0 1 2; do cat <<NODE; done | kubectl apply -f - >/dev/null
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations: {node.alpha.kubernetes.io/ttl: "0", kwok.x-k8s.io/node: fake}
  labels: {type: kwok, kubernetes.io/hostname: kwok-node-$i, kubernetes.io/os: linux, kubernetes.io/arch: amd64, topology.kubernetes.io/zone: zone-$i}
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
NODE
kubectl wait --for=condition=Ready node --all --timeout=60s >/dev/null
echo "cluster up: KUBECONFIG=$KUBECONFIG"
