import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The chart's tests share these: the tools scripts/test-k8s.js prepared, rendering, parsing. */
export const REPO = resolve(__dirname, '../../..');
export const CHART = resolve(REPO, 'charts/serang-tatu');
export const BIN = required('SERANG_K8S_BIN');
export const PY_BIN = required('SERANG_PY_BIN');
export const CRDS = required('SERANG_K8S_CRDS');
export const HELM = join(BIN, 'helm');

/** Kubernetes releases the rendered manifests must be valid for: 1.37 and the chart's kubeVersion floor. */
export const KUBE_VERSIONS = ['1.37.0', '1.30.0'];

/** Each profile as it is installed: values files layered in order. */
export const PROFILES: Record<string, string[]> = {
  dev: ['values-dev.yaml'],
  prod: ['values-prod.yaml'],
  jobfair: ['values-prod.yaml', 'values-jobfair.yaml'],
  // The Gateway API instead of an Ingress, so the HTTPRoute is rendered and validated too.
  'prod-httproute': ['values-prod.yaml', 'values-httproute.yaml'],
};

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are checked field by field
  data?: Record<string, string>;
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run these tests with \`npm run test:k8s\`, which prepares the tools`);
  return v;
}

export function valuesArgs(profile: string): string[] {
  const files = PROFILES[profile];
  if (!files) throw new Error(`unknown profile ${profile}`);
  return files.flatMap((f) => ['-f', join(CHART, f)]);
}

/** `helm <args>`; throws with helm's own message on failure. */
export function helm(args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(HELM, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`helm ${args.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout.slice(-2000)}`);
  return r.stdout;
}

/** The manifests of a profile as `helm template` renders them (hooks included), as text and objects. */
export function render(profile: string, extra: string[] = [], release = 'serang'): { text: string; objects: K8sObject[] } {
  const text = helm(['template', release, CHART, '--namespace', `serang-${profile}`, ...valuesArgs(profile), ...extra]);
  return { text, objects: parse(text) };
}

export function parse(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => !!o && typeof o === 'object' && 'kind' in o);
}

/** Objects of the Kubernetes API itself, which kubernetes-validate knows; the others are custom resources. */
export function isBuiltIn(o: K8sObject): boolean {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return group === '' || !group.includes('.') || (group.endsWith('.k8s.io') && !group.startsWith('gateway.networking'));
}

/** kubernetes-validate --strict against one release's schemas: '' when valid, its report otherwise. */
export function validateStrict(objects: K8sObject[], version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'serang-validate-'));
  const file = join(dir, 'manifests.yaml');
  writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n---\n'));
  const r = spawnSync(join(PY_BIN, 'kubernetes-validate'), ['-k', version, '--strict', '--quiet', file], { encoding: 'utf8' });
  return r.status === 0 ? '' : `${r.stdout}${r.stderr}`;
}

export function kubectl(kubeconfig: string, args: string[], input?: string): string {
  return execFileSync('kubectl', ['--kubeconfig', kubeconfig, ...args], {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}
