/**
 * One HTTP/1.1 request written byte for byte on a socket: for header values fetch refuses to send
 * (non-ASCII bytes), exactly as curl or a browser puts them on the wire.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Record<string, unknown>;
}

export async function rawRequest(
  url: string,
  method: string,
  path: string,
  headers: Readonly<Record<string, string | Buffer>>,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const head = Buffer.concat([
    Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n`),
    ...Object.entries(headers).map(([name, value]) =>
      Buffer.concat([Buffer.from(`${name}: `), Buffer.from(value), Buffer.from('\r\n')]),
    ),
    Buffer.from('\r\n'),
  ]);
  const received = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.write(head));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
  const text = received.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const answerHeaders = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const body = text.slice(split + 4);
  return {
    status: Number(statusLine.split(' ')[1]),
    headers: answerHeaders,
    body: body ? (JSON.parse(body) as Record<string, unknown>) : {},
  };
}
