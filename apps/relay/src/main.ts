/** Entry of the `relay` deployment (`main.js relay`; also `npx teilhabe relay`). */
import { ConfigError, loadRelayConfig } from '#config';
import { runUntilSignal, startRelay } from '#messaging';

runUntilSignal(() => startRelay(loadRelayConfig()), ConfigError);
