/** Entry of the `projector-worker` deployment (also `npx teilhabe projections consume`). */
import { ProjectorWorkerConfigError, loadProjectorWorkerConfig } from './config.js';
import { startProjectorWorker } from './worker-service.js';

async function main(): Promise<void> {
  const worker = await startProjectorWorker(loadProjectorWorkerConfig());
  const stop = () => {
    void worker.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ProjectorWorkerConfigError ? error.message : error);
  process.exit(1);
});
