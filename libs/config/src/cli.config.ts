/** The CLI's own setting; its commands read the servers' and Kafka processes' settings. */
import { EnvironmentReader, processEnvironment, type Environment } from './environment.js';

/** CI=true: progress is printed as plain lines, as when the output is no terminal. */
export function plainProgress(env: Environment = processEnvironment()): boolean {
  return new EnvironmentReader<'CI'>(env).text('CI') === 'true';
}
