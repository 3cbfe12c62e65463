import '@serang/platform/src/otel';
import { ConfigError, createLogger, exitOnSignals, loadConfig, startTelemetry, stopTelemetry } from '@serang/platform';
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
  exitOnSignals('gateway', log, config.SHUTDOWN_TIMEOUT_SECONDS * 1000, async () => {
    await gateway.close();
    await stopTelemetry();
  });
}

void main();
