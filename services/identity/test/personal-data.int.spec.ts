import { IdentityWorld, type Auth } from './fixtures/identity-world';
import { testPort } from '@serang/testing';

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id roles name maskedNik email phone } } }`;
const REVEAL = `mutation($id: ID!, $reason: String!) { revealPersonalData(subjectId: $id, reason: $reason) { subjectId nik name email phone address birthDate } }`;
const LOG = `query($f: PersonalDataAccessFilter) { personalDataAccessLog(filter: $f) { id at subjectId actorId actorRole actorAgencyId service purpose fields reason } }`;
const ME = `{ me { id name email phone address birthDate maskedNik } }`;

type Log = {
  personalDataAccessLog: Array<{
    subjectId: string;
    actorId: string;
    actorRole: string;
    actorAgencyId?: string;
    purpose: string;
    fields: string[];
    reason?: string;
  }>;
};

describe('personal data: masked, revealed with a reason, audited, updated and erased (identity process, real PostgreSQL)', () => {
  const world = new IdentityWorld(testPort(4983));
  let siti: Awaited<ReturnType<IdentityWorld['citizen']>>;
  let officer: Auth;
  let otherOfficer: Auth;

  beforeAll(async () => {
    await world.start();
    siti = await world.citizen('Siti Aminah');
    officer = await world.staffMember(world.admin, ['OFFICER'], 'dinsos', 'Petugas Dinsos');
    otherOfficer = await world.staffMember(world.admin, ['OFFICER'], 'bapenda', 'Petugas Bapenda');
    await world.applied(siti.user.id, 'dinsos');
  });
  afterAll(() => world.stop());

  const entity = (id: string, as: Auth) =>
    world.call<{ _entities: Array<Record<string, unknown>> }>(ENTITIES, { reps: [{ __typename: 'User', id }] }, as);

  it('shows an officer of an agency the person applied to their name and masked NIK only, and audits it', async () => {
    const seen = await entity(siti.user.id, officer);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!._entities[0]).toEqual({
      id: siti.user.id,
      roles: ['CITIZEN'],
      name: 'Siti Aminah',
      maskedNik: `3604********${siti.nik.slice(12)}`,
      email: null,
      phone: null,
    });
    await world.until(
      async () =>
        (await world.pool.query(`select 1 from identity.personal_data_access_log where subject_id = $1 and purpose = 'VIEW_SUMMARY'`, [siti.user.id]))
          .rowCount === 1,
      'view audited',
    );
  });

  it('shows an officer of another agency nothing of the person', async () => {
    const seen = await entity(siti.user.id, otherOfficer);
    expect(seen.data!._entities[0]).toMatchObject({ id: siti.user.id, name: null, maskedNik: null });
    const reveal = await world.call(REVEAL, { id: siti.user.id, reason: 'Ingin tahu saja, tanpa permohonan' }, otherOfficer);
    expect(reveal.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('unmasks everything only with a stated reason, writes the reason to the trail, and the citizen sees who looked', async () => {
    const noReason = await world.call(REVEAL, { id: siti.user.id, reason: 'cek' }, officer, 'en');
    expect(noReason.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { reason: 'State why you open the personal data (at least 10 characters).' },
    });
    const reason = 'Verifikasi DTKS permohonan Siti';
    const revealed = await world.call<{ revealPersonalData: Record<string, string | null> }>(REVEAL, { id: siti.user.id, reason }, officer);
    expect(revealed.data?.revealPersonalData).toEqual({
      subjectId: siti.user.id,
      nik: siti.nik,
      name: 'Siti Aminah',
      email: siti.email,
      phone: '+6281234567890',
      address: null,
      birthDate: null,
    });

    const byAdmin = await world.call<Log>(LOG, { f: { subjectId: siti.user.id } }, world.admin);
    await world.until(
      async () => ((await world.call<Log>(LOG, { f: { subjectId: siti.user.id } }, world.admin)).data?.personalDataAccessLog.length ?? 0) >= 2,
      'both reads in the log',
    );
    const log = (await world.call<Log>(LOG, { f: { subjectId: siti.user.id } }, world.admin)).data!.personalDataAccessLog;
    expect(byAdmin.errors).toBeUndefined();
    expect(log[0]).toMatchObject({
      actorId: officer.user.id,
      actorRole: 'OFFICER',
      actorAgencyId: 'dinsos',
      purpose: 'REVEAL',
      reason,
      fields: expect.arrayContaining(['nik', 'email', 'phone']),
    });
    expect(log[1]).toMatchObject({ purpose: 'VIEW_SUMMARY', fields: ['name', 'nikMasked'] });
    // The citizen reads the trail of their own data, reasons included; nobody else's.
    const own = await world.call<Log>(LOG, { f: { subjectId: officer.user.id } }, siti);
    expect(own.data!.personalDataAccessLog.map((e) => e.subjectId)).toEqual([siti.user.id, siti.user.id]);
    expect((await world.call(LOG, {}, officer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The reason is personal (it may name the person): only a ciphertext is stored.
    const stored = await world.pool.query(`select data::text as t from eventstore.events where type = 'PersonalDataAccessed'`);
    expect(stored.rows.map((r: { t: string }) => r.t).join()).not.toContain('Verifikasi');
  });

  it('lets the person change their profile; another account e-mail is refused; the NIK stays', async () => {
    const updated = await world.call<{ updateProfile: Record<string, string> }>(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { name phone address birthDate maskedNik } }`,
      { input: { phone: '+62 857-1111-2222', address: 'Kp. Cikande RT 01/02, Desa Cikande, Kec. Cikande', birthDate: '1990-05-05' } },
      siti,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateProfile).toMatchObject({
      name: 'Siti Aminah',
      phone: '+6285711112222',
      address: 'Kp. Cikande RT 01/02, Desa Cikande, Kec. Cikande',
      birthDate: '1990-05-05',
    });
    const bad = await world.call(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`,
      { input: { birthDate: '2999-01-01', phone: '12' } },
      siti,
    );
    expect(Object.keys((bad.errors?.[0].extensions?.fields ?? {}) as object).sort()).toEqual(['birthDate', 'phone']);
    const other = await world.citizen('Budi');
    const taken = await world.call(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`,
      { input: { email: other.email } },
      siti,
    );
    expect(taken.errors?.[0].extensions?.code).toBe('CONFLICT');
    const moved = await world.call(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { email } }`,
      { input: { email: 'siti.baru@example.id' } },
      siti,
    );
    expect(moved.data).toEqual({ updateProfile: { email: 'siti.baru@example.id' } });
    expect((await world.login('siti.baru@example.id', siti.password)).user.id).toBe(siti.user.id);
    await expect(world.login(siti.email, siti.password)).rejects.toThrow(); // the old address no longer signs in
  });

  it('erases a citizen: their data is unreadable everywhere, the history replays, the NIK may register again', async () => {
    const wrong = await world.call(`mutation { eraseMyData(input: { password: "bukan-sandinya-1" }) }`, {}, siti);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const staffTry = await world.call(`mutation { eraseMyData(input: { password: "Petugas-kuat-2026" }) }`, {}, officer);
    expect(staffTry.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const erased = await world.call(`mutation($p: String!) { eraseMyData(input: { password: $p }) }`, { p: siti.password }, siti);
    expect(erased.data).toEqual({ eraseMyData: true });
    expect((await world.call(ME, {}, siti)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await expect(world.login('siti.baru@example.id', siti.password)).rejects.toThrow();

    // The key is gone; the events are all still there, and still only ciphertexts.
    const key = await world.pool.query(`select wrapped_key, destroyed_at from identity.person_keys where person_id = $1`, [siti.user.id]);
    expect(key.rows[0]).toMatchObject({ wrapped_key: null, destroyed_at: expect.any(Date) });
    const history = await world.pool.query(`select type from eventstore.events where stream_id = $1 order by revision`, [`person-${siti.user.id}`]);
    expect(history.rows.map((r: { type: string }) => r.type)).toEqual([
      'CitizenRegistered',
      'PersonProfileUpdated',
      'PersonProfileUpdated',
      ...history.rows.slice(3, -1).map(() => 'SessionRevoked'),
      'PersonErased',
    ]);
    await world.until(
      async () =>
        (await world.pool.query(`select 1 from identity.persons where id = $1 and status = 'ERASED' and nik_ciphertext is null`, [siti.user.id]))
          .rowCount === 1,
      'read model erased',
    );
    expect((await world.pool.query(`select count(*) as n from identity.blind_indexes where person_id = $1`, [siti.user.id])).rows[0].n).toBe('0');

    // Officers see nobody; the trail keeps the reads, without the reason that went with the person.
    expect((await entity(siti.user.id, officer)).data!._entities[0]).toMatchObject({ name: null, maskedNik: null });
    const log = (await world.call<Log>(LOG, { f: { subjectId: siti.user.id } }, world.admin)).data!.personalDataAccessLog;
    expect(log.find((e) => e.purpose === 'REVEAL')).toMatchObject({ actorId: officer.user.id, reason: null });

    const again = await world.call<{ registerCitizen: Auth }>(
      `mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { user { id } } }`,
      { input: { nik: siti.nik, name: 'Siti Aminah', email: 'siti.lagi@example.id', phone: '0812 3456 7890', password: 'rahasia-Warga-2027' } },
    );
    expect(again.errors).toBeUndefined();
    expect(again.data!.registerCitizen.user.id).not.toBe(siti.user.id);
  });

  it('lets a platform admin erase a person on request, and nobody else', async () => {
    const budi = await world.citizen('Budi Santoso');
    expect((await world.call(`mutation($id: ID!) { erasePerson(subjectId: $id) }`, { id: budi.user.id }, officer)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await world.call(`mutation($id: ID!) { erasePerson(subjectId: $id) }`, { id: budi.user.id }, world.admin)).data).toEqual({
      erasePerson: true,
    });
    const reasons = await world.pool.query(
      `select data->>'reason' as reason, metadata->'actor'->>'id' as actor from eventstore.events where stream_id = $1 and type = 'PersonErased'`,
      [`person-${budi.user.id}`],
    );
    expect(reasons.rows).toEqual([{ reason: 'ADMIN_REQUEST', actor: world.admin.user.id }]);
  });
});
