import { PlatformWorld, type Person } from './fixtures/platform-world';
import { testPort } from '@serang/testing';

const APPLICATION = `query($id: ID!) { application(id: $id) {
  id status statusName version closed dueAt slaPaused outputReference
  timeline { status action actorRole note }
  availableActions { code requiresNote requiresOutputReference }
  applicant { id name maskedNik }
  service { id version name agency { id } }
} }`;

type View = {
  id: string;
  status: string;
  statusName: string;
  version: number;
  closed: boolean;
  dueAt: string | null;
  slaPaused: boolean;
  outputReference: string | null;
  timeline: Array<{ status: string; action: string; actorRole: string; note: string | null }>;
  availableActions: Array<{ code: string; requiresNote: boolean; requiresOutputReference: boolean }>;
  applicant: { id: string; name: string | null; maskedNik: string | null } | null;
  service: { id: string; version: number; name: string; agency: { id: string } };
};

const AK1_FORM = {
  education: 'SMK',
  major: 'Teknik Pengelasan',
  graduationYear: 2023,
  skills: 'Pengelasan SMAW',
  desiredPosition: 'Juru las',
  maritalStatus: 'BELUM_KAWIN',
  heightCm: 168,
  weightKg: 60,
  phone: '081234567890',
};
const PBB_FORM = { nop: '360401000100200300', taxpayerName: 'Hj. Aminah', taxYears: [2024, 2025], purpose: 'JUAL_BELI', phone: '081234567890' };
const RESEARCH_FORM = {
  researcherType: 'MAHASISWA_S1',
  institution: 'Universitas Sultan Ageng Tirtayasa',
  researchTitle: 'Pengaruh layanan digital terhadap kepuasan masyarakat di Kecamatan Cikande',
  method: 'KUANTITATIF',
  locations: ['CIKANDE'],
  startDate: '2027-01-04',
  endDate: '2027-03-31',
  teamSize: 1,
  phone: '081234567890',
};

/**
 * Journeys through the gateway, as clients make them: a citizen applies to three seeded services
 * with real documents; officers invited by e-mail claim and decide; one runs a revision loop;
 * the agency's own system completes one with the number of what it issued.
 */
