import { ensureEmbeddedPostgres, ensureKafkaBroker, ensureKafkaJars, type RunningKafka, type RunningPostgres } from '@serang/local-infra';
import { resolve } from 'node:path';
import { TEST_DATA_DIR, TEST_KAFKA_CONTROLLER_PORT, TEST_KAFKA_PORT, TEST_PG_PORT } from './test-env';

interface Started {
  __serangPostgres?: RunningPostgres;
  __serangKafka?: RunningKafka;
}

/**
 * Starts what the tests need, idempotently: the embedded PostgreSQL cluster (unless DATABASE_URL
 * names a server) and the Kafka broker from the Maven jars (unless KAFKA_BROKERS names one).
 */
export default async function globalSetup(): Promise<void> {
  const started = globalThis as Started;
  // The whole suite runs with the pool guard failing loudly: a flow that takes a second database
  // connection while holding one throws at that line (services started by tests inherit this).
  process.env.DB_POOL_GUARD ??= 'throw';
  const [pgResult, kafkaResult] = await Promise.allSettled([
    process.env.DATABASE_URL ? undefined : ensureEmbeddedPostgres({ dataDir: resolve(TEST_DATA_DIR, 'postgres'), port: TEST_PG_PORT }),
    process.env.KAFKA_BROKERS
      ? undefined
      : ensureKafkaJars().then(() =>
          ensureKafkaBroker({ dataDir: resolve(TEST_DATA_DIR, 'kafka'), port: TEST_KAFKA_PORT, controllerPort: TEST_KAFKA_CONTROLLER_PORT }),
        ),
  ]);
  if (pgResult.status === 'rejected' || kafkaResult.status === 'rejected') {
    // Leave nothing half-started behind: jest runs no teardown when the setup fails.
    if (pgResult.status === 'fulfilled') await pgResult.value?.stop();
    if (kafkaResult.status === 'fulfilled') await kafkaResult.value?.stop();
    throw pgResult.status === 'rejected' ? pgResult.reason : (kafkaResult as PromiseRejectedResult).reason;
  }
  const pg = pgResult.value;
  const kafka = kafkaResult.value;
  if (pg) {
    process.env.SERANG_TEST_PG_URL = pg.url;
    started.__serangPostgres = pg;
  }
  if (kafka) {
    process.env.SERANG_TEST_KAFKA_BROKERS = kafka.bootstrap;
    started.__serangKafka = kafka;
  }
}
