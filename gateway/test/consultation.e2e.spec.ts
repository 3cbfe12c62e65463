import { randomUUID } from 'node:crypto';
import { attachDocuments, testPort } from '@serang/testing';
import { PlatformWorld, type Person } from './fixtures/platform-world';

const THREAD = 'id status claimed lastSeq citizenReadSeq agencyReadSeq unread subject updatedAt';
type Thread = {
  id: string;
  status: string;
  claimed: boolean;
  lastSeq: number;
  citizenReadSeq: number;
  agencyReadSeq: number;
  unread: number;
  subject: string;
  updatedAt: string;
};
type Message = { id: string; seq: number; authorRole: string; mine: boolean; text: string | null; attachmentIds: string[] };
const MESSAGES = `query($t: ID!, $after: Int) { consultationMessages(threadId: $t, after: $after) { id seq authorRole mine text attachmentIds } }`;
const POST = `mutation($t: ID!, $m: ConsultationMessageInput!) { postConsultationMessage(threadId: $t, message: $m) { id seq authorRole } }`;

/**
 * A consultation through the gateway, as a phone on a poor connection makes it: the citizen opens a
 * thread about a service with a photo, resends a message whose answer was lost, polls for what is
 * new; the agency's officer claims and answers; both read receipts travel; the thread is closed
 * and still readable; another agency sees none of it.
 */
describe('consultation end to end (gateway, five services, default mode)', () => {
  const world = new PlatformWorld('store', testPort(5350));
  let siti: Person;
  let officer: Person;
  let foreign: Person;

  beforeAll(async () => {
    await world.start();
    siti = await world.citizen('Siti Nurhaliza');
    officer = await world.staff(['OFFICER'], 'disnakertrans', 'Budi Petugas');
    foreign = await world.staff(['OFFICER'], 'bapenda', 'Rina Bapenda');
  });
  afterAll(() => world.stop());

  it('runs a thread from question to closed answer', async () => {
    const [photo] = await attachDocuments(world.platform.urls.gateway, siti.token, [{ code: 'IJAZAH', image: true }]);
    const id = randomUUID();
    const opened = await world.call<{ openConsultation: Thread }>(
      `mutation($i: OpenConsultationInput!) { openConsultation(input: $i) { ${THREAD} } }`,
      {
        i: {
          id,
          serviceId: 'disnakertrans-ak1',
          subject: 'Ijazah hilang',
          message: { messageId: randomUUID(), text: 'Ijazah saya hilang, apakah surat keterangan cukup?', attachmentIds: [photo.documentId] },
        },
      },
      siti.token,
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openConsultation).toMatchObject({ id, status: 'OPEN', claimed: false, lastSeq: 1 });

    // The agency polls its unclaimed threads, claims this one and answers.
    const unclaimed = await world.until(async () => {
      const r = await world.call<{ consultations: Thread[] }>(
        `query { consultations(filter: { unclaimed: true }) { ${THREAD} } }`,
        {},
        officer.token,
      );
      return r.data?.consultations.find((t) => t.id === id);
    }, 'the agency sees the thread');
    expect(unclaimed).toMatchObject({ subject: 'Ijazah hilang', unread: 1 });
    expect((await world.call(`mutation($id: ID!) { claimConsultation(id: $id) { id } }`, { id }, officer.token)).errors).toBeUndefined();
    const answer = { messageId: randomUUID(), text: 'Cukup, lampirkan surat keterangan kehilangan dari kepolisian.' };
    expect(
      (await world.call<{ postConsultationMessage: { seq: number } }>(POST, { t: id, m: answer }, officer.token)).data!.postConsultationMessage.seq,
    ).toBe(2);

    // The citizen polls with the last number she has, gets only the answer, and marks it read.
    const fresh = await world.until(async () => {
      const r = await world.call<{ consultationMessages: Message[] }>(MESSAGES, { t: id, after: 1 }, siti.token);
      return r.data?.consultationMessages.length ? r.data.consultationMessages : undefined;
    }, 'the answer reaches the citizen');
    expect(fresh).toEqual([expect.objectContaining({ seq: 2, authorRole: 'OFFICER', mine: false, text: answer.text })]);
    expect(
      (
        await world.call<{ markConsultationRead: Thread }>(
          `mutation($id: ID!) { markConsultationRead(id: $id, upToSeq: 2) { ${THREAD} } }`,
          { id },
          siti.token,
        )
      ).data!.markConsultationRead,
    ).toMatchObject({ citizenReadSeq: 2, unread: 0 });

    // Her follow-up's answer is lost on the way; she resends it: it is posted once.
    const followUp = { messageId: randomUUID(), text: 'Terima kasih, saya kirim besok.' };
    const [a, b] = [
      await world.call<{ postConsultationMessage: { seq: number } }>(POST, { t: id, m: followUp }, siti.token),
      await world.call<{ postConsultationMessage: { seq: number } }>(POST, { t: id, m: followUp }, siti.token),
    ];
    expect([a.data!.postConsultationMessage.seq, b.data!.postConsultationMessage.seq]).toEqual([3, 3]);

    const closed = await world.call<{ closeConsultation: Thread }>(
      `mutation($id: ID!) { closeConsultation(id: $id) { ${THREAD} } }`,
      { id },
      officer.token,
    );
    expect(closed.data!.closeConsultation).toMatchObject({ status: 'CLOSED', lastSeq: 3 });
    const all = await world.until(async () => {
      const r = await world.call<{ consultationMessages: Message[] }>(MESSAGES, { t: id }, siti.token);
      return r.data?.consultationMessages.length === 3 ? r.data.consultationMessages : undefined;
    }, 'the closed thread stays readable');
    expect(all.map((m) => `${m.seq}:${m.authorRole}`)).toEqual(['1:CITIZEN', '2:OFFICER', '3:CITIZEN']);
    expect(all[0].attachmentIds).toEqual([photo.documentId]);
    expect((await world.call(POST, { t: id, m: { messageId: randomUUID(), text: 'Satu lagi' } }, siti.token)).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'CONSULTATION.CLOSED',
    });

    // Another agency: the thread does not exist for it.
    expect((await world.call(MESSAGES, { t: id }, foreign.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await world.call<{ consultations: Thread[] }>(`query { consultations { id } }`, {}, foreign.token)).data!.consultations).toEqual([]);
  });
});