describe('applications end to end (gateway, five services, default mode)', () => {
  const world = new PlatformWorld('store', testPort(4660));
  let siti: Awaited<ReturnType<PlatformWorld['citizen']>>;

  beforeAll(async () => {
    await world.start();
    siti = await world.citizen('Siti Nurhaliza');
  });
  afterAll(() => world.stop());

  const view = async (id: string, who: Person, lang?: string) => {
    const r = await world.call<{ application: View }>(APPLICATION, { id }, who.token, lang);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data?.application;
  };

  it('AK/1 job-seeker card: revision requested, corrected, approved, issued by the agency system', async () => {
    const officer = await world.staff(['OFFICER'], 'disnakertrans', 'Budi Petugas');
    const system = await world.agencySystem('disnakertrans', 'SIAPkerja Disnakertrans');
    const submitted = await world.submit(siti, 'disnakertrans-ak1', AK1_FORM);
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitApplication.id;

    // The officer sees who applied (name, masked NIK) once identity learns of the application.
    const seen = await world.until(async () => {
      const v = await view(id, officer);
      return v?.applicant?.name ? v : undefined;
    }, 'identity knows the applicant has business with Disnakertrans');
    expect(seen.applicant).toEqual({ id: siti.id, name: 'Siti Nurhaliza', maskedNik: `3604********${siti.nik.slice(12)}` });
    expect(seen.service).toMatchObject({ id: 'disnakertrans-ak1', version: 1, agency: { id: 'disnakertrans' } });

    let v = (await world.act(officer, id, 'CLAIM', 1)).data!.transitionApplication;
    v = (await world.act(officer, id, 'START_VERIFICATION', v.version)).data!.transitionApplication;
    v = (await world.act(officer, id, 'REQUEST_REVISION', v.version, { note: 'Pas foto harus berlatar merah' })).data!.transitionApplication;
    const waiting = (await view(id, siti))!;
    expect(waiting).toMatchObject({ status: 'REVISION_REQUESTED', slaPaused: true, dueAt: null });
    expect(waiting.timeline.at(-1)).toMatchObject({ action: 'REQUEST_REVISION', note: 'Pas foto harus berlatar merah' });

    const { attachDocuments } = await import('@serang/testing');
    const photo = await attachDocuments(world.platform.urls.gateway, siti.token, [{ code: 'PAS_FOTO', image: true }]);
    const mine = await world.call<{ application: { documents: Array<{ requirement: string; documentId: string }> } }>(
      `query($id: ID!) { application(id: $id) { documents { requirement documentId } } }`,
      { id },
      siti.token,
    );
    const documents = mine.data!.application.documents.map((d) => (d.requirement === 'PAS_FOTO' ? photo[0] : d));
    const resubmitted = await world.call<{ resubmitApplication: { status: string; version: number } }>(
      `mutation($id: ID!, $i: ResubmitApplicationInput!) { resubmitApplication(id: $id, input: $i) { status version } }`,
      { id, i: { formData: JSON.stringify(AK1_FORM), documents } },
      siti.token,
    );
    expect(resubmitted.data!.resubmitApplication.status).toBe('VERIFYING');

    v = (await world.act(officer, id, 'APPROVE', resubmitted.data!.resubmitApplication.version)).data!.transitionApplication;
    const issued = await world.act(system, id, 'COMPLETE', v.version, { outputReference: 'AK1/3604/2026/000777' });
    expect(issued.errors).toBeUndefined();
    const done = (await view(id, siti, 'en'))!;
    expect(done).toMatchObject({ status: 'COMPLETED', statusName: 'AK/1 card issued', closed: true, outputReference: 'AK1/3604/2026/000777' });
    expect(done.timeline.map((t) => `${t.action}:${t.actorRole}`)).toEqual([
      'SUBMIT:CITIZEN',
      'CLAIM:OFFICER',
      'START_VERIFICATION:OFFICER',
      'REQUEST_REVISION:OFFICER',
      'RESUBMIT:CITIZEN',
      'APPROVE:OFFICER',
      'COMPLETE:AGENCY_SYSTEM',
    ]);

    // Anyone with the tracking number sees the steps and their times, nothing else.
    const tracked = await world.call<{ trackApplication: { status: string; timeline: Array<{ status: string }> } }>(
      `query($n: String!) { trackApplication(trackingNumber: $n) { status timeline { status } } }`,
      { n: submitted.data!.submitApplication.trackingNumber },
    );
    await world.until(async () => {
      const r = await world.call<{ trackApplication: { status: string } }>(`query($n: String!) { trackApplication(trackingNumber: $n) { status } }`, {
        n: submitted.data!.submitApplication.trackingNumber,
      });
      return r.data?.trackApplication.status === 'COMPLETED';
    }, 'tracking caught up');
    expect(tracked.errors).toBeUndefined();
  });

  it('PBB certificate at Bapenda: rejected with a reason the citizen reads; another agency and another citizen see nothing', async () => {
    const bapenda = await world.staff(['OFFICER'], 'bapenda', 'Rina Bapenda');
    const disnaker = await world.staff(['OFFICER'], 'disnakertrans', 'Andi Disnaker');
    const other = await world.citizen('Ahmad Fauzi');
    const id = (await world.submit(siti, 'bapenda-pbb-certificate', PBB_FORM)).data!.submitApplication.id;

    expect((await world.call(APPLICATION, { id }, disnaker.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await world.call(APPLICATION, { id }, other.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await world.act(disnaker, id, 'CLAIM', 1)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const claimed = (await world.act(bapenda, id, 'CLAIM', 1)).data!.transitionApplication;
    const rejectAction = claimed.availableActions.find((a) => a.code === 'REJECT')!;
    expect(rejectAction.requiresNote).toBe(true);
    const rejected = await world.act(bapenda, id, 'REJECT', claimed.version, { note: 'Masih ada tunggakan PBB tahun 2023' });
    expect(rejected.data!.transitionApplication).toMatchObject({ status: 'REJECTED', availableActions: [] });
    const seen = (await view(id, siti))!;
    expect(seen).toMatchObject({ closed: true, statusName: 'Ditolak' });
    expect(seen.timeline.at(-1)!.note).toBe('Masih ada tunggakan PBB tahun 2023');
  });

  it('research recommendation at Kesbangpol: the agency admin works it through to the issued letter', async () => {
    const admin = await world.staff(['AGENCY_ADMIN'], 'kesbangpol', 'Kepala Kesbangpol');
    const id = (await world.submit(siti, 'kesbangpol-research-recommendation', RESEARCH_FORM)).data!.submitApplication.id;
    // Follow the buttons the API offers the admin, forward each time, until the application is closed.
    let current = (await view(id, admin))!;
    const taken: string[] = [];
    while (!current.closed) {
      const next = current.availableActions.find((a) => !['CLAIM', 'REJECT', 'REQUEST_REVISION'].includes(a.code))!;
      const r = await world.act(admin, id, next.code, current.version, {
        ...(next.requiresNote ? { note: 'Memenuhi syarat' } : {}),
        ...(next.requiresOutputReference ? { outputReference: '070/123/Kesbangpol/2026' } : {}),
      });
      expect(r.errors).toBeUndefined();
      taken.push(next.code);
      current = (await view(id, admin))!;
    }
    expect(taken).toEqual(['START_VERIFICATION', 'APPROVE', 'COMPLETE']);
    expect(current).toMatchObject({ status: 'COMPLETED', outputReference: '070/123/Kesbangpol/2026' });
  });
});
