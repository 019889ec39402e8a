/** Entry of the `projector-worker` deployment (also `npx teilhabe projections consume`). */
import { runUntilSignal } from '#messaging';
import { ProjectorWorkerConfigError, loadProjectorWorkerConfig } from '#config';
import { startProjectorWorker } from '#projections';

runUntilSignal(() => startProjectorWorker(loadProjectorWorkerConfig()), ProjectorWorkerConfigError);
