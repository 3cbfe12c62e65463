import { resolve } from 'node:path';

/** Folder for the test cluster's data; separate from `npm start`'s so tests never touch dev data. */
export const TEST_DATA_DIR = resolve(process.env.SERANG_TEST_DATA_DIR ?? resolve(__dirname, '../../../.data/test'));
export const TEST_PG_PORT = Number(process.env.SERANG_TEST_PG_PORT ?? 54330);

/**
 * Maintenance URL of the PostgreSQL server the tests use: DATABASE_URL when set (an external
 * server), otherwise the embedded cluster started by the jest global setup.
 */
export function testPostgresUrl(): string {
  const url = process.env.DATABASE_URL ?? process.env.SERANG_TEST_PG_URL;
  if (!url) throw new Error('no test PostgreSQL: run the tests with `npm test` (its global setup starts one) or set DATABASE_URL');
  return url;
}
