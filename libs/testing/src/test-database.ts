import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testPostgresUrl } from './test-env';

const MARK = 'serang-tatu test database';

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database; refuses unless it carries the mark this helper put on it. */
  drop(): Promise<void>;
}

/** Creates a fresh database for one test file, marked so that only such databases are ever dropped. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `t_${prefix
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const maintenance = testPostgresUrl();
  await withClient(maintenance, async (c) => {
    await c.query(`create database ${name}`);
    await c.query(`comment on database ${name} is '${MARK}'`);
  });
  const url = new URL(maintenance);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => dropTestDatabase(name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withClient(testPostgresUrl(), async (c) => {
    const { rows } = await c.query<{ mark: string | null }>(
      `select shobj_description(oid, 'pg_database') as mark from pg_database where datname = $1`,
      [name],
    );
    if (rows.length === 0) return;
    if (rows[0].mark !== MARK) throw new Error(`refusing to drop database ${name}: not created by the test helper`);
    await c.query(`drop database ${name} with (force)`);
  });
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
