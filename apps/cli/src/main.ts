import { processEnvironment } from '#config';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: processEnvironment(),
});
process.exitCode = code;
