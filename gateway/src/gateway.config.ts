import { platformConfigSchema } from '@serang/platform';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

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
  ...platformConfigSchema.pick({ EVENT_BUS: true, KAFKA_BROKERS: true, KAFKA_PARTITIONS: true, KAFKA_NAMESPACE: true }).shape,
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
