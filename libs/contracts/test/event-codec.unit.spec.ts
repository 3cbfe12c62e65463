import { create, createFileRegistry, type DescFile } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ContractViolationError,
  createEventCodec,
  decodeEvent,
  DuplicateEventTypeError,
  encodeEvent,
  EVENT_FILES,
  eventCodec,
  hasContract,
  contractTypes,
  UnknownEventTypeError,
} from '../src';
import { ApplicationSubmittedSchema } from '../src/gen/serang/request/v1/events_pb';

const submitted = {
  applicationId: '0190a1b2-0000-7000-8000-000000000001',
  trackingNumber: 'SRG-2025-000123',
  serviceId: 'svc-akta-kelahiran',
  serviceVersion: 3,
  agencyId: 'agency-disdukcapil',
  applicantId: 'person-0190a1b2',
  formCiphertext: 'v1.k1.Zm9ybQ==',
  documentIds: ['doc-1', 'doc-2', 'doc-3'],
  submittedAt: '2025-03-01T08:00:00.000Z',
  dueAt: '2025-03-08T08:00:00.000Z',
  status: 'SUBMITTED',
  documents: [
    { requirement: 'KTP', documentId: 'doc-1' },
    { requirement: 'KK', documentId: 'doc-2' },
    { requirement: 'SURAT_KETERANGAN_LAHIR', documentId: 'doc-3' },
  ],
  warnAt: '2025-03-07T01:00:00.000Z',
};

/** Field numbers actually present on the wire, read without the schema. */
function wireFieldNumbers(bytes: Uint8Array): number[] {
  const reader = new BinaryReader(bytes);
  const numbers: number[] = [];
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    numbers.push(fieldNo);
    reader.skip(wireType, fieldNo);
  }
  return numbers;
}

function fileWithMessage(name: string, pkg: string, message: string): DescFile {
  const proto = create(FileDescriptorProtoSchema, { name, package: pkg, syntax: 'proto3', messageType: [{ name: message }] });
  const file = createFileRegistry(proto, () => undefined).getFile(name);
  if (!file) throw new Error(`test file ${name} not built`);
  return file;
}

