import { context, propagation } from '@opentelemetry/api';

let sdk: { shutdown(): Promise<void> } | undefined;

/**
 * Starts the OpenTelemetry Node SDK (HTTP, GraphQL, pg, kafkajs spans) when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set; without it, nothing is exported and the W3C propagator still
 * carries trace context from requests into events and Kafka headers.
 */
export function startTelemetry(service: string, endpoint?: string): void {
  if (!endpoint || sdk) return;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when exporting */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { KafkaJsInstrumentation } = require('@opentelemetry/instrumentation-kafkajs') as typeof import('@opentelemetry/instrumentation-kafkajs');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const s = new NodeSDK({
    serviceName: service,
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [
      new HttpInstrumentation(),
      new PgInstrumentation(),
      new GraphQLInstrumentation({ mergeItems: true }),
      new KafkaJsInstrumentation(),
    ],
  });
  s.start();
  sdk = s;
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
}

/** The W3C traceparent of the active span, or of the incoming request's header when no SDK runs. */
export function currentTraceparent(incoming?: string): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? (incoming && /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/.test(incoming) ? incoming : undefined);
}
