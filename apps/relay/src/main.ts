import { runUntilSignal } from '#messaging';
import { RelayConfigError, loadRelayConfig } from '#config';
import { startRelay } from '#messaging';

runUntilSignal(() => startRelay(loadRelayConfig()), RelayConfigError);
