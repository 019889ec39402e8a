/** Cache headers of answers: what no cache between the server and the reader may keep. */
import { Header } from '@nestjs/common';

export const NO_STORE = 'private, no-store';

/**
 * The answer holds personal data (a client's, or who read whose and why): no browser or proxy
 * cache may keep a copy (`Cache-Control: private, no-store`), on success and refusal alike.
 */
export function NoStore(): MethodDecorator {
  return Header('Cache-Control', NO_STORE);
}
