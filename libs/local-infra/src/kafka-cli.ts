/**
 * The local Kafka broker from the command line:
 *
 *   node scripts/run-ts.js libs/local-infra/src/kafka-cli.ts fetch|start|stop|status
 *
 * Data folder `.data/kafka` of the repository, PLAINTEXT port 19092, controller port 19093;
 * KAFKA_DATA_DIR, KAFKA_PORT and KAFKA_CONTROLLER_PORT override them.
 */
import { resolve } from 'node:path';
import { ensureKafkaBroker, ensureKafkaJars, kafkaAnswers, kafkaBrokerPid, kafkaJars, kafkaVersion, stopKafkaBroker } from './kafka-broker';

const REPO_ROOT = resolve(__dirname, '../../..');

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name}=${raw} is not a port`);
  return port;
}

async function main(command: string | undefined): Promise<number> {
  const dataDir = process.env.KAFKA_DATA_DIR ? resolve(process.env.KAFKA_DATA_DIR) : resolve(REPO_ROOT, '.data/kafka');
  const port = portFrom('KAFKA_PORT', 19092);
  const controllerPort = portFrom('KAFKA_CONTROLLER_PORT', 19093);
  switch (command) {
    case 'fetch': {
      const started = Date.now();
      await ensureKafkaJars();
      console.log(`kafka ${kafkaVersion()}: ${kafkaJars().length} jars in infra/kafka/lib (${Date.now() - started} ms)`);
      return 0;
    }
    case 'start': {
      const started = Date.now();
      const broker = await ensureKafkaBroker({
        dataDir,
        port,
        controllerPort,
        onLog: (line) => {
          if (line.startsWith('kafka: ')) console.error(line);
        },
      });
      const how = broker.startedHere ? `started in ${Date.now() - started} ms` : 'already running (reused)';
      console.log(`kafka ${broker.bootstrap} ${how}, pid ${broker.pid ?? 'unknown'}, data ${dataDir}`);
      return 0;
    }
    case 'stop': {
      const pid = kafkaBrokerPid(dataDir);
      await stopKafkaBroker(dataDir);
      console.log(pid === undefined ? `kafka: no broker runs on ${dataDir}` : `kafka: stopped broker pid ${pid}`);
      return 0;
    }
    case 'status': {
      const pid = kafkaBrokerPid(dataDir);
      const answers = await kafkaAnswers(port);
      console.log(
        `kafka 127.0.0.1:${port}: ${answers ? 'answers' : 'does not answer'}; ` +
          `broker of ${dataDir}: ${pid === undefined ? 'not running' : `pid ${pid}`}`,
      );
      return answers ? 0 : 1;
    }
    default:
      console.error('usage: node scripts/run-ts.js libs/local-infra/src/kafka-cli.ts fetch|start|stop|status');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
