import type { ServiceDefinitionDocument } from '../src';

/** The document of docs/service-definitions.md: valid, and a fresh copy each time so tests can break it. */
export function validDefinition(): ServiceDefinitionDocument {
  const staff = ['OFFICER', 'AGENCY_ADMIN'] as const;
  return {
    schemaVersion: 1,
    descriptionId: 'Penerbitan kartu AK/1 bagi pencari kerja.',
    descriptionEn: 'Issues the AK/1 job-seeker card.',
    slaWorkingDays: 3,
    fee: { amount: 0, currency: 'IDR' },
    requiredDocuments: [
      {
        code: 'KTP',
        nameId: 'KTP',
        nameEn: 'Identity card',
        required: true,
        mediaTypes: ['application/pdf', 'image/jpeg', 'image/png'],
        maxBytes: 2_097_152,
      },
      { code: 'IJAZAH', nameId: 'Ijazah terakhir', nameEn: 'Latest diploma', required: false, mediaTypes: ['application/pdf'], maxBytes: 5_242_880 },
    ],
    form: {
      type: 'object',
      required: ['education', 'birthDate'],
      properties: {
        education: { type: 'string', enum: ['SD', 'SMP', 'SMA', 'S1'] },
        birthDate: { type: 'string', format: 'date' },
        age: { type: 'integer', minimum: 15 },
      },
      additionalProperties: false,
    },
    workflow: {
      states: [
        { code: 'SUBMITTED', nameId: 'Diajukan', nameEn: 'Submitted', start: true },
        { code: 'IN_REVIEW', nameId: 'Diperiksa', nameEn: 'In review', slaWorkingDays: 2 },
        { code: 'REVISION_REQUESTED', nameId: 'Perlu perbaikan', nameEn: 'Revision requested', needsCitizen: true },
        { code: 'APPROVED', nameId: 'Disetujui', nameEn: 'Approved', cancellable: false },
        { code: 'COMPLETED', nameId: 'Selesai', nameEn: 'Completed', terminal: true, outcome: 'COMPLETED' },
        { code: 'REJECTED', nameId: 'Ditolak', nameEn: 'Rejected', terminal: true, outcome: 'REJECTED' },
      ],
      actions: [
        { code: 'START_REVIEW', nameId: 'Mulai periksa', nameEn: 'Start review', from: ['SUBMITTED'], to: 'IN_REVIEW', roles: [...staff] },
        {
          code: 'REQUEST_REVISION',
          nameId: 'Minta perbaikan',
          nameEn: 'Request revision',
          from: ['IN_REVIEW'],
          to: 'REVISION_REQUESTED',
          roles: [...staff],
          requiresNote: true,
        },
        { code: 'RESUBMIT', nameId: 'Ajukan ulang', nameEn: 'Resubmit', from: ['REVISION_REQUESTED'], to: 'IN_REVIEW', roles: ['CITIZEN'] },
        { code: 'APPROVE', nameId: 'Setujui', nameEn: 'Approve', from: ['IN_REVIEW'], to: 'APPROVED', roles: [...staff] },
        {
          code: 'REJECT',
          nameId: 'Tolak',
          nameEn: 'Reject',
          from: ['SUBMITTED', 'IN_REVIEW'],
          to: 'REJECTED',
          roles: [...staff],
          requiresNote: true,
        },
        {
          code: 'COMPLETE',
          nameId: 'Selesaikan',
          nameEn: 'Complete',
          from: ['APPROVED'],
          to: 'COMPLETED',
          roles: [...staff, 'AGENCY_SYSTEM'],
          requiresOutputReference: true,
        },
      ],
    },
  };
}

export const REMOVE = Symbol('remove');

/**
 * The valid document with changes at dotted paths (`'workflow.actions.4.to': 'NOWHERE'`), in
 * ways the types would not allow; `REMOVE` deletes the key.
 */
export function broken(changes: Record<string, unknown>, base: unknown = validDefinition()): Record<string, unknown> {
  const doc = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let at = doc as Record<string, unknown>;
    for (const k of keys) at = at[k] as Record<string, unknown>;
    if (value === REMOVE) delete at[last];
    else at[last] = value;
  }
  return doc;
}
