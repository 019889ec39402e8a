/**
 * Entry of the Kafka projection worker (`main.js projector-worker`; the `projector-worker`
 * deployment runs the same through `cli projections consume`).
 */
import { ConfigError, loadProjectorWorkerConfig } from '#config';
import { runUntilSignal } from '#messaging';
import { CasePersonKeys } from '#cases';
import { startProjectorWorker } from '#projections';

runUntilSignal(
  () => startProjectorWorker(loadProjectorWorkerConfig(), (store) => new CasePersonKeys(store)),
  ConfigError,
);
