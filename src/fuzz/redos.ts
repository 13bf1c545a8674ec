import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The ReDoS check: every regular expression the sources write (literals and `new RegExp` of a
 * literal, found by reading the sources as the code-shape test does) and every one the code builds
 * at run time (rule tables joined from word lists, recorded while the modules load and the pipeline
 * reads the samples), checked with recheck. recheck decides by automata theory where it can and by
 * fuzzing otherwise; its verdicts are cached by pattern, so a second run checks only new patterns.
 */

export interface FoundRegex {
  source: string;
  flags: string;
  /** "src/nlp/dates.ts:42" for a literal; "built at run time (src/…)" for a constructed one. */
  where: string;
}

export interface RegexVerdict extends FoundRegex {
  status: 'safe' | 'vulnerable' | 'unknown';
  /** "linear", "polynomial (degree 2)", "exponential", or why the check gave up. */
  complexity: string;
  /** recheck's attack string, as a JavaScript expression ("'a'.repeat(31) + '!'"), for a vulnerable one. */
  attack?: string;
}

/** The repository's src/, from this file's place in src/fuzz or dist/src/fuzz. */
export const SRC_DIR = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../../src/' : '../', import.meta.url));

/** Folders whose regular expressions face document text (the rule tables and what reads input). */
export const REDOS_FOLDERS = ['extract', 'nlp', 'intake', 'classify', 'export', 'resolve', 'pipeline', 'model', 'eval', 'learn', 'store', 'cli', 'queue', 'review'];

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function literalText(n: ts.Node | undefined): string | null {
  if (!n) return '';
  return ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : null;
}

