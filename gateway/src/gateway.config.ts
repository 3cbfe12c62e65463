import { GATEWAY_MAX_REQUEST_BYTES_CAP, platformConfigSchema } from '@serang/platform';
import { z } from 'zod';
import { parseAddressList } from './rate-limits/address-list';

const port = z.coerce.number().int().min(1).max(65535);
const MIB = 1024 * 1024;
/** Requests per minute for the whole platform (all replicas together); 0 turns the limit off. */
const perMinute = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000).default(fallback);

/** The gateway's configuration (validated at start-up like every service's). */
export const gatewayConfigSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().default('127.0.0.1'),
  IDENTITY_JWKS_URL: z.url(),
  JWT_ISSUER: z.string().min(1).default('serang-tatu'),
  JWT_AUDIENCE: z.string().min(1).default('serang-tatu'),
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** Proxies in front of the gateway that append to X-Forwarded-For (an ingress: 1). 0 = none, use the socket address. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).max(500).default(20),
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(1_000_000).default(2000),
  /**
   * Largest GraphQL request body, bytes. Capped so that the subgraphs, which take up to
   * SUBGRAPH_MAX_BODY_BYTES, always take what the gateway forwards: the gateway alone refuses.
   */
  MAX_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .min(1024, 'must be at least 1024 bytes')
    .max(GATEWAY_MAX_REQUEST_BYTES_CAP, `must be at most ${GATEWAY_MAX_REQUEST_BYTES_CAP} bytes`)
    .default(MIB),
  /** Largest uploaded document (request's own variable, read here too): larger bodies are refused before they are carried to request. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024, 'must be at least 1024 bytes')
    .max(64 * MIB, 'must be at most 67108864 bytes (64 MiB)')
    .default(10 * MIB),
  /** A request body (GraphQL or upload) that sends nothing for this long is answered 408 and cut off. */
  BODY_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /**
   * Rate limits, per minute for all replicas together (each replica takes limit ÷ live replicas).
   * The defaults let a crowd behind one address (a job-fair hall's Wi-Fi, a carrier's NAT) sign in
   * and register, and stop one client's flood: a person signs in a few times an hour, not 20 times
   * a minute, and makes nowhere near 300 changes a minute.
   */
  RATE_LIMIT_SIGNIN_PER_ADDRESS: perMinute(300),
  RATE_LIMIT_SIGNIN_PER_ACCOUNT: perMinute(20),
  RATE_LIMIT_REGISTER_PER_ADDRESS: perMinute(120),
  RATE_LIMIT_REGISTER_PER_ACCOUNT: perMinute(30),
  RATE_LIMIT_MUTATIONS_PER_CALLER: perMinute(300),
  /** Addresses and CIDR ranges no rate limit applies to (load generators, a trusted partner's proxy). */
  RATE_LIMIT_EXEMPT: z
    .string()
    .default('')
    .superRefine((spec, ctx) => {
      const parsed = parseAddressList(spec);
      if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
    }),
  /** Replicas sharing the limits when there is no DATABASE_URL to count them by (with one, they count themselves). */
  RATE_LIMIT_REPLICAS: z.coerce.number().int().min(1).max(1000).default(1),
  /** Stack traces and internal details in error answers: for a developer's machine only. */
  DEBUG_ERRORS: z.enum(['true', 'false']).default('false'),
  /** Subgraph URLs override the ones composed into the supergraph (e.g. in a cluster). */
  SUBGRAPH_IDENTITY_URL: z.url().optional(),
  SUBGRAPH_CATALOGUE_URL: z.url().optional(),
  SUBGRAPH_REQUEST_URL: z.url().optional(),
  SUBGRAPH_NOTIFICATION_URL: z.url().optional(),
  SUBGRAPH_ANALYTICS_URL: z.url().optional(),
  /**
   * Where the gateway learns identity's session revocations (same meaning as the services'):
   * the event store on DATABASE_URL, or identity's Kafka topic when EVENT_BUS=kafka (KAFKA_BROKERS
   * is then required: loadConfig's cross-variable rule). Neither: tokens live until they expire.
   */
  DATABASE_URL: platformConfigSchema.shape.DATABASE_URL.optional(),
  ...platformConfigSchema.pick({
    EVENT_BUS: true,
    KAFKA_BROKERS: true,
    KAFKA_PARTITIONS: true,
    KAFKA_NAMESPACE: true,
    SHUTDOWN_TIMEOUT_SECONDS: true,
  }).shape,
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
