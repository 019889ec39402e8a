/** Entry of the `projector-worker` deployment (also `npx teilhabe projections consume`). */
import { runUntilSignal } from '#messaging';
import { ProjectorWorkerConfigError, loadProjectorWorkerConfig } from './config.js';
import { startProjectorWorker } from './worker-service.js';

runUntilSignal(() => startProjectorWorker(loadProjectorWorkerConfig()), ProjectorWorkerConfigError);
