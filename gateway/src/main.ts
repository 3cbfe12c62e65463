import '@serang/platform/src/otel';
import { ConfigError, createLogger, loadConfig, startTelemetry, stopTelemetry } from '@serang/platform';
import { gatewayConfigSchema, type GatewayConfig } from './gateway.config';
import { startGateway } from './gateway.server';

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig(gatewayConfigSchema);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`[gateway] ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  startTelemetry('gateway', config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const log = createLogger('gateway', config.LOG_LEVEL);
  const gateway = await startGateway(config, log);
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'gateway stopping');
    await gateway.close();
    await stopTelemetry();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
