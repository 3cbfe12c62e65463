import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureDatabase, ensureEmbeddedPostgres, type RunningPostgres } from '@serang/local-infra';
import { TEST_DATA_DIR, testPort } from '@serang/testing';
import { PlatformWorld, type Person } from './fixtures/platform-world';
import { physicalBackup, resetReadModels } from './fixtures/physical-backup';

const AK1_FORM = {
  education: 'SMA',
  major: 'IPA',
  graduationYear: 2022,
  skills: 'Administrasi',
  desiredPosition: 'Staf gudang',
  maritalStatus: 'BELUM_KAWIN',
  heightCm: 160,
  weightKg: 55,
  phone: '081234567890',
};
const DRILL = resolve(TEST_DATA_DIR, `restore-drill-${testPort(0)}`);

/**
 * The restore drill (docs/kubernetes.md "Backups"): the platform runs on its own PostgreSQL; an
 * online physical backup is taken while it runs; the backup is restored into a fresh server; every
 * read model is rebuilt from the event store; the platform, started on the restored server with the
 * same secrets, gives the same answers — personal data included, so the vault's keys came back too.
 */
describe('restore drill: back up, restore into a fresh server, rebuild the read models, same answers', () => {
  let source: RunningPostgres;
  let restored: RunningPostgres;
  let before: PlatformWorld;
  let after: PlatformWorld;
  let citizen: Person;
  let officer: Person;
  let tracking: string;
  let beforeStopped = false;

  const answers = async (world: PlatformWorld, who: { citizen: Person; officer: Person }) => {
    const mine = await world.call(
      `{ me { name } myApplications { trackingNumber status version service { id } timeline { status action actorRole } } myNotifications { unreadCount items { kind title } } }`,
      {},
      who.citizen.token,
      'en',
    );
    const queue = await world.call(`{ agencyPerformance(agencyId: "disnakertrans") { agencyId submitted } }`, {}, who.officer.token);
    const tracked = await world.call(`query($n: String!) { trackApplication(trackingNumber: $n) { status timeline { status } } }`, { n: tracking });
    const catalogue = await world.call(`{ agencies { id } services { id version } }`);
    return {
      mine,
      queue,
      tracked,
      catalogue: {
        agencies: (catalogue.data as { agencies: unknown[] }).agencies.length,
        services: (catalogue.data as { services: unknown[] }).services.length,
      },
    };
  };

  beforeAll(async () => {
    rmSync(DRILL, { recursive: true, force: true });
    source = await ensureEmbeddedPostgres({ dataDir: resolve(DRILL, 'source'), port: testPort(15480) });
    const url = await ensureDatabase(source.url, 'serang');
    before = new PlatformWorld('store', testPort(4720), { database: { name: 'serang', url, drop: async () => undefined } });
    await before.start();
  }, 10 * 60_000);
  afterAll(async () => {
    if (!beforeStopped) await before?.stop();
    await after?.stop();
    await source?.stop();
    await restored?.stop();
    rmSync(DRILL, { recursive: true, force: true });
  });

  it(
    'gives the same answers after the restore as before it',
    async () => {
      citizen = await before.citizen('Nur Aini');
      officer = await before.staff(['OFFICER'], 'disnakertrans', 'Agus Petugas');
      const submitted = await before.submit(citizen, 'disnakertrans-ak1', AK1_FORM);
      expect(submitted.errors).toBeUndefined();
      tracking = submitted.data!.submitApplication.trackingNumber;
      const id = submitted.data!.submitApplication.id;
      const v = (await before.act(officer, id, 'CLAIM', 1)).data!.transitionApplication;
      await before.act(officer, id, 'START_VERIFICATION', v.version);
      // Every consumer has caught up (the notification and the dashboard count are there).
      const expected = await before.until(async () => {
        const a = await answers(before, { citizen, officer });
        // The last step's notification (START_VERIFICATION: the application moved on) is there.
        const ready =
          (a.mine.data as { myNotifications: { items: Array<{ kind: string }> } } | undefined)?.myNotifications.items.some(
            (n) => n.kind === 'APPLICATION_PROGRESSED',
          ) && (a.queue.data as { agencyPerformance: Array<{ submitted: number }> } | undefined)?.agencyPerformance[0]?.submitted === 1;
        return ready && JSON.stringify(a.tracked).includes('VERIFYING') ? a : undefined;
      }, 'consumers caught up');
      expect(expected.mine.errors).toBeUndefined();
      expect((expected.mine.data as { me: { name: string } }).me.name).toBe('Nur Aini');

      // Online backup while the platform runs, then the platform goes away with its server.
      await physicalBackup(source.url, resolve(DRILL, 'source'), resolve(DRILL, 'backup'));
      await before.stop();
      beforeStopped = true;
      await source.stop();

      // A fresh server on the backup (recovery replays the WAL copied with it), then the read models go.
      execFileSync('cp', ['-a', resolve(DRILL, 'backup'), resolve(DRILL, 'restored')]);
      restored = await ensureEmbeddedPostgres({ dataDir: resolve(DRILL, 'restored'), port: testPort(15481) });
      const url = await ensureDatabase(restored.url, 'serang');
      const reset = await resetReadModels(url);
      expect(reset.length).toBeGreaterThan(3);

      // The same secrets (vault master keys, blind-index key) and nothing else carried over.
      after = new PlatformWorld('store', testPort(4740), { database: { name: 'serang', url, drop: async () => undefined } });
      await after.start({ VAULT_MASTER_KEYS: before.env.VAULT_MASTER_KEYS, BLIND_INDEX_KEY: before.env.BLIND_INDEX_KEY });
      const again = {
        citizen: { ...citizen, ...(await after.login(citizen.login, citizen.password)) },
        officer: { ...officer, ...(await after.login(officer.login, officer.password)) },
      };
      const got = await after
        .until(
          async () => {
            const a = await answers(after, again);
            return JSON.stringify(a) === JSON.stringify(expected) ? a : undefined;
          },
          'the rebuilt read models give the same answers',
          120_000,
        )
        .catch(async (e: Error) => {
          throw new Error(`${e.message}\nexpected ${JSON.stringify(expected)}\ngot      ${JSON.stringify(await answers(after, again))}`);
        });
      expect(got).toEqual(expected);
      // A journey, a physical backup, a restore and a rebuild from the event store: minutes on a loaded
      // 2-core machine (and the rebuild alone may wait up to 120 s above), more than jest's default.
    },
    6 * 60_000,
  );
});
