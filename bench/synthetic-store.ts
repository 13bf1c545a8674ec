/**
 * The synthetic store the benchmarks share (bench:store, bench:api): about N incidents built through
 * the real save path, reused when store_info 'bench' says this generator built it at this size.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Annotations, Attested, Claim, Count, Doc, IncidentKind, IncidentReport, PlaceRef, Sentence } from '../src/model/index.js';
import { incidentType } from '../src/extract/incident-types.js';
import { isPostgresUrl, openStore, redact } from '../src/store/index.js';
import { saveResolved } from '../src/pipeline/index.js';
import { recreatePgDatabase, removeSqlite } from './bench-db.js';
import { REPLICA_VERSION, REPLICA_VERSION_BEFORE_SUMMARIES, SEED_INCIDENTS, checkReplica, replicate, upgradeReplica } from './replicate-store.js';

/** Bump when the generator or the save path changes: a store built by another version is rebuilt. */
export const GENERATOR_VERSION = '3';
/** Documents per write transaction while building: one transaction per document costs a commit (an fsync) each. */
const BUILD_BATCH_DOCS = 200;
/** Documents saved between progress lines while building. */
const PROGRESS_EVERY = 2_000;

export const COUNTRIES: [string, string][] = [
  ['CO', 'Colombia'], ['PE', 'Peru'], ['IQ', 'Iraq'], ['AF', 'Afghanistan'], ['PK', 'Pakistan'], ['IN', 'India'], ['NG', 'Nigeria'], ['SO', 'Somalia'],
  ['SY', 'Syria'], ['YE', 'Yemen'], ['LY', 'Libya'], ['ML', 'Mali'], ['PH', 'Philippines'], ['TH', 'Thailand'], ['TR', 'Turkey'], ['EG', 'Egypt'],
  ['GB', 'United Kingdom'], ['ES', 'Spain'], ['FR', 'France'], ['DE', 'Germany'], ['US', 'United States'], ['MX', 'Mexico'], ['SV', 'El Salvador'], ['GT', 'Guatemala'],
  ['LB', 'Lebanon'], ['IL', 'Israel'], ['DZ', 'Algeria'], ['LK', 'Sri Lanka'], ['BD', 'Bangladesh'], ['NP', 'Nepal'], ['CD', 'DR Congo'], ['SD', 'Sudan'],
];
const KINDS: IncidentKind[] = ['armed_assault', 'bombing', 'suicide_bombing', 'arson', 'riot', 'missile_strike', 'hostage_taking', 'assassination'];
const WEAPONS = ['a car bomb', 'rifles', 'a suicide vest', 'grenades', 'a roadside bomb', 'machetes', 'mortar rounds'];
const GROUPS = ['Islamic State', 'al-Shabaab', 'Boko Haram', 'the Taliban', 'the National Liberation Army', 'the Shining Path', 'FARC rebels'];
const TARGETS = ['a police checkpoint', 'a market', 'a bus station', 'a wedding party', 'an army convoy', 'a mosque', 'a school', 'a power line'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Syllables for filler words: every document's wording differs, so no two are near copies. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vor', 'den', 'pa', 'gri', 'nol', 'te', 'bas', 'um', 'fel', 'zi', 'qua', 'ro', 'wen', 'dak'];

