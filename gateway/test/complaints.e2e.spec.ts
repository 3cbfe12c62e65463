import { testKafkaBrokers, testPort } from '@serang/testing';
import { Kafka, logLevel } from 'kafkajs';
import { PlatformWorld, type Person } from './fixtures/platform-world';

/** What the complainant writes: never in plain text on Kafka or in a table. */
const MARKER = 'Pungutan-liar-K7W';
const NAME = 'Sumiati Rahayu';

interface ComplaintOut {
  id: string;
  status: string;
  version: number;
  complainantLabel: string;
  complainantId: string | null;
  text: string | null;
  answer: string | null;
  availableActions: string[];
}
const FIELDS = 'id status version complainantLabel complainantId text answer availableActions';

/**
 * Complaints through the gateway as clients make them, in Kafka mode (the complaint events cross
 * the broker as protobuf to notification): a named complaint reaches its complainant's inbox at
 * every status; an anonymous one travels triage → the wrong agency → the right one → answer →
 * reopen → close, and no officer-facing answer, Kafka message or service log names who filed it.
 */
describe('complaints journey (gateway, five services, Kafka mode)', () => {
  const world = new PlatformWorld('kafka', testPort(4860));
  let citizen: Person & { nik: string };
  let dpupr: Person;
  let dinsos: Person;

  beforeAll(async () => {
    await world.start();
    citizen = await world.citizen(NAME);
    dpupr = await world.staff(['OFFICER'], 'dpupr', 'Petugas PUPR');
    dinsos = await world.staff(['OFFICER'], 'dinsos', 'Petugas Dinsos');
  }, 240_000);
  afterAll(() => world.stop());

  const act = (token: string, id: string, action: string, v: number, extra: { agencyId?: string; text?: string } = {}) =>
    world.call<{ transitionComplaint: ComplaintOut }>(
      `mutation($id: ID!, $a: String!, $v: Int!, $g: String, $t: String) { transitionComplaint(id: $id, action: $a, expectedVersion: $v, agencyId: $g, text: $t) { ${FIELDS} } }`,
      { id, a: action, v, g: extra.agencyId, t: extra.text },
      token,
    );
  const file = (input: Record<string, unknown>) =>
    world.call<{ fileComplaint: ComplaintOut }>(
      `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { ${FIELDS} } }`,
      {
        i: { idempotencyKey: `k-${Math.random()}`, ...input },
      },
      citizen.token,
    );
  const inbox = async () =>
    (
      await world.call<{ myNotifications: { items: Array<{ kind: string; link: string; complaintId: string | null }> } }>(
        '{ myNotifications(first: 50) { items { kind link complaintId } } }',
        {},
        citizen.token,
      )
    ).data!.myNotifications.items;

  let anonymous: ComplaintOut;

  it('a named complaint: every status reaches the complainant’s inbox', async () => {
    const named = (await file({ categoryCode: 'PELAYANAN_PUBLIK', text: 'Antrean loket terlalu lama', agencyId: 'dpupr' })).data!.fileComplaint;
    await act(world.admin.token, named.id, 'VERIFY', 1);
    await act(world.admin.token, named.id, 'FORWARD', 2);
    await world.until(async () => (await act(dpupr.token, named.id, 'TAKE_UP', 3)).data?.transitionComplaint, 'taken up');
    await act(dpupr.token, named.id, 'ANSWER', 4, { text: 'Loket tambahan dibuka.' });
    const kinds = await world.until(async () => {
      const items = (await inbox()).filter((n) => n.complaintId === named.id);
      return items.length >= 5 ? items.map((n) => n.kind).sort() : undefined;
    }, 'five complaint notifications');
    expect(kinds).toEqual(['COMPLAINT_ANSWERED', 'COMPLAINT_FORWARDED', 'COMPLAINT_IN_PROGRESS', 'COMPLAINT_RECEIVED', 'COMPLAINT_VERIFIED']);
    expect((await inbox()).find((n) => n.complaintId === named.id)!.link).toMatch(new RegExp(`/complaints/${named.id}$`));
  });

  it('an anonymous complaint goes through the wrong door to the right agency, answered, reopened once, closed', async () => {
    anonymous = (await file({ categoryCode: 'PUNGLI', text: `Diminta uang di loket ${MARKER}`, agencyId: 'dpupr', anonymous: true })).data!
      .fileComplaint;
    expect(anonymous).toMatchObject({ status: 'RECEIVED', complainantId: null, text: `Diminta uang di loket ${MARKER}` });
    await act(world.admin.token, anonymous.id, 'VERIFY', 1);
    await act(world.admin.token, anonymous.id, 'FORWARD', 2);
    const queue = await world.until(async () => {
      const q = await world.call<{ complaintQueue: Array<{ id: string; complainantLabel: string; complainantId: string | null }> }>(
        '{ complaintQueue { id complainantLabel complainantId } }',
        {},
        dpupr.token,
      );
      return q.data?.complaintQueue.find((c) => c.id === anonymous.id);
    }, 'in the dpupr queue');
    expect(queue).toEqual({ id: anonymous.id, complainantLabel: anonymous.complainantLabel, complainantId: null });
    const read = await world.call<{ complaint: ComplaintOut & { complainant?: unknown } }>(
      `query($id: ID!) { complaint(id: $id) { ${FIELDS} } }`,
      { id: anonymous.id },
      dpupr.token,
    );
    expect(JSON.stringify(read)).not.toContain(citizen.id);
    expect(read.data!.complaint.availableActions).toEqual(['FORWARD', 'TAKE_UP']);
    await act(dpupr.token, anonymous.id, 'FORWARD', 3, { agencyId: 'dinsos', text: 'Bukan kewenangan PUPR' });
    await world.until(async () => (await act(dinsos.token, anonymous.id, 'TAKE_UP', 4)).data?.transitionComplaint, 'taken up by dinsos');
    const answered = (await act(dinsos.token, anonymous.id, 'ANSWER', 5, { text: 'Petugas loket sudah dibina.' })).data!.transitionComplaint;
    expect(JSON.stringify(answered)).not.toContain(citizen.id);
    const reopened = (await act(citizen.token, anonymous.id, 'REOPEN', 6, { text: 'Masih terjadi' })).data!.transitionComplaint;
    expect(reopened.status).toBe('IN_PROGRESS');
    await act(dinsos.token, anonymous.id, 'ANSWER', 7, { text: 'Petugas diganti.' });
    expect((await act(citizen.token, anonymous.id, 'REOPEN', 8)).errors![0].extensions!.reason).toBe('COMPLAINT.REOPEN_NOT_ALLOWED');
    const closed = (await act(citizen.token, anonymous.id, 'CLOSE', 8)).data!.transitionComplaint;
    expect(closed.status).toBe('CLOSED');
    // The citizen's list is a read model: it catches up.
    await world.until(async () => {
      const mine = await world.call<{ myComplaints: Array<{ id: string; status: string }> }>('{ myComplaints { id status } }', {}, citizen.token);
      return mine.data?.myComplaints.some((c) => c.id === anonymous.id && c.status === 'CLOSED') || undefined;
    }, 'closed in myComplaints');
  });

  it('no Kafka message, service log or officer notification about the anonymous complaint names its complainant', async () => {
    const kafka = new Kafka({ clientId: 'anonymity-scan', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const topic = `${world.env.KAFKA_NAMESPACE}.request.events`;
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${world.env.KAFKA_NAMESPACE}.`));
    expect(topics).toContain(topic);
    const total = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: `anonymity-scan-${Date.now()}` });
    const about: string[] = [];
    let seen = 0;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen += 1;
        const text = Buffer.concat([
          message.key ?? Buffer.alloc(0),
          message.value ?? Buffer.alloc(0),
          ...Object.values(message.headers ?? {}).map((h) => (Buffer.isBuffer(h) ? h : Buffer.from(String(h)))),
        ]).toString('latin1');
        if (text.includes(anonymous.id) || text.includes(anonymous.complainantLabel)) about.push(text);
        // The complainant's words are never on the broker in plain text, named or not.
        expect(text).not.toContain(MARKER);
      },
    });
    await world.until(async () => seen >= total, `${total} request messages read`, 30_000);
    await consumer.disconnect();
    // FILE, VERIFY, FORWARD, FORWARD, TAKE_UP, ANSWER, REOPEN, ANSWER, CLOSE, and the audit entries of staff reads.
    expect(about.length).toBeGreaterThanOrEqual(9);
    for (const message of about) {
      expect(message).not.toContain(citizen.id);
      expect(message).not.toContain(citizen.nik);
      expect(message).not.toContain(NAME);
    }
    const logs = world.logs.filter((l) => l.includes(anonymous.id) || l.includes(anonymous.complainantLabel));
    for (const line of logs) expect(line).not.toContain(citizen.id);
    expect(world.logs.some((l) => l.includes(MARKER))).toBe(false);
    // Officers hear nothing that could name anyone; the anonymous complainant's own inbox gets nothing either (docs/complaints.md).
    expect((await inbox()).some((n) => n.complaintId === anonymous.id)).toBe(false);
  });
});
