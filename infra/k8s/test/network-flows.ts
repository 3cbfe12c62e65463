import { isDeepStrictEqual } from 'node:util';
import type { K8sObject } from './chart';

/**
 * The platform's flows two ways, as sorted `from→to` lists that must be equal: as declared once in
 * values (networkPolicy.flows, peers resolving to nothing dropped: they allow nothing), and as the
 * rendered NetworkPolicies allow them. Between two components a flow counts only when the source's
 * egress and the destination's ingress both allow it; a half-open one shows as `a→b (half)`.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- values and manifests are plain YAML */
type Values = any;
type Peer = Record<string, any>;

const COMPONENTS = ['gateway', 'identity', 'catalogue', 'request', 'notification', 'analytics', 'migrations'];

function resolvedPeers(values: Values): Record<string, Peer[]> {
  const out: Record<string, Peer[]> = {};
  for (const [name, p] of Object.entries<Peer>(values.networkPolicy.peers)) {
    const entries: Peer[] = (p.ipBlocks ?? []).map((b: unknown) => ({ ipBlock: b }));
    if ('namespaceSelector' in p || 'podSelector' in p)
      entries.push(Object.fromEntries(['namespaceSelector', 'podSelector'].filter((k) => k in p).map((k) => [k, p[k]])));
    out[name] = entries;
  }
  if (values.cloudnativepg?.enabled) out.postgres = [{ podSelector: { matchLabels: { 'cnpg.io/cluster': 'serang-serang-tatu-pg' } } }];
  if (values.kafka?.strimzi?.enabled) out.kafka = [{ podSelector: { matchLabels: { 'strimzi.io/cluster': 'serang-serang-tatu-kafka' } } }];
  return out;
}

export function declaredPairs(values: Values): string[] {
  const peers = resolvedPeers(values);
  const reachable = (n: string) => COMPONENTS.includes(n) || (peers[n]?.length ?? 0) > 0;
  const pairs = new Set<string>();
  for (const f of values.networkPolicy.flows) for (const a of f.from) for (const b of f.to) if (reachable(a) && reachable(b)) pairs.add(`${a}→${b}`);
  return [...pairs].sort();
}

export function allowedPairs(policies: K8sObject[], values: Values): string[] {
  const peers = resolvedPeers(values);
  const nameOf = (entry: Peer): string => {
    const component = entry.podSelector?.matchLabels?.['app.kubernetes.io/component'];
    if (component && !entry.namespaceSelector) return component;
    const found = Object.entries(peers).find(([, list]) => list.some((p) => isDeepStrictEqual(p, entry)));
    return found ? found[0] : `unknown:${JSON.stringify(entry)}`;
  };
  const egress = new Set<string>();
  const ingress = new Set<string>();
  for (const p of policies) {
    const self = p.spec.podSelector?.matchLabels?.['app.kubernetes.io/component'];
    if (!self) continue; // the default deny
    for (const r of p.spec.ingress ?? []) for (const e of r.from ?? []) ingress.add(`${nameOf(e)}→${self}`);
    for (const r of p.spec.egress ?? []) for (const e of r.to ?? []) egress.add(`${self}→${nameOf(e)}`);
  }
  const pairs = new Set<string>();
  for (const pair of new Set([...egress, ...ingress])) {
    const [a, b] = pair.split('→');
    const both = COMPONENTS.includes(a) && COMPONENTS.includes(b);
    pairs.add(both && !(egress.has(pair) && ingress.has(pair)) ? `${pair} (half)` : pair);
  }
  return [...pairs].sort();
}