/** The generator's seed: each build starts from it, so every backend holds the same store. */
const SEED = 20261201;
let seed = SEED;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const word = (): string => Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(SYLLABLES)).join('');
const filler = (words: number): string => `${Array.from({ length: words }, word).join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
const att = <T>(value: T, start: number, end: number): Attested<T> => ({ value, evidence: [{ start, end }], confidence: 0.8, stage: 'bench', reason: 'synthetic' });

interface Built {
  doc: Doc;
  ann: Annotations;
  reports: IncidentReport[];
  claims: Claim[];
}

/** One incident's paragraph: the anchor sentence, a claim sentence, filler. Appends to `parts`; returns the report. */
function incidentParagraph(parts: string[], at: number, docId: string, index: number, sentences: Sentence[]): { report: IncidentReport; claim: Claim; length: number } {
  const [cc, cname] = pick(COUNTRIES);
  const kind = pick(KINDS);
  const year = 1970 + Math.floor(rnd() * 50);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const killed = Math.floor(rnd() * 40);
  const city = `${word().replace(/^./, (c) => c.toUpperCase())}ville`;
  const weapon = pick(WEAPONS);
  const group = pick(GROUPS);
  const anchor = `At least ${killed} people were killed when gunmen attacked ${pick(TARGETS)} with ${weapon} in ${city}, ${cname}, on ${MONTHS[month - 1]} ${day}, ${year}, officials said.`;
  const claimText = `${group} claimed responsibility in a statement, ${word()} ${word()} said.`;
  const para = `${anchor} ${claimText} ${filler(40 + Math.floor(rnd() * 40))} ${filler(30 + Math.floor(rnd() * 30))}`;
  const a = { start: at, end: at + anchor.length };
  const c = { start: a.end + 1, end: a.end + 1 + claimText.length };
  sentences.push({ start: a.start, end: a.end, index: sentences.length, stage: 'bench', reason: 'synthetic' }, { start: c.start, end: c.end, index: sentences.length + 1, stage: 'bench', reason: 'synthetic' });
  parts.push(para);
  const place: PlaceRef = { geonameid: 1_000_000 + Math.floor(rnd() * 9_000_000), name: city, featureCode: 'PPL', lat: -50 + rnd() * 100, lon: -150 + rnd() * 300, countryCode: cc, countryName: cname, admin1Code: '01', admin1Name: 'Region', population: 50_000 };
  const count: Count = { value: killed, qualifier: 'at_least', low: null, high: null, text: `At least ${killed}` };
  const report: IncidentReport = {
    id: `${docId.slice(0, 16)}:${index}`, docId, index, anchor: a, inPassing: false,
    type: att(incidentType(kind), a.start, a.end),
    date: att({ year, month, day, precision: 'day' as const }, a.start, a.end),
    locations: [att({ place, relation: 'in' as const }, a.start, a.end)],
    perpetrators: [att({ name: group, kind: 'group' as const, origin: null }, c.start, c.end)], targets: [], victims: [],
    weapons: [att(weapon.includes('bomb') ? 'Explosives' : 'Firearms', a.start, a.end)],
    killedVictims: att(count, a.start, a.end), killedPerpetrators: null, killedTotal: att(count, a.start, a.end), injured: null, arrested: null, facilities: [],
    label: `${kind.replace(/_/g, ' ')} — ${city}`,
  };
  const claim: Claim = {
    id: `${docId.slice(0, 16)}:c${index}`, docId, index, kind: att('responsibility' as const, c.start, c.end),
    source: att({ name: group, kind: 'organisation' as const, entityKey: null }, c.start, c.end),
    targets: [att({ name: group, role: 'claimed_by' as const, entityKey: null }, c.start, c.end)], incidents: [index],
    modality: att('asserted' as const, c.start, c.end), date: null, cue: { start: c.end - 20, end: c.end - 1 }, content: c,
  };
  return { report, claim, length: para.length };
}

/** A document of one to three incident paragraphs, with its sentences and claims. */
function syntheticDocument(i: number): Built {
  // The number in the first 13 hex digits: the near-copy index keys a document by them (src/store/sql/sketch-keys.ts).
  const id = `${i.toString(16).padStart(13, '0')}${'b'.repeat(51)}`;
  const title = `${filler(6)}`;
  const parts = [title];
  let at = title.length + 2;
  const sentences: Sentence[] = [];
  const reports: IncidentReport[] = [];
  const claims: Claim[] = [];
  const n = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < n; k++) {
    const p = incidentParagraph(parts, at, id, k, sentences);
    reports.push(p.report);
    claims.push(p.claim);
    at += p.length + 2;
  }
  const text = parts.join('\n\n');
  const r0 = reports[0]!.date.value;
  const published = `${r0.year}-${String(r0.month).padStart(2, '0')}-${String(Math.min(28, (r0.day ?? 1) + 1)).padStart(2, '0')}`;
  const doc: Doc = {
    id, text, regions: [{ start: 0, end: title.length, kind: 'title' }, { start: title.length + 2, end: text.length, kind: 'body' }],
    meta: { title, subtitle: null, author: null, publisher: 'Synthetic Wire', published, language: 'en', format: 'text', source: `synthetic/${i}.txt`, url: null },
  };
  return { doc, ann: { sentences, mentions: [], dates: [], quantities: [], roles: [] }, reports, claims };
}

/** What store_info 'bench' holds in a store this generator built with `n` incidents (by copying a seed: see replicate-store.ts). */
const benchKey = (n: number, replicated: boolean): string => (replicated ? `${GENERATOR_VERSION}:${n}:replica${REPLICA_VERSION}:${SEED_INCIDENTS}` : `${GENERATOR_VERSION}:${n}`);

/**
 * Save documents until the store holds `n` incidents, BUILD_BATCH_DOCS per transaction; with
 * `replicated`, save SEED_INCIDENTS and copy them in SQL up to `n`. Returns seconds taken.
 */
async function buildStore(target: string, n: number, replicated: boolean): Promise<number> {
  const t0 = performance.now();
  seed = SEED;
  const store = await openStore(target);
  try {
    let incidents = 0;
    let docs = 0;
    const saved = replicated ? Math.min(n, SEED_INCIDENTS) : n;
    while (incidents < saved) {
      await store.transaction(async () => {
        for (let k = 0; k < BUILD_BATCH_DOCS && incidents < saved; k++, docs++) {
          const b = syntheticDocument(docs);
          const res = await saveResolved(store, { doc: b.doc, ann: b.ann, reports: b.reports, pipelineVersion: 1, extras: { claims: b.claims } });
          incidents += new Set(res.incidentIds).size - new Set(res.mergedInto ?? []).size;
        }
      });
      if (docs % PROGRESS_EVERY === 0) process.stderr.write(`  built ${docs} documents, ${incidents} incidents, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
  } finally {
    await store.close();
  }
  if (replicated) {
    process.stderr.write(`  seed saved in ${((performance.now() - t0) / 1000).toFixed(0)} s; copying it in SQL\n`);
    await replicate(target, n);
  }
  await settle(target);
  // Written last: a build cut short is not taken for a finished one.
  const done = await openStore(target);
  await done.setInfo('bench', benchKey(n, replicated));
  await done.close();
  if (replicated) process.stderr.write(`  ${await checkReplica(target)}\n`);
  return (performance.now() - t0) / 1000;
}

