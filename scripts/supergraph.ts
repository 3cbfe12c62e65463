/**
 * `npm run supergraph`: composes gateway/supergraph.graphql from the subgraphs' own SDL. It runs
 * the five services on a scratch database of a private embedded PostgreSQL, asks each for
 * `_service { sdl }`, composes (failing on any composition error) and writes the file, which is
 * committed: `npm start` composes nothing, and the e2e test fails when the file drifts.
 * SERANG_TEST_PORT_OFFSET moves its ports (PostgreSQL 15436, services 4801…), so checkouts side
 * by side compose at the same time without asking each other's services.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DEFAULT_PORTS, devSecrets, ensureDatabase, ensureEmbeddedPostgres, launchPlatform, SERVICE_NAMES } from '@serang/local-infra';
import { compose, fetchSubgraphSdl, SUBGRAPHS } from '../gateway/src/compose-supergraph';
import { SUPERGRAPH_PATH } from '../gateway/src/gateway.server';

const OFFSET = Number(process.env.SERANG_TEST_PORT_OFFSET ?? 0);

async function main(): Promise<void> {
  const pg = await ensureEmbeddedPostgres({ dataDir: resolve('.data/supergraph/postgres'), port: 15436 + OFFSET });
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query('drop database if exists supergraph with (force)');
  await admin.end();
  const databaseUrl = await ensureDatabase(pg.url, 'supergraph');
  const ports = Object.fromEntries(SERVICE_NAMES.map((n, i) => [n, 4801 + OFFSET + i])) as Record<(typeof SERVICE_NAMES)[number], number>;
  const platform = await launchPlatform({
    databaseUrl,
    ports,
    env: { ...devSecrets(resolve('.data/supergraph/dev-secrets.json')), LOG_LEVEL: 'warn' },
    withGateway: false,
    onOutput: (n, l) => /"level":(50|60)/.test(l) && console.error(n, l),
  });
  try {
    const subgraphs = await Promise.all(
      SUBGRAPHS.map(async (s) => ({ ...s, sdl: await fetchSubgraphSdl(`${platform.urls[s.name as keyof typeof platform.urls]}/graphql`) })),
    );
    writeFileSync(SUPERGRAPH_PATH, compose(subgraphs));
    console.log(
      `wrote ${SUPERGRAPH_PATH} from ${subgraphs.map((s) => s.name).join(', ')} (composed for the default ports ${SUBGRAPHS.map((s) => DEFAULT_PORTS[s.name as keyof typeof DEFAULT_PORTS]).join(', ')})`,
    );
  } finally {
    await platform.stop();
    if (pg.startedHere) await pg.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
