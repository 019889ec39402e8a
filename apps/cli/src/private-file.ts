/** Files the CLI writes that hold personal data (exports), readable by their owner only. */
import { createWriteStream, fchmodSync, type WriteStream } from 'node:fs';

/**
 * A write stream to `path`, created 0600; a file that already exists is truncated and taken to
 * 0600 too (`mode` alone applies only to a new file).
 */
export function privateWriteStream(path: string): WriteStream {
  const stream = createWriteStream(path, { mode: 0o600 });
  stream.on('open', (fd: number) => fchmodSync(fd, 0o600));
  return stream;
}