/**
 * After a build, the database as it would be once settled: SQLite's log folded into the file;
 * PostgreSQL's planner statistics and visibility map made, as autovacuum would in time (a fresh
 * bulk load has neither, and the planner guesses).
 */
async function settle(target: string): Promise<void> {
  if (!isPostgresUrl(target)) {
    const db = new Database(target);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return;
  }
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  try {
    await c.query('VACUUM ANALYZE');
  } finally {
    await c.end();
  }
}

/**
 * store_info 'bench' of the target, read through the store on either backend: undefined when there
 * is nothing there (no file, no database), null when it is something other than a bench store.
 */
async function benchInfo(target: string): Promise<string | null | undefined> {
  if (!isPostgresUrl(target) && !existsSync(target)) return undefined;
  try {
    const s = await openStore(target, { readonly: true });
    try {
      return await s.getInfo('bench');
    } finally {
      await s.close();
    }
  } catch {
    // A database that cannot be reached is absent (--pg creates it); a file that is not a store is someone's.
    return isPostgresUrl(target) ? undefined : null;
  }
}

/**
 * Make the target empty for a build. The bench deletes only what it made: a SQLite file is removed
 * only when absent or a bench store; a PostgreSQL database is re-created only with --pg, and is
 * otherwise built into only when empty.
 */
/** A target the bench will not touch: the caller prints it with its usage line and exits 2. */
export class BenchUsageError extends Error {}
function refuse(msg: string): never {
  throw new BenchUsageError(msg);
}

async function emptyTarget(target: string, info: string | null | undefined, managePg: boolean): Promise<void> {
  if (!isPostgresUrl(target)) {
    if (info === null) refuse(`${target} is not a store this bench built: name another path`);
    return removeSqlite(target);
  }
  if (managePg) return recreatePgDatabase(target);
  const s = await openStore(target);
  const docs = (await s.counts()).documents;
  await s.close();
  if (docs > 0) refuse(`${redact(target)} holds ${docs} documents but no bench store of this size: pass --pg to let the bench drop and re-create it, or name an empty database`);
}

/** A bench key in words: "--incidents 1000000 --replicate (generator 7, replica 3)". */
function describeKey(key: string): string {
  const [gen, n, replica] = key.split(':');
  return `--incidents ${n}${replica?.startsWith('replica') ? ` --replicate (generator ${gen}, ${replica.replace('replica', 'replica ')})` : ` (generator ${gen})`}`;
}

/** The target ready to measure: reused, or (re)built. Returns the build's seconds, or null when reused. */
export async function prepare(target: string, n: number, rebuild: boolean, managePg: boolean, replicated = false): Promise<number | null> {
  const info = await benchInfo(target);
  if (!rebuild && info === benchKey(n, replicated)) return null;
  if (!rebuild && replicated && info === `${GENERATOR_VERSION}:${n}:replica${REPLICA_VERSION_BEFORE_SUMMARIES}:${SEED_INCIDENTS}`) {
    process.stderr.write(`upgrading the replica at ${redact(target)}: stored list summaries (migration 13)\n`);
    await upgradeReplica(target);
    const s = await openStore(target);
    await s.setInfo('bench', benchKey(n, replicated));
    await s.close();
    await settle(target);
    process.stderr.write(`  ${await checkReplica(target)}\n`);
    return null;
  }
  // Another bench store (another size, generator, or built with or without --replicate) is rebuilt
  // only when asked: a 1M store takes minutes to build, and a run that named it with other options
  // wiped it silently (2026-12-01: bench:api without --replicate on bench:store's 1M replica).
  if (typeof info === 'string' && !rebuild) {
    refuse(`${redact(target)} holds a bench store built as ${describeKey(info)}, not as ${describeKey(benchKey(n, replicated))}: give the options it was built with, or --rebuild to replace it`);
  }
  await emptyTarget(target, info, managePg);
  process.stderr.write(`building a synthetic store of ${n} incidents at ${redact(target)}${replicated ? ` (a seed of ${SEED_INCIDENTS}, copied)` : ''}\n`);
  return buildStore(target, n, replicated);
}

