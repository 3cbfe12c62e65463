import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensurePrometheusTools, type PrometheusTools } from '@serang/local-infra';
import { parse } from 'yaml';
import { dashboardJson, dashboards } from '../../infra/grafana/dashboards';
import { alertRules, CLUSTER_METRIC, GRAFANA_DIR, HOOK_METRIC, panelQueries, RULES_FILE } from '../../infra/grafana/queries';

const REPO = resolve(__dirname, '../..');
const PROM_TESTS = resolve(REPO, 'infra/prometheus/tests');

/** The operations code as committed: dashboards, alert rules and their tests, Alertmanager routing, runbooks. */
describe('operations as code', () => {
  let tools: PrometheusTools;
  const run = (bin: string, args: string[]) => spawnSync(bin, args, { cwd: REPO, encoding: 'utf8' });
  beforeAll(() => {
    tools = ensurePrometheusTools();
  });

  it('commits the dashboards exactly as infra/grafana/dashboards.ts builds them (npm run dashboards)', () => {
    const built = dashboards();
    expect(Object.keys(built).sort()).toEqual(['agency-performance', 'event-flow', 'job-fair-surge', 'platform-overview']);
    expect(
      readdirSync(GRAFANA_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(
      Object.keys(built)
        .map((n) => `${n}.json`)
        .sort(),
    );
    for (const [name, d] of Object.entries(built)) expect(readFileSync(resolve(GRAFANA_DIR, `${name}.json`), 'utf8')).toBe(dashboardJson(d));
    // The agency dashboard is per agency: a multi-value variable over the agency label.
    const agency = JSON.parse(readFileSync(resolve(GRAFANA_DIR, 'agency-performance.json'), 'utf8')).templating.list.find(
      (v: { name: string }) => v.name === 'agency',
    );
    expect(agency).toMatchObject({ type: 'query', multi: true, includeAll: true });
  });

  it('has valid rules, and every alert fires on its synthetic series and stays silent short of them (promtool test rules)', () => {
    const check = run(tools.promtool, ['check', 'rules', RULES_FILE]);
    expect(check.stdout + check.stderr).toContain('SUCCESS');
    expect(check.status).toBe(0);
    const tested = run(tools.promtool, ['test', 'rules', resolve(PROM_TESTS, 'serang.rules.test.yaml')]);
    expect(tested.stdout + tested.stderr).toContain('SUCCESS');
    expect(tested.status).toBe(0);
    // Each alert has a case where it fires and one where it is expected silent.
    const cases = (
      parse(readFileSync(resolve(PROM_TESTS, 'serang.rules.test.yaml'), 'utf8')) as {
        tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
      }
    ).tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const { alert } of alertRules(readFileSync(RULES_FILE, 'utf8'), parse)) {
      expect({ alert, fires: cases.some((c) => c.alertname === alert && c.exp_alerts.length > 0) }).toEqual({ alert, fires: true });
      expect({ alert, silent: cases.some((c) => c.alertname === alert && c.exp_alerts.length === 0) }).toEqual({ alert, silent: true });
    }
  });

  it('checks every cluster-only panel (pods, PostgreSQL, Kafka exporters) and the notification hook on synthetic series', () => {
    const offPlatform = panelQueries().filter((q) => CLUSTER_METRIC.test(q.expr) || HOOK_METRIC.test(q.expr));
    const synthetic = (
      parse(readFileSync(resolve(PROM_TESTS, 'cluster-panels.test.yaml'), 'utf8')) as { tests: Array<{ promql_expr_test: Array<{ expr: string }> }> }
    ).tests.flatMap((t) => t.promql_expr_test.map((e) => e.expr));
    expect([...new Set(offPlatform.map((q) => q.expr))].sort()).toEqual([...new Set(synthetic)].sort());
    const tested = run(tools.promtool, ['test', 'rules', resolve(PROM_TESTS, 'cluster-panels.test.yaml')]);
    expect(tested.stdout + tested.stderr).toContain('SUCCESS');
    expect(tested.status).toBe(0);
  });

  it('routes alerts with a valid example Alertmanager configuration (amtool check-config)', () => {
    const checked = run(tools.amtool, ['check-config', resolve(REPO, 'infra/alertmanager/alertmanager.example.yml')]);
    expect(checked.stdout + checked.stderr).toContain('SUCCESS');
    expect(checked.status).toBe(0);
  });

  it('gives every alert a runbook section in docs/operations.md', () => {
    const doc = readFileSync(resolve(REPO, 'docs/operations.md'), 'utf8');
    const anchors = new Set(
      [...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) =>
        m[1]
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const doc2 = parse(readFileSync(RULES_FILE, 'utf8')) as {
      groups: Array<{ rules: Array<{ alert?: string; annotations?: Record<string, string> }> }>;
    };
    for (const r of doc2.groups.flatMap((g) => g.rules).filter((x) => x.alert)) {
      const runbook = r.annotations?.runbook ?? '';
      expect({ alert: r.alert, runbook: runbook.startsWith('docs/operations.md#') }).toEqual({ alert: r.alert, runbook: true });
      expect({ alert: r.alert, section: anchors.has(runbook.split('#')[1]) }).toEqual({ alert: r.alert, section: true });
    }
  });
});
