/**
 * Import this first in a process's entry point (`import '@serang/platform/src/otel'`): the
 * OpenTelemetry instrumentations patch http, pg, graphql and kafkajs when those are first
 * required, so the SDK must start before anything else is loaded. It starts only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set; OTEL_SERVICE_NAME names the process.
 */
import { startTelemetry } from './telemetry';

startTelemetry(process.env.OTEL_SERVICE_NAME ?? 'serang', process.env.OTEL_EXPORTER_OTLP_ENDPOINT);
