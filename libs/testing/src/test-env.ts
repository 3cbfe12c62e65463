import { resolve } from 'node:path';

/** Folder for the test cluster's data; separate from `npm start`'s so tests never touch dev data. */
export const TEST_DATA_DIR = resolve(process.env.SERANG_TEST_DATA_DIR ?? resolve(__dirname, '../../../.data/test'));
/**
 * Added to every fixed port the tests listen on (services, gateways, the test PostgreSQL and Kafka),
 * so that two checkouts can run their suites side by side: `SERANG_TEST_PORT_OFFSET=1000 npm test`.
 */
export const TEST_PORT_OFFSET = Number(process.env.SERANG_TEST_PORT_OFFSET ?? 0);
/** A fixed test port, moved by SERANG_TEST_PORT_OFFSET. */
export const testPort = (base: number): number => base + TEST_PORT_OFFSET;
export const TEST_PG_PORT = Number(process.env.SERANG_TEST_PG_PORT ?? testPort(15433));
export const TEST_KAFKA_PORT = Number(process.env.SERANG_TEST_KAFKA_PORT ?? testPort(19192));
export const TEST_KAFKA_CONTROLLER_PORT = TEST_KAFKA_PORT + 1;

/**
 * Maintenance URL of the PostgreSQL server the tests use: DATABASE_URL when set (an external
 * server), otherwise the embedded cluster started by the jest global setup.
 */
export function testPostgresUrl(): string {
  const url = process.env.DATABASE_URL ?? process.env.SERANG_TEST_PG_URL;
  if (!url) throw new Error('no test PostgreSQL: run the tests with `npm test` (its global setup starts one) or set DATABASE_URL');
  return url;
}

/** Bootstrap servers of the Kafka broker the tests use: KAFKA_BROKERS, or the one the global setup started. */
export function testKafkaBrokers(): string[] {
  const list = process.env.KAFKA_BROKERS ?? process.env.SERANG_TEST_KAFKA_BROKERS;
  if (!list) throw new Error('no test Kafka broker: run the tests with `npm test` (its global setup starts one) or set KAFKA_BROKERS');
  return list.split(',').map((b) => b.trim());
}
