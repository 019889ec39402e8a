import { RelayConfigError, loadRelayConfig } from './config.js';
import { startRelay } from './relay-service.js';

async function main(): Promise<void> {
  const relay = await startRelay(loadRelayConfig());
  const stop = () => {
    void relay.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof RelayConfigError ? error.message : error);
  process.exit(1);
});