describe('eventCodec', () => {
  it('registers every message of the events.proto files under its name', () => {
    expect(contractTypes()).toEqual([
      'AgencyRegistered',
      'AgencySystemRegistered',
      'AgencySystemRevoked',
      'ApplicationCancelled',
      'ApplicationClaimed',
      'ApplicationResubmitted',
      'ApplicationSlaBreached',
      'ApplicationSlaWarningRaised',
      'ApplicationSubmitted',
      'ApplicationTransitioned',
      'CitizenRegistered',
      'ComplaintAnswered',
      'ComplaintClosed',
      'ComplaintFiled',
      'ComplaintForwarded',
      'ComplaintReferredToLapor',
      'ComplaintReopened',
      'ComplaintSlaBreached',
      'ComplaintSlaWarningRaised',
      'ComplaintTakenUp',
      'ComplaintVerified',
      'ConsultationClaimed',
      'ConsultationClosed',
      'ConsultationMessagePosted',
      'ConsultationOpened',
      'ConsultationRead',
      'Counted',
      'FeedbackCommented',
      'NotificationPreferencesSet',
      'OidcClientDisabled',
      'OidcClientRegistered',
      'PersonErased',
      'PersonProfileUpdated',
      'PersonalDataAccessed',
      'Poisonous',
      'ServiceDraftCreated',
      'ServiceDraftUpdated',
      'ServicePublished',
      'ServiceRetired',
      'SessionRevoked',
      'StaffAccountCreated',
      'StaffInvitationRenewed',
      'StaffInvitationRevoked',
      'StaffInvited',
      'SurveyAnswered',
      'WebhookReplayRequested',
      'WebhookSecretRotated',
      'WebhookSubscriptionCreated',
      'WebhookSubscriptionDisabled',
      'WebhookSubscriptionEnabled',
    ]);
    expect(hasContract('Counted')).toBe(true);
    expect(hasContract('NoSuchEvent')).toBe(false);
    expect(eventCodec.hasContract('ApplicationSubmitted')).toBe(true);
  });

  it('lists every generated events file, so none of its messages is left unregistered', () => {
    const genDir = join(__dirname, '../src/gen');
    const generated = readdirSync(genDir, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('events_pb.ts'))
      .map((path) =>
        relative(genDir, join(genDir, path))
          .replace(/_pb\.ts$/, '.proto')
          .split('\\')
          .join('/'),
      )
      .sort();
    expect(EVENT_FILES.map((file) => `${file.name}.proto`).sort()).toEqual(generated);
  });

  it.each([
    ['Counted', { n: 7, note: 'first run' }],
    ['Counted', { n: 0, note: '' }],
    ['Poisonous', { n: 3, poison: true }],
    ['Poisonous', { n: 0, poison: false }],
  ])('round-trips %s %j, zero values included', (type, data) => {
    const { bytes, schema } = encodeEvent(type, data);
    expect(schema).toBe(`serang.testing.v1.${type}`);
    expect(decodeEvent(type, bytes)).toEqual(data);
  });

  it('refuses an event type without a contract', () => {
    expect(() => encodeEvent('NoSuchEvent', {})).toThrow(UnknownEventTypeError);
    expect(() => decodeEvent('NoSuchEvent', new Uint8Array())).toThrow(
      expect.objectContaining({ reason: 'CONTRACTS.UNKNOWN_EVENT_TYPE', eventType: 'NoSuchEvent' }),
    );
  });

  it('refuses a field that is not in the contract', () => {
    const encode = () => encodeEvent('Counted', { n: 1, note: 'x', extra: true });
    expect(encode).toThrow(ContractViolationError);
    expect(encode).toThrow(expect.objectContaining({ reason: 'CONTRACTS.VIOLATION', message: expect.stringContaining('extra') }));
  });

  it.each([
    ['a string for an int32', 'Counted', { n: 'seven' }],
    ['a fraction for an int32', 'Counted', { n: 1.5 }],
    ['a number for a string', 'Counted', { n: 1, note: 5 }],
    ['a string for a bool', 'Poisonous', { poison: 'yes' }],
    ['a string for a repeated field', 'ApplicationSubmitted', { ...submitted, documentIds: 'doc-1' }],
    ['an array for the whole event', 'Counted', [1, 2]],
  ])('refuses %s', (_case, type, data) => {
    expect(() => encodeEvent(type, data)).toThrow(expect.objectContaining({ reason: 'CONTRACTS.VIOLATION' }));
  });

  it('keeps int32 and repeated fields of ApplicationSubmitted through the round trip', () => {
    const { bytes, schema } = encodeEvent('ApplicationSubmitted', submitted);
    expect(schema).toBe('serang.request.v1.ApplicationSubmitted');
    expect(decodeEvent('ApplicationSubmitted', bytes)).toEqual(submitted);
  });

  it('gives an int64 back as the number the event carried', () => {
    const transitioned = {
      applicationId: 'a-1',
      action: 'APPROVE',
      fromStatus: 'IN_REVIEW',
      toStatus: 'APPROVED',
      actorRole: 'OFFICER',
      noteCiphertext: '',
      version: 4,
      at: '2025-03-02T09:00:00.000Z',
      actorId: 'officer-1',
      outputReferenceCiphertext: '',
      dueAt: '2025-03-08T08:00:00.000Z',
      warnAt: '2025-03-07T01:00:00.000Z',
      pausedRemainingWorkingDays: 0,
      outcome: '',
    };
    expect(decodeEvent('ApplicationTransitioned', encodeEvent('ApplicationTransitioned', transitioned).bytes)).toEqual(transitioned);
  });

  it('puts no field on the wire that is not in the ApplicationSubmitted contract', () => {
    const { bytes } = encodeEvent('ApplicationSubmitted', submitted);
    const contractNumbers = ApplicationSubmittedSchema.fields.map((field) => field.number);
    expect(contractNumbers).toHaveLength(13);
    expect(new Set(wireFieldNumbers(bytes))).toEqual(new Set(contractNumbers));
    // Plaintext personal data cannot ride along under a name the contract lacks.
    expect(() => encodeEvent('ApplicationSubmitted', { ...submitted, applicantName: 'Siti Aminah' })).toThrow(ContractViolationError);
  });

  it('refuses bytes that are not a message of the type', () => {
    expect(() => decodeEvent('Counted', new Uint8Array([0xff, 0xff, 0xff]))).toThrow(ContractViolationError);
  });

  it('fails at load time when two packages declare the same message name', () => {
    const a = fileWithMessage('serang/a/v1/events.proto', 'serang.a.v1', 'Counted');
    const b = fileWithMessage('serang/b/v1/events.proto', 'serang.b.v1', 'Counted');
    expect(() => createEventCodec([a, b])).toThrow(DuplicateEventTypeError);
    expect(() => createEventCodec([...EVENT_FILES, b])).toThrow(
      expect.objectContaining({
        reason: 'CONTRACTS.DUPLICATE_EVENT_TYPE',
        schemas: ['serang.testing.v1.Counted', 'serang.b.v1.Counted'],
      }),
    );
  });
});
