import { main } from '../cli/main.js';
import { exitCodeOf } from '../cli/run.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `dossier ARGS…` inside the test process: what the binary would print, and the exit code it
 * would end with (through the same error mapping, src/cli/run.ts). A spawned CLI pays Node's start-up
 * and the gazetteer and model loads on every call; in process they load once per test file.
 *
 * Pass absolute paths and --db: the command runs in the test's working folder, not a temporary one.
 * One command at a time (node:test runs a file's tests in turn): the capture is process-wide.
 * Only strings are captured: the test runner reports to its parent through this same process.stdout
 * as Buffers (the child-v8 protocol), which must keep flowing while a command runs. The streams look
 * like pipes, as they are to a spawned binary (no progress bar, no terminal width).
 */
export async function runCli(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const restore = [capture(process.stdout, out), capture(process.stderr, err)];
  try {
    const code = await exitCodeOf(() => main(args));
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    for (const r of restore) r();
  }
}

/** The properties capture() shadows on a stream, put back as they were afterwards. */
const SHADOWED = ['write', 'isTTY', 'columns'] as const;

/** Diverts the string writes to `stream` into `into` until the returned function is called. */
function capture(stream: NodeJS.WriteStream, into: string[]): () => void {
  const own = SHADOWED.map((k) => [k, Object.getOwnPropertyDescriptor(stream, k)] as const);
  const write = stream.write;
  const diverted = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk !== 'string') return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    into.push(chunk);
    const done = rest.find((r): r is () => void => typeof r === 'function');
    if (done) queueMicrotask(done);
    return true;
  };
  const shadow = (k: string, value: unknown): void => void Object.defineProperty(stream, k, { value, configurable: true, writable: true });
  shadow('write', diverted);
  shadow('isTTY', false);
  shadow('columns', undefined);
  return () => {
    for (const [k, d] of own) {
      if (d) Object.defineProperty(stream, k, d);
      else delete (stream as unknown as Record<string, unknown>)[k];
    }
  };
}
