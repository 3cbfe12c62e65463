import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CHART, helm, isBuiltIn, KUBE_VERSIONS, PROFILES, REPO, render, validateStrict, valuesArgs, type K8sObject } from './chart';
import { allowedPairs, declaredPairs } from './network-flows';

const COMPONENTS = ['gateway', 'identity', 'catalogue', 'request', 'notification', 'analytics'];
const rendered = Object.fromEntries(Object.keys(PROFILES).map((p) => [p, render(p)]));
const kinds = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const podSpecs = (objects: K8sObject[]) =>
  [...kinds(objects, 'Deployment'), ...kinds(objects, 'Job')].map((o) => ({
    owner: `${o.kind}/${o.metadata.name}`,
    kind: o.kind,
    spec: o.spec.template.spec,
  }));
/** Helm's coalescing of values files: maps merge key by key, anything else is replaced. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const mergeValues = (a: any, b: any): any =>
  a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)
    ? Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, k in b ? mergeValues(a[k], b[k]) : a[k]]))
    : (b ?? a);
const containersOf = (spec: any) => [...(spec.initContainers ?? []), ...spec.containers]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the chart, statically (helm lint, Kubernetes schemas, policies)', () => {
  it('values.schema.json and the generated job-fair profile are what their generators write', () => {
    const schema = spawnSync('python3', [join(REPO, 'infra/k8s/values-schema.py'), '--check'], { encoding: 'utf8' });
    expect(schema.stderr).toBe('');
    expect(schema.status).toBe(0);
    const capacity = spawnSync(process.execPath, [join(REPO, 'scripts/run-ts.js'), 'scripts/capacity.ts', '--check'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(capacity.stderr).toBe('');
    expect(capacity.status).toBe(0);
  });

  it.each(Object.keys(PROFILES))('helm lint --strict passes for the %s profile', (profile) => {
    expect(helm(['lint', '--strict', CHART, ...valuesArgs(profile)])).toContain('0 chart(s) failed');
  });

  describe.each(Object.keys(PROFILES))('the %s profile', (profile) => {
    const { objects } = rendered[profile];
    it.each(KUBE_VERSIONS)('is valid, strictly, against the Kubernetes %s schemas', (version) => {
      expect(validateStrict(objects.filter(isBuiltIn), version)).toBe('');
    });

    it('runs every container non-root, read-only, without privileges, with requests and limits and a pinned image', () => {
      for (const { owner, spec } of podSpecs(objects)) {
        expect({ owner, pod: spec.securityContext }).toMatchObject({
          owner,
          pod: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        });
        expect({ owner, token: spec.automountServiceAccountToken }).toEqual({ owner, token: false });
        for (const c of containersOf(spec)) {
          const where = `${owner}/${c.name}`;
          expect({ where, sc: c.securityContext }).toMatchObject({
            where,
            sc: {
              runAsNonRoot: true,
              readOnlyRootFilesystem: true,
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              seccompProfile: { type: 'RuntimeDefault' },
            },
          });
          for (const k of ['requests', 'limits'])
            for (const r of ['cpu', 'memory'])
              expect({ where, [`${k}.${r}`]: c.resources?.[k]?.[r] }).toEqual({ where, [`${k}.${r}`]: expect.anything() });
          expect(c.image).toMatch(/^[^:@]+(:(?!latest$)[\w][\w.-]*|@sha256:[a-f0-9]{64})$/);
        }
      }
    });

    it('probes every Deployment on /health/live and /health/ready, with a preStop that fits the grace period', () => {
      const deployments = kinds(objects, 'Deployment');
      expect(deployments.map((d) => d.metadata.labels!['app.kubernetes.io/component']).sort()).toEqual([...COMPONENTS].sort());
      for (const d of deployments) {
        const spec = d.spec.template.spec;
        for (const c of spec.containers) {
          expect([c.livenessProbe.httpGet.path, c.readinessProbe.httpGet.path, c.startupProbe.httpGet.path]).toEqual([
            '/health/live',
            '/health/ready',
            '/health/live',
          ]);
          expect(c.lifecycle.preStop.sleep.seconds).toBeLessThan(spec.terminationGracePeriodSeconds - 10);
        }
        expect(d.metadata.labels).toMatchObject({
          'app.kubernetes.io/name': 'serang-tatu',
          'app.kubernetes.io/instance': 'serang',
          'app.kubernetes.io/part-of': 'serang-tatu',
          'app.kubernetes.io/managed-by': 'Helm',
        });
        expect(spec.topologySpreadConstraints?.length ?? 0).toBe(profile === 'dev' ? 0 : 2);
      }
    });

    it('denies by default every pod of the release, then allows exactly the flows declared in values', () => {
      const policies = kinds(objects, 'NetworkPolicy');
      const deny = policies.find((p) => p.metadata.name.endsWith('-default-deny'))!;
      expect(deny.spec).toEqual({
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'serang-tatu', 'app.kubernetes.io/instance': 'serang' } },
        policyTypes: ['Ingress', 'Egress'],
      });
      const values = ['values.yaml', ...PROFILES[profile]].map((f) => parseYaml(readFileSync(join(CHART, f), 'utf8'))).reduce(mergeValues);
      const allowed = allowedPairs(policies, values);
      expect(allowed).toEqual(declaredPairs(values));
      expect(allowed).toEqual(
        expect.arrayContaining([
          'ingressController→gateway',
          'ingressController→identity',
          'gateway→request',
          'request→identity',
          'notification→identity',
          'prometheus→analytics',
          'migrations→postgres',
          'analytics→dns',
        ]),
      );
      expect(allowed).not.toContain('catalogue→request');
      // Egress never opens a port to everywhere: each rule names its destinations.
      for (const p of policies)
        for (const rule of p.spec.egress ?? [])
          expect({ policy: p.metadata.name, to: rule.to?.length ?? 0 }).not.toEqual({ policy: p.metadata.name, to: 0 });
    });

    if (profile !== 'dev') {
      it('gives every Deployment a PodDisruptionBudget and an autoscaler (HPA, or KEDA for the consumers)', () => {
        const scaled = new Set(
          [...kinds(objects, 'HorizontalPodAutoscaler'), ...kinds(objects, 'ScaledObject')].map((h) => h.spec.scaleTargetRef.name),
        );
        const budgets = kinds(objects, 'PodDisruptionBudget').map((b) => b.spec.selector.matchLabels['app.kubernetes.io/component']);
        for (const d of kinds(objects, 'Deployment')) {
          expect({ d: d.metadata.name, scaled: scaled.has(d.metadata.name) }).toEqual({ d: d.metadata.name, scaled: true });
          expect(budgets).toContain(d.metadata.labels!['app.kubernetes.io/component']);
          expect(d.spec.replicas).toBeUndefined(); // the autoscaler owns it: an upgrade must not reset it
        }
      });
    }
  });

  it('runs migrations as a hook Job recreated on every install and upgrade (never an immutable plain Job)', () => {
    const job = kinds(rendered.prod.objects, 'Job')[0];
    expect(job.metadata.annotations).toMatchObject({
      'helm.sh/hook': 'post-install,pre-upgrade',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    expect(job.spec.template.spec.initContainers.map((c: { command: string[] }) => c.command.join(' '))).toEqual(
      ['identity', 'catalogue', 'request', 'notification', 'analytics'].map((s) => `node services/${s}/src/main.js --migrate`),
    );
  });

  it('takes every secret by reference: no Secret object is rendered, no secret value is in a manifest', () => {
    for (const { objects, text } of Object.values(rendered)) {
      expect(kinds(objects, 'Secret')).toEqual([]);
      expect(text).not.toMatch(/VAULT_MASTER_KEYS\s*[:=]\s*["']?\w+:/);
      for (const d of kinds(objects, 'Deployment')) {
        for (const e of d.spec.template.spec.containers[0].env) {
          if (/^(VAULT_MASTER_KEYS|BLIND_INDEX_KEY|PLATFORM_ADMIN_\w+|DATABASE_URL|SMTP_URL|AWS_\w+)$/.test(e.name))
            expect({ name: e.name, ref: !!e.valueFrom?.secretKeyRef }).toEqual({ name: e.name, ref: true });
        }
      }
    }
  });

  it("maps values to the processes' real variables", () => {
    const byName = (c: string) =>
      kinds(rendered.prod.objects, 'Deployment').find((d) => d.metadata.name === `serang-serang-tatu-${c}`)!.spec.template.spec.containers[0];
    const env = (c: string) => Object.fromEntries(byName(c).env.map((e: { name: string; value?: string }) => [e.name, e.value ?? '(secret)']));
    expect(env('gateway')).toMatchObject({
      PORT: '4000',
      HOST: '0.0.0.0',
      EVENT_BUS: 'kafka',
      KAFKA_BROKERS: 'serang-serang-tatu-kafka-kafka-bootstrap:9092',
      SUBGRAPH_REQUEST_URL: 'http://serang-serang-tatu-request:4103/graphql',
      TRUST_PROXY_HOPS: '1',
      DATABASE_URL: '(secret)',
    });
    expect(env('identity')).toMatchObject({
      VAULT_MASTER_KEYS: '(secret)',
      BLIND_INDEX_KEY: '(secret)',
      OIDC_ISSUER: 'https://layanan.serangkab.go.id/oidc',
      KAFKA_PARTITIONS: '6',
    });
    expect(env('request')).toMatchObject({
      UPLOADS_STORAGE: 's3',
      UPLOADS_S3_BUCKET: 'serang-documents',
      UPLOADS_S3_PREFIX: 'documents/',
      AWS_SECRET_ACCESS_KEY: '(secret)',
    });
    // Notification seals webhook secrets under the vault's master keys, and sends webhooks over https only.
    expect(env('notification')).toMatchObject({ VAULT_MASTER_KEYS: '(secret)', NOTIFICATION_WEBHOOK_ALLOW_HTTP: 'false' });
    expect(byName('request').command).toEqual(['node', 'services/request/src/main.js']);
    const config = kinds(rendered.prod.objects, 'ConfigMap').find((c) => c.metadata.name === 'serang-serang-tatu-config')!;
    expect(config.data).toEqual({
      TENANT: '3604',
      LOG_LEVEL: 'info',
      GRAPHQL_INTROSPECTION: 'false',
      JWT_ISSUER: 'serang-tatu',
      JWT_AUDIENCE: 'serang-tatu',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability:4318',
    });
  });

  it.each([
    [['--set', 'gateway.replicaz=2'], 'replicaz'],
    [['--set', 'image.tag=latest'], 'image.tag'],
    [['--set', 'config.LOG_LEVL=debug'], 'LOG_LEVL'],
    [['--set', 'request.config.UPLOADS_S3_BUCKET=x'], 'UPLOADS_S3_BUCKET'],
    [['--set', 'networkPolicy.flows[0].from[0]=nobody'], 'nobody'],
    [['--set', 'uploads.storage=filesystem'], 'one request replica'],
  ])('refuses %j (a typo, a secret or a bad value in values)', (args, needle) => {
    expect(() => render('prod', args)).toThrow(needle);
  });

  it('routes /graphql, /uploads and open data to the gateway and /oidc to identity (Ingress and HTTPRoute)', () => {
    const ingress = kinds(rendered.prod.objects, 'Ingress')[0];
    const paths = ingress.spec.rules[0].http.paths.map(
      (p: { path: string; backend: { service: { name: string } } }) => `${p.path}→${p.backend.service.name.replace('serang-serang-tatu-', '')}`,
    );
    expect(paths.sort()).toEqual(['/graphql→gateway', '/oidc→identity', '/open-data→gateway', '/uploads→gateway']);
    const route = kinds(rendered['prod-httproute'].objects, 'HTTPRoute')[0];
    expect(
      route.spec.rules.map(
        (r: { matches: Array<{ path: { value: string } }>; backendRefs: Array<{ name: string }> }) =>
          `${r.matches.map((m) => m.path.value).join(',')}→${r.backendRefs[0].name.replace('serang-serang-tatu-', '')}`,
      ),
    ).toEqual(['/graphql,/uploads,/open-data→gateway', '/oidc→identity']);
  });

  it('renders the optional dependencies only when enabled, and Kafka topics with the partitions from values', () => {
    const names = (objects: K8sObject[]) => [...new Set(objects.filter((o) => !isBuiltIn(o)).map((o) => o.kind))].sort();
    expect(names(rendered.dev.objects)).toEqual([]);
    expect(names(rendered.prod.objects)).toEqual([
      'Cluster',
      'Kafka',
      'KafkaNodePool',
      'KafkaTopic',
      'PrometheusRule',
      'ScaledObject',
      'ScheduledBackup',
      'ServiceMonitor',
    ]);
    const topics = kinds(rendered.prod.objects, 'KafkaTopic');
    expect(topics.map((t) => `${t.spec.topicName}:${t.spec.partitions}`).sort()).toEqual(
      ['catalogue', 'identity', 'request'].flatMap((c) => [`serang.${c}.events:6`, `serang.${c}.events.dlq:6`]).sort(),
    );
    expect(kinds(rendered.prod.objects, 'Cluster')[0].spec.backup.barmanObjectStore.destinationPath).toBe('s3://serang-backups/eventstore');
  });

  it("ships the operations issue's alert rules and dashboards from infra/, and whatever files are there", () => {
    // infra/prometheus/serang.rules.yaml becomes one PrometheusRule; each infra/grafana/*.json a dashboard ConfigMap.
    const alerts = (
      parseYaml(readFileSync(join(REPO, 'infra/prometheus/serang.rules.yaml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert?: string }> }> }
    ).groups
      .flatMap((g) => g.rules.map((r) => r.alert))
      .filter(Boolean);
    const [promRule] = kinds(rendered.prod.objects, 'PrometheusRule');
    expect(promRule.spec.groups.flatMap((g: { rules: Array<{ alert?: string }> }) => g.rules.map((r) => r.alert)).filter(Boolean)).toEqual(alerts);
    const dashboardMaps = kinds(rendered.prod.objects, 'ConfigMap').filter((c) => c.metadata.name.includes('-dashboard-'));
    expect(dashboardMaps.map((c) => Object.keys(c.data ?? {})[0]).sort()).toEqual([
      'agency-performance.json',
      'event-flow.json',
      'job-fair-surge.json',
      'platform-overview.json',
    ]);
    // With files in place (a copy of the chart, so the repository stays as it is), they are packaged.
    const copy = mkdtempSync(join(tmpdir(), 'serang-chart-'));
    try {
      cpSync(CHART, copy, { recursive: true, dereference: true });
      for (const d of ['prometheus', 'grafana']) {
        rmSync(join(copy, 'files', d), { recursive: true, force: true });
        mkdirSync(join(copy, 'files', d), { recursive: true });
      }
      writeFileSync(
        join(copy, 'files/prometheus/example.rules.yaml'),
        'groups:\n  - name: example\n    rules:\n      - alert: Example\n        expr: up == 0\n',
      );
      writeFileSync(join(copy, 'files/grafana/example.json'), '{"title": "Example"}\n');
      const text = helm(['template', 'serang', copy, ...valuesArgs('prod')]);
      const rule = text.split('\n---\n').find((d) => d.includes('kind: PrometheusRule'))!;
      expect(rule).toContain('alert: Example');
      expect(text).toContain('serang-serang-tatu-dashboard-example');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
