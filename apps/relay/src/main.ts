import { runUntilSignal } from '#messaging';
import { RelayConfigError, loadRelayConfig } from './config.js';
import { startRelay } from './relay-service.js';

runUntilSignal(() => startRelay(loadRelayConfig()), RelayConfigError);
