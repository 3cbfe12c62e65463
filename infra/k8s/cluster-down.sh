#!/usr/bin/env bash
# Stops the processes cluster-up.sh started, by the PIDs it wrote (TERM, then KILL after 5 s).
S=${1:-${STATE:?usage: cluster-down.sh STATE}}
ALL=(kwok scheduler kcm apiserver etcd)
for p in "${ALL[@]}"; do [ -f "$S/$p.pid" ] && kill "$(cat "$S/$p.pid")" 2>/dev/null; done
for _ in $(seq 1 50); do
  alive=0; for p in "${ALL[@]}"; do [ -f "$S/$p.pid" ] && kill -0 "$(cat "$S/$p.pid")" 2>/dev/null && alive=1; done
  [ $alive = 0 ] && break; sleep 0.1
done
for p in "${ALL[@]}"; do [ -f "$S/$p.pid" ] && kill -9 "$(cat "$S/$p.pid")" 2>/dev/null; done
true
