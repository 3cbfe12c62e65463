import { gql } from '@serang/testing';

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
  published: { id: string; version: number; name: string; slaWorkingDays: number; acceptsApplications: boolean; retiredAt: string | null; fee: { amount: number; free: boolean } } | null;
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