/** The regex literals and `new RegExp('literal', 'flags')` calls of one file. */
export function regexesInSource(file: string, text: string, label = file): FoundRegex[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: FoundRegex[] = [];
  const where = (n: ts.Node): string => `${label}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const t = n.getText(src);
      const end = t.lastIndexOf('/');
      out.push({ source: t.slice(1, end), flags: t.slice(end + 1), where: where(n) });
    } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
      const s = literalText(n.arguments?.[0]);
      const f = literalText(n.arguments?.[1]);
      if (s !== null && s !== '' && f !== null) out.push({ source: s, flags: f, where: where(n) });
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

/** Every regex written in the sources of REDOS_FOLDERS. */
export function sourceRegexes(folders: readonly string[] = REDOS_FOLDERS): FoundRegex[] {
  return folders.flatMap((d) => sources(join(SRC_DIR, d))).flatMap((f) => regexesInSource(f, readFileSync(f, 'utf8'), relative(join(SRC_DIR, '..'), f)));
}

/**
 * Run `load` with the RegExp constructor watched, and return every pattern built meanwhile that is
 * not a literal of the sources: the rule tables built from word lists when their modules load, and
 * those built while reading a document. Call it before the modules are first imported.
 */
export async function builtRegexes(load: () => Promise<void>): Promise<FoundRegex[]> {
  const Native = globalThis.RegExp;
  const seen = new Map<string, FoundRegex>();
  const record = (args: unknown[]): void => {
    const [p, f] = args;
    const source = p instanceof Native ? p.source : typeof p === 'string' ? p : null;
    const flags = typeof f === 'string' ? f : p instanceof Native ? p.flags : '';
    if (!source || seen.has(`${flags}/${source}`)) return;
    // The caller: the first frame outside this file. Libraries' own patterns (jsdom's selector engines) are theirs to check.
    const frame = (new Error().stack ?? '').split('\n').slice(1).find((l) => l.includes('/') && !l.includes('/fuzz/redos.'));
    if (!frame || frame.includes('/node_modules/') || !frame.includes('/src/')) return;
    const at = frame.match(/\/(src\/[^:)]+)/)?.[1]?.replace(/\.js$/, '.ts') ?? 'unknown';
    seen.set(`${flags}/${source}`, { source, flags, where: `built at run time (${at})` });
  };
  globalThis.RegExp = new Proxy(Native, {
    construct(target, args, newTarget) {
      record(args);
      return Reflect.construct(target, args, newTarget) as object;
    },
    apply(target, self, args) {
      record(args);
      return Reflect.apply(target, self, args) as unknown;
    },
  });
  try {
    await load();
  } finally {
    globalThis.RegExp = Native;
  }
  return [...seen.values()];
}

/** Checked patterns, by recheck version, flags and source. */
type Cache = Record<string, Omit<RegexVerdict, keyof FoundRegex>>;
const requireCjs = createRequire(import.meta.url);
const RECHECK_VERSION = (requireCjs('recheck/package.json') as { version: string }).version;
const CACHE_FILE = join(tmpdir(), `dossier-redos-cache-${RECHECK_VERSION}.json`);

/**
 * Every pattern's verdict from the last full check (`npm run redos -- --write-verdicts`), in the
 * repository, keyed by a hash of flags and source. A fresh clone (CI) then runs recheck only on the
 * patterns written or changed since, instead of sampling all 1 100 within a time budget, and the
 * test re-checks a rotating sample of the stored verdicts so the file cannot drift from recheck.
 */
export const VERDICTS_FILE = join(SRC_DIR, 'fuzz', 'redos-verdicts.json');

interface VerdictsFile {
  recheck: string;
  verdicts: Record<string, Omit<RegexVerdict, keyof FoundRegex | 'attack'>>;
}

/** The stored verdicts' key of a pattern: 16 hex digits of the SHA-256 of flags and source. */
export function patternKey(r: Pick<FoundRegex, 'flags' | 'source'>): string {
  return createHash('sha256').update(`${r.flags}/${r.source}`).digest('hex').slice(0, 16);
}

let committed: VerdictsFile['verdicts'] | undefined;

/** The stored verdict of a pattern, if the last full check saw it with this recheck version. */
export function storedVerdict(r: FoundRegex): RegexVerdict | null {
  if (!committed) {
    try {
      const f = JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as VerdictsFile;
      committed = f.recheck === RECHECK_VERSION ? f.verdicts : {};
    } catch {
      committed = {};
    }
  }
  const v = committed[patternKey(r)];
  return v ? { ...r, ...v } : null;
}

/** Write every verdict of a full check; returns how many. */
export function writeVerdicts(verdicts: readonly RegexVerdict[]): number {
  const out: VerdictsFile = { recheck: RECHECK_VERSION, verdicts: {} };
  const sorted = [...verdicts].sort((a, b) => (patternKey(a) < patternKey(b) ? -1 : 1));
  for (const v of sorted) out.verdicts[patternKey(v)] = { status: v.status, complexity: v.complexity };
  writeFileSync(VERDICTS_FILE, JSON.stringify(out, null, 0).replace(/\},"/g, '},\n"') + '\n');
  committed = undefined;
  return sorted.length;
}

function readCache(): Cache {
  try {
    return JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Cache;
  } catch {
    return {};
  }
}

interface Diagnostics {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: { type: string; degree?: number };
  attack?: { pattern: string };
  error?: { kind: string };
}

function describeComplexity(d: Diagnostics): string {
  if (d.status === 'unknown') return `unknown (${d.error?.kind ?? 'error'})`;
  const c = d.complexity;
  if (!c) return d.status;
  return c.type === 'polynomial' ? `polynomial (degree ${c.degree})` : c.type;
}

/** Check patterns with recheck, `timeoutMs` at most each; cached verdicts are reused. */
export async function checkRegexes(found: readonly FoundRegex[], timeoutMs = 5000, useCache = true): Promise<RegexVerdict[]> {
  const { check } = requireCjs('recheck') as { check: (s: string, f: string, p: object) => Promise<Diagnostics> };
  const cache = useCache ? readCache() : {};
  const out: RegexVerdict[] = [];
  for (const r of found) {
    const key = `${RECHECK_VERSION}|${r.flags}|${r.source}`;
    // The repository's stored verdicts (the last full check) first: a machine cache may hold an older
    // run's timeouts. The cache then answers for patterns written since.
    const stored = useCache ? storedVerdict(r) : null;
    let v = stored ? { status: stored.status, complexity: stored.complexity } : cache[key];
    if (!v) {
      let d: Diagnostics;
      try {
        d = await check(r.source, r.flags.replace(/[^dgimsuvy]/g, ''), { timeout: timeoutMs });
      } catch (e) {
        d = { status: 'unknown', error: { kind: (e as Error).message } };
      }
      v = { status: d.status, complexity: describeComplexity(d), ...(d.attack ? { attack: d.attack.pattern } : {}) };
      // A timeout is kept too (a check that gave up once usually gives up again); --no-cache retries it.
      cache[key] = v;
    }
    out.push({ ...r, ...v });
  }
  if (useCache) writeFileSync(CACHE_FILE, JSON.stringify(cache));
  return out;
}

/** Unique by flags and source, the first place each is written kept. */
export function uniquePatterns(found: readonly FoundRegex[]): FoundRegex[] {
  const seen = new Map<string, FoundRegex>();
  for (const r of found) if (!seen.has(`${r.flags}/${r.source}`)) seen.set(`${r.flags}/${r.source}`, r);
  return [...seen.values()];
}
