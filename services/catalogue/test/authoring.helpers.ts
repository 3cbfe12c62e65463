import { createPool } from '@serang/db';
import {
  createTestDatabase,
  gql,
  startServiceProcess,
  startTestIssuer,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
} from '@serang/testing';
import { Pool } from 'pg';

/** GraphQL documents and small helpers the authoring tests share. */

export const MANAGED = `id code status revision name agency { id } retiredAt
  draft { version name nameId nameEn definitionJson savedAt }
  published { id version name slaWorkingDays acceptsApplications retiredAt fee { amount free } }`;

export const CREATE = `mutation($input: CreateServiceDraftInput!) { createServiceDraft(input: $input) { ${MANAGED} } }`;
export const UPDATE = `mutation($id: ID!, $input: UpdateServiceDraftInput!, $rev: Int) { updateServiceDraft(id: $id, input: $input, expectedRevision: $rev) { ${MANAGED} } }`;
export const PUBLISH = `mutation($id: ID!, $rev: Int) { publishService(id: $id, expectedRevision: $rev) { ${MANAGED} } }`;
export const RETIRE = `mutation($id: ID!, $rev: Int) { retireService(id: $id, expectedRevision: $rev) { ${MANAGED} } }`;

export interface Managed {
  id: string;
  code: string;
  status: string;
  revision: number;
  name: string;
  agency: { id: string };
  retiredAt: string | null;
  draft: { version: number; name: string; nameId: string; nameEn: string; definitionJson: string; savedAt: string } | null;
  published: {
    id: string;
    version: number;
    name: string;
    slaWorkingDays: number;
    acceptsApplications: boolean;
    retiredAt: string | null;
    fee: { amount: number; free: boolean };
  } | null;
}

export type Answer<T> = Awaited<ReturnType<typeof gql<T>>>;

/** The first error's code and reason, or 'ok'. */
export const outcome = (r: Answer<unknown>): string => (r.errors ? `${r.errors[0].extensions?.code}/${r.errors[0].extensions?.reason}` : 'ok');

export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Catalogue in its own process on its own database, a pool onto its event store, and `call` as
 * 'admin' or 'officer' (disnakertrans), 'otherAdmin' (dinsos), 'citizen', 'platform', or nobody.
 */
export async function startCatalogue(database: string, port: number) {
  let issuer: TestIssuer | undefined;
  let db: TestDatabase | undefined;
  let pg: Pool | undefined;
  let svc: RunningProcess | undefined;
  const stop = async () => {
    await svc?.stop();
    await pg?.end();
    await issuer?.close();
    await db?.drop();
  };
  try {
    issuer = await startTestIssuer();
    db = await createTestDatabase(database);
    pg = createPool({ connectionString: db.url, max: 2, name: 'test' });
    const sign = (sub: string, roles: string[], agency?: string) => issuer!.token({ sub, roles, agency });
    const tokens: Record<string, string> = {
      admin: await sign('admin-disnakertrans', ['AGENCY_ADMIN'], 'disnakertrans'),
      officer: await sign('officer-disnakertrans', ['OFFICER'], 'disnakertrans'),
      otherAdmin: await sign('admin-dinsos', ['AGENCY_ADMIN'], 'dinsos'),
      citizen: await sign('citizen-1', ['CITIZEN']),
      platform: await sign('platform-admin', ['PLATFORM_ADMIN']),
    };
    svc = await startServiceProcess(
      'services/catalogue/src/main.ts',
      { DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, LOG_LEVEL: 'warn' },
      port,
    );
    const url = svc.url;
    const call = <T = Record<string, Managed>>(who: string | null, query: string, variables: Record<string, unknown> = {}, lang = 'id') =>
      gql<T>(url, query, variables, { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), 'accept-language': lang });
    return { call, pg, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
