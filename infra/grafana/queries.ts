/**
 * What the operations tests check in the committed dashboards and alert rules: every panel query
 * (with Grafana's variables made concrete) and every alert expression with its thresholds removed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const GRAFANA_DIR = resolve(__dirname);
export const RULES_FILE = resolve(__dirname, '../prometheus/serang.rules.yaml');

export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

/** Metrics the platform itself does not serve: kube-state-metrics, postgres_exporter, kafka_exporter. */
export const CLUSTER_METRIC = /\b(kube_|pg_|kafka_)[a-z_]+/;
/** Metrics with a hook only so far: notification deliveries (the notification issue reports them). */
export const HOOK_METRIC = /\bserang_notification_deliveries_total\b/;

/** Every query of every committed dashboard JSON, variables made concrete. */
export function panelQueries(dir = GRAFANA_DIR): PanelQuery[] {
  const out: PanelQuery[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const d = JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as {
      title: string;
      panels: Array<{ title: string; targets?: Array<{ expr?: string }>; panels?: unknown[] }>;
    };
    for (const p of d.panels) for (const t of p.targets ?? []) if (t.expr) out.push({ dashboard: d.title, panel: p.title, expr: concrete(t.expr) });
  }
  return out;
}

/** Grafana's variables as a test evaluates them: 1m rate windows, a 1h range, every agency. */
export function concrete(expr: string): string {
  return expr
    .replace(/\$__rate_interval/g, '1m')
    .replace(/\$__range/g, '1h')
    .replace(/\$__interval/g, '15s')
    .replace(/\$agency/g, '.*');
}

/**
 * An alert expression without its thresholds: the operands of its top-level `and`/`or`/`unless`,
 * each stripped of a comparison against a number (both sides kept when it compares two series).
 */
export function alertSignals(expr: string): string[] {
  const out: string[] = [];
  for (const part of splitTop(expr, /^(and|or|unless)\b/)) {
    const sides = splitTop(part, /^(>=|<=|==|!=|>|<)/);
    for (const side of sides) if (!/^\(?\s*[\d.\s*+/()-]+\)?$/.test(side)) out.push(side);
  }
  return out;
}

/** Splits at the operators matched by `op` outside parentheses, braces and brackets. */
function splitTop(expr: string, op: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && /\s/.test(expr[i - 1] ?? ' ')) {
      const m = op.exec(expr.slice(i));
      if (m && /\s/.test(expr[i + m[0].length] ?? ' ')) {
        parts.push(expr.slice(start, i).trim());
        i += m[0].length;
        start = i;
      }
    }
  }
  parts.push(expr.slice(start).trim());
  return parts.filter(Boolean);
}

export interface AlertRule {
  alert: string;
  expr: string;
}

/** The alerts of the rule file. */
export function alertRules(text: string, parse: (s: string) => unknown): AlertRule[] {
  const doc = parse(text) as { groups: Array<{ rules: Array<{ alert?: string; record?: string; expr: string }> }> };
  return doc.groups.flatMap((g) => g.rules.filter((r): r is AlertRule => !!r.alert));
}
