import { z } from 'zod';
import { DEFAULT_SHUTDOWN_TIMEOUT_SECONDS } from './shutdown';

/** A configuration value is missing or wrong: the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(1).max(65535);

/** What every service process reads from its environment. */
export const platformConfigSchema = z.object({
  PORT: port,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  EVENT_BUS: z.enum(['store', 'kafka']).default('store'),
  KAFKA_BROKERS: z.string().optional(),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
  /** Prefix of topics and consumer groups, so deployments sharing a Kafka cluster stay apart. */
  KAFKA_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,40}$/, 'must be lowercase letters, digits and dashes')
    .default('serang'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  TENANT: z
    .string()
    .regex(/^\d{4}$/, 'must be a 4-digit BPS regency code')
    .default('3604'),
  JWT_ISSUER: z.string().min(1).default('serang-tatu'),
  JWT_AUDIENCE: z.string().min(1).default('serang-tatu'),
  /** Where the services and the gateway fetch identity's public keys. */
  IDENTITY_JWKS_URL: z.url(),
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).default('true'),
  /** Connections of the service's own pool (read models, keys, its transactions). */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Connections of the pool the event store reads with (appends have one of their own). */
  EVENTSTORE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(5),
  /** How long a request waits for a free connection before it is answered TOO_MANY_REQUESTS. */
  DB_POOL_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** A second connection taken while holding one: `throw` (the test suite), `warn` (log it), `off`. */
  DB_POOL_GUARD: z.enum(['throw', 'warn', 'off']).default('warn'),
  /**
   * Stack traces and internal details in error answers, for debugging on a developer's machine
   * only: never on by default (not in `npm start` either), whatever NODE_ENV says.
   */
  DEBUG_ERRORS: z.enum(['true', 'false']).default('false'),
  /** After SIGINT/SIGTERM, the process exits within this many seconds even if a pool or Kafka client hangs. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(DEFAULT_SHUTDOWN_TIMEOUT_SECONDS),
});

/** Rules across variables, checked on the raw environment so they report alongside field errors. */
const crossRules: Array<(env: Record<string, string | undefined>) => string | undefined> = [
  (env) => (env.EVENT_BUS === 'kafka' && !env.KAFKA_BROKERS?.trim() ? 'KAFKA_BROKERS: required when EVENT_BUS=kafka' : undefined),
];

export type PlatformConfig = z.infer<typeof platformConfigSchema>;

/** Parses the environment against a schema; throws ConfigError naming each bad variable. */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`)),
    ...crossRules.map((rule) => rule(env)).filter((p): p is string => !!p),
  ];
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}
