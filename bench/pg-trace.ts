/**
 * A trace of every PostgreSQL statement a process sends: how many of each, and how long each took from
 * send to answer. Preload it into a bench to count round trips per save:
 *
 *   PG_TRACE_PER=5000 node --import ./dist/bench/pg-trace.js dist/bench/merge-bench.js --n 5000 --pg --db postgres://…
 *
 * At exit it prints to stderr the total, per unit of PG_TRACE_PER (the saves, say), and the 40 statements
 * that took the most time. Statements are grouped by their text with placeholder lists and savepoint
 * names folded, so one query shape is one line.
 *
 * Tunables:
 */
import pg from 'pg';

/** Statements listed at exit. */
const TOP = 40;
/** Characters of a statement's text shown. */
const SHOWN = 200;
const PLACEHOLDERS = /\$\d+(, \$\d+)*/g;
const SAVEPOINT_NAMES = /SAVEPOINT \w+/g;
const SPACES = /\s+/g;

const stats = new Map<string, { n: number; ms: number }>();
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const client = pg.Client.prototype as unknown as { query: Query };
const original = client.query;

client.query = function (this: pg.Client, ...args: unknown[]): unknown {
  const config = args[0] as string | { text?: string } | undefined;
  const text = typeof config === 'string' ? config : (config?.text ?? '');
  const key = text.replace(PLACEHOLDERS, '$N').replace(SAVEPOINT_NAMES, 'SAVEPOINT x').slice(0, SHOWN);
  const t0 = process.hrtime.bigint();
  const out = original.apply(this, args);
  const done = (): void => {
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += Number(process.hrtime.bigint() - t0) / 1e6;
    stats.set(key, s);
  };
  if (out instanceof Promise) out.then(done, () => undefined);
  return out;
};

process.on('exit', () => {
  const per = Number(process.env.PG_TRACE_PER ?? 1) || 1;
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const n = rows.reduce((t, [, s]) => t + s.n, 0);
  const ms = rows.reduce((t, [, s]) => t + s.ms, 0);
  process.stderr.write(`pg-trace: ${n} statements (${(n / per).toFixed(1)} per unit), ${ms.toFixed(0)} ms (${(ms / per).toFixed(2)} ms per unit)\n`);
  for (const [k, s] of rows.slice(0, TOP)) {
    process.stderr.write(`${String(s.n).padStart(8)} ${(s.n / per).toFixed(2).padStart(6)}/unit ${s.ms.toFixed(0).padStart(8)} ms ${(s.ms / s.n).toFixed(3)} ms each  ${k.replace(SPACES, ' ')}\n`);
  }
});
