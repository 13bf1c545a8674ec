import type pg from 'pg';

/**
 * Named (prepared) statements for the statements a process sends again and again (issue 12).
 *
 * Kysely hands node-postgres a statement's text and values, and node-postgres sends each as an unnamed
 * statement: PostgreSQL parses, analyses and plans it anew every time. The store's statements come in a
 * few hundred fixed shapes (the save path's are compiled once, shaped.ts; a page or an incident is a
 * handful of lookups by id), so most of that work is the same each time. A text seen PREPARE_AFTER
 * times gets a name, and each connection parses it once under that name; later runs only bind and
 * execute, and node-postgres no longer sends the text.
 *
 * Which texts: only those with values (a statement without values goes by the simple protocol, where
 * several may share one text, e.g. `BEGIN; SET LOCAL jit = off`), and at most MAX_NAMED in a process,
 * so a stream of one-off texts (the writes a save combines into one statement, IN lists of every
 * length) cannot grow every connection's statements without bound. PostgreSQL plans a named statement
 * for its values for its first five runs, and then keeps a generic plan only where that is no dearer
 * (plan_cache_mode = auto).
 *
 * A named statement whose tables changed under it (a migration run by another process) fails with
 * "cached plan must not change result type": the text is sent again unnamed, and never named again.
 *
 * Tunables:
 */
/** Runs of a text before it is named: a one-off statement costs a connection nothing. */
const PREPARE_AFTER = 3;
/** Texts named per process at most; a text seen after that stays unnamed. Each holds a plan in every connection that ran it (POOL_MAX of them). */
const MAX_NAMED = 300;
/** Texts counted at most before the counts start over (one-off texts must not fill memory). */
const MAX_COUNTED = 10_000;
/** PostgreSQL's code for "cached plan must not change result type" (feature_not_supported). */
const PLAN_CHANGED = '0A000';

const named = new Map<string, string>();
const counts = new Map<string, number>();
/** Texts that failed named once: sent unnamed from then on. */
const refused = new Set<string>();
/** Names given so far: a name is never given twice, so one a connection parsed never means another text. */
let given = 0;

/** The name for `text`, once it has been seen PREPARE_AFTER times; null while it stays unnamed. */
export function statementName(text: string): string | null {
  const name = named.get(text);
  if (name !== undefined) return name;
  if (named.size >= MAX_NAMED || refused.has(text)) return null;
  const n = (counts.get(text) ?? 0) + 1;
  if (n < PREPARE_AFTER) {
    if (counts.size >= MAX_COUNTED) counts.clear();
    counts.set(text, n);
    return null;
  }
  counts.delete(text);
  const fresh = `dossier_${++given}`;
  named.set(text, fresh);
  return fresh;
}

/** How many texts are named, for tests and benches. */
export function namedCount(): number {
  return named.size;
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Make a connection send named statements (statementName) for `query(text, values)` calls with values,
 * as Kysely makes them. Every other call form (a config object, a cursor, a callback) goes through as it was.
 */
export function prepareRepeated(client: pg.PoolClient): void {
  const c = client as unknown as { query: QueryFn };
  const original = c.query;
  c.query = function (this: unknown, ...args: unknown[]): unknown {
    const [text, values] = args;
    if (args.length !== 2 || typeof text !== 'string' || !Array.isArray(values) || !values.length) return original.apply(this, args);
    const name = statementName(text);
    if (name === null) return original.apply(this, args);
    const run = original.call(this, { name, text, values }) as Promise<unknown>;
    return run.catch((e: unknown) => {
      if ((e as { code?: string }).code !== PLAN_CHANGED) throw e;
      refused.add(text);
      named.delete(text);
      return original.call(this, text, values);
    });
  };
}
