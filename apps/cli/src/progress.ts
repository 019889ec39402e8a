/**
 * Progress of long work: a bar with rate and time left on a terminal (cli-progress), plain
 * lines in CI and pipes (about every 10 % or 5 seconds), so logs stay readable.
 */
import cliProgress from 'cli-progress';
import { plainProgress } from '#config';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  readonly unit: string;
  readonly stream?: NodeJS.WriteStream;
  /** Force plain lines (CI=true does too). */
  readonly plain?: boolean;
}

function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const plain = options.plain ?? (plainProgress() || !stream.isTTY);
  const started = Date.now();
  if (!plain) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${options.label} [{bar}] {percentage}% | {value}/{total} ${options.unit} | {speed} | ETA {eta_formatted}`,
        stream,
        etaBuffer: 50,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(options.total, 1), 0, { speed: '-' });
    return {
      update(done) {
        const seconds = (Date.now() - started) / 1000;
        bar.setTotal(Math.max(options.total, done, 1));
        bar.update(done, { speed: formatRate(seconds > 0 ? done / seconds : 0) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastLine = 0;
  let lastShare = -1;
  const line = (done: number, final = false) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const share = options.total > 0 ? Math.min(100, Math.floor((done / options.total) * 100)) : 100;
    const left = rate > 0 ? (options.total - done) / rate : Infinity;
    stream.write(
      `${options.label}: ${done.toLocaleString('en-US')}/${options.total.toLocaleString('en-US')} ${options.unit} (${share}%), ` +
        `${formatRate(rate)}, ${final ? `done in ${formatSeconds(seconds)}` : `${formatSeconds(left)} left`}\n`,
    );
  };
  let latest = 0;
  return {
    update(done) {
      latest = done;
      const share = options.total > 0 ? Math.floor((done / options.total) * 10) : 10;
      if (share > lastShare || Date.now() - lastLine > 5000) {
        lastShare = share;
        lastLine = Date.now();
        line(done);
      }
    },
    stop() {
      line(Math.max(latest, options.total), true);
    },
  };
}
