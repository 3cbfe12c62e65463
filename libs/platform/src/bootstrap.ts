import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { z } from 'zod';
import { ConfigError, loadConfig, type PlatformConfig } from './config';
import { EventBus } from './event-bus';
import { createLogger, PinoNestLogger } from './logger';
import { SUBGRAPH_MAX_BODY_BYTES } from './request-limits';
import { exitOnSignals } from './shutdown';
import { startTelemetry, stopTelemetry } from './telemetry';
import type { Logger } from 'pino';

export interface ServiceDefinition<C extends PlatformConfig> {
  name: string;
  configSchema: z.ZodType<C>;
  module: (config: C, log: Logger) => DynamicModule;
}

/**
 * Starts one service process: validated configuration (a bad value stops it with a message naming
 * the variable, exit code 78), telemetry, JSON logs, the HTTP server on HOST:PORT, and the event
 * consumers; SIGINT/SIGTERM close everything in order, within SHUTDOWN_TIMEOUT_SECONDS. With
 * `--migrate` it only creates or upgrades its schema, seeds, and exits 0.
 */
/** How long a subgraph keeps an idle keep-alive socket open: longer than any client of it does. */
const SUBGRAPH_KEEP_ALIVE_MS = 65_000;

export async function runService<C extends PlatformConfig>(def: ServiceDefinition<C>): Promise<INestApplication> {
  let config: C;
  try {
    config = loadConfig(def.configSchema);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`[${def.name}] ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  startTelemetry(def.name, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const log = createLogger(def.name, config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(def.module(config, log), { logger: new PinoNestLogger(log) });
  // Registered before init, so Nest's own JSON parser (100 KB) is not added: a subgraph takes
  // whatever the gateway may forward, and the gateway alone refuses what is too large.
  // Providers' callbacks are signed over their exact bytes: those (and only those) keep them as `rawBody`.
  app.useBodyParser('json', {
    limit: SUBGRAPH_MAX_BODY_BYTES,
    verify: (req: { url?: string; rawBody?: Buffer }, _res: unknown, buf: Buffer) => {
      if (req.url?.startsWith('/callbacks/')) req.rawBody = buf;
    },
  });
  // Instead of Nest's own shutdown hooks, which wait on app.close() however long it takes.
  exitOnSignals(def.name, log, config.SHUTDOWN_TIMEOUT_SECONDS * 1000, async () => {
    await app.close();
    await stopTelemetry();
  });
  const transports = app.get(EventBus).transports();
  for (const strategy of transports) app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  await app.init();
  if (process.argv.includes('--migrate')) {
    // A migration run (Kubernetes: the Helm hook Job, before a rollout): initialising the module
    // created or upgraded this service's tables and ran its seeding, both idempotent and under
    // advisory locks; the process now ends without serving or consuming anything.
    await app.close();
    log.info(`${def.name} migrated`);
    await stopTelemetry();
    process.exit(0);
  }
  if (transports.length) await app.startAllMicroservices();
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(config.PORT, host);
  // The gateway keeps idle sockets to a subgraph for KEEP_ALIVE_CLIENT_IDLE_MS (gateway/src/subgraph-fetcher.ts);
  // the subgraph keeps them longer, so it is never the one closing a socket the gateway is about to
  // reuse (that race answers "socket hang up" to a caller under load).
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
  server.headersTimeout = SUBGRAPH_KEEP_ALIVE_MS + 1_000;
  log.info({ url: `http://${host}:${config.PORT}/graphql`, bus: config.EVENT_BUS }, `${def.name} ready`);
  return app;
}
