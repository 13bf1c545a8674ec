/**
 * `npm run train -- --task gtd-groups --data ../shared/eval/gtd-modern [--cv] [--out FILE]`
 *
 * Builds the GTD group lexicon (src/resolve/gtd-groups.ts reads it) from gtd-modern train by distant
 * supervision: the coded gname values are the canonical names, and which words of the summaries stand for
 * each is learned from where they occur. Candidate aliases come from the name itself (the name without
 * its parenthesis, the acronym in it, its parts around " - ") and from the capitalised words and acronyms
 * of its incidents' summaries that share a word with the name or are its initials. An alias is kept when
 * it occurs in at least MIN_SUPPORT summaries of the group's coded incidents and at least MIN_PRECISION of
 * the coded summaries it occurs in are the group's. Only rows whose gname is coded count.
 *
 * `--cv`: leave-one-region-out (region_txt) figures for the exporter's gname: for each region, the
 * lexicon is built without its rows and the exporter's gname (src/export/gtd.ts gtdGname) is scored on
 * them, for each choice of GNAME_SOURCES; prints and writes nothing.
 *
 * Writes data/lexicons/gtd-groups.json with a record of the data (path, sha256, rows) and settings.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvRecords } from '../src/eval/gtd-csv.js';
import { isAcronym, type GtdGroup, type GtdGroupLexicon } from '../src/resolve/gtd-groups.js';
import { initialsOf as actorInitials } from './train-actors.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** An alias must occur in this many summaries of the group's coded incidents. */
export const MIN_SUPPORT = 3;
/** Of the coded summaries an alias occurs in, at least this share must be the group's. */
export const MIN_PRECISION = 0.6;
/** Groups with fewer coded incidents are left out (too little evidence for any alias). */
export const MIN_EVENTS = 3;
/** gname values that are no group. */
const NOT_A_GROUP = new Set(['', 'unknown', 'other']);

const CAP_TOKEN = /\b[A-Z][\w'`’-]*(?:\s+(?:of|for|the|and|al|e|i|-)?\s*[A-Z][\w'`’-]*){0,5}\b/g;
/** Words that open a mention but are not part of the name: "Suspected Maoists", "The Taliban". */
const LEADING = /^(?:(?:the|a|an|suspected|presumed|alleged|some|several|armed|unidentified|local|militants?|members?|rebels?|of)\s+)+/i;
const ACRONYM = /\b[A-Z][A-Z0-9-]{1,9}\b/g;
const SPLIT_PARTS = /\s+-\s+|:\s+|\//;
/** Words that never make an alias alone: generic words of organisation names, religions, directions. */
const GENERIC_WORDS = new Set(['islam', 'islamic', 'muslim', 'muslims', 'christian', 'state', 'states', 'group', 'groups', 'party', 'force', 'forces', 'army',
  'movement', 'front', 'union', 'council', 'national', 'democratic', 'people', 'peoples', 'people\'s', 'for', 'of', 'and', 'the', 'in', 'al', 'defense', 'defence',
  'militia', 'militias', 'alliance', 'organization', 'organisation', 'liberation', 'revolutionary', 'individual', 'gunmen', 'militants', 'separatists', 'rebels',
  'extremists', 'fundamentalists', 'committee', 'brigade', 'brigades', 'cells', 'cell', 'unit', 'units', 'united', 'resistance', 'jihad', 'north', 'south',
  'east', 'west', 'police', 'government', 'security', 'communist', 'india', 'pakistan', 'iraq', 'colombia']);
const isGeneric = (alias: string): boolean => alias.toLowerCase().split(/[^\p{L}']+/u).filter(Boolean).every((w) => GENERIC_WORDS.has(w));

function nameCandidates(name: string): string[] {
  const out = new Set<string>([name]);
  for (const p of name.split(SPLIT_PARTS)) if (p.trim().length > 2) out.add(p.trim());
  out.add(name.replace(/\s*\([^)]*\)/g, '').trim());
  for (const m of name.match(/\(([^)]+)\)/g) ?? []) out.add(m.slice(1, -1).trim());
  return [...out].filter((x) => x.length > 1);
}

/** Whether an acronym of two letters or more is the initials of the name's words, in order (train-actors.ts). */
function initialsOf(name: string, acronym: string): boolean {
  return acronym.replace(CAPITALS_ONLY, '').length >= 2 && actorInitials(name, acronym);
}
const CAPITALS_ONLY = /[^A-Z]/g;

/** Candidates from a group's summaries: spellings that share a word with the name, and its initials. */
function textCandidates(name: string, summaries: string[]): Set<string> {
  const words = name.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length > 3);
  const shares = (c: string): boolean => c.toLowerCase().split(/[^\p{L}]+/u).some((w) => w.length > 3 && words.some((x) => x.startsWith(w.slice(0, 5)) || w.startsWith(x.slice(0, 5))));
  // One word alone must be a word of the name, or its plural or singular ("Maoists" of "Maoist"): a
  // derived word ("Colombian" of "Colombia") or a possessive names a place or people, not the group.
  const single = (c: string): boolean => !/\s/.test(c) && !/-/.test(c);
  const nameWord = (c: string): boolean => words.some((x) => { const w = c.toLowerCase(); return w === x || w === `${x}s` || `${w}s` === x; });
  const out = new Set<string>();
  for (const s of summaries) {
    for (const m of s.match(CAP_TOKEN) ?? []) {
      const c = m.replace(LEADING, '').trim();
      if (c.length > 2 && shares(c) && !/['’]s$/.test(c) && (!single(c) || nameWord(c))) out.add(c);
    }
    for (const m of s.match(ACRONYM) ?? []) if (m.length >= 2 && initialsOf(name, m)) out.add(m);
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Indexes of the summaries a candidate occurs in (word-bounded; acronyms with their case), cached. */
function occurrences(summaries: string[], cand: string, cache: Map<string, number[]>): number[] {
  let hits = cache.get(cand);
  if (!hits) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRe(cand)}(?![\\p{L}\\p{N}-])`, isAcronym(cand) ? 'u' : 'iu');
    hits = [];
    for (let i = 0; i < summaries.length; i++) if (re.test(summaries[i]!)) hits.push(i);
    cache.set(cand, hits);
  }
  return hits;
}

/**
 * The lexicon from coded rows; `use(i)` says which rows may be read (cross-validation leaves some out),
 * `cache` keeps candidate occurrences between calls over the same records.
 */
export function buildGtdGroups(records: Record<string, string>[], use: (i: number) => boolean = () => true, cache = new Map<string, number[]>()): GtdGroupLexicon {
  const summaries = records.map((r) => r.summary ?? '');
  const coded = records.map((r, i) => use(i) && (r.gname ?? '').trim() !== '');
  const eventsOf = new Map<string, number[]>();
  records.forEach((r, i) => {
    const g = (r.gname ?? '').trim();
    if (coded[i] && !NOT_A_GROUP.has(g.toLowerCase())) (eventsOf.get(g) ?? eventsOf.set(g, []).get(g)!).push(i);
  });
  const best = new Map<string, { group: string; mine: number }>();
  for (const [name, evs] of eventsOf) {
    if (evs.length < MIN_EVENTS) continue;
    const own = new Set(evs);
    const cands = new Set([...nameCandidates(name), ...textCandidates(name, evs.map((i) => summaries[i]!))]);
    for (const c of cands) {
      if (isGeneric(c)) continue;
      const hits = occurrences(summaries, c, cache).filter((h) => coded[h]);
      const mine = hits.filter((h) => own.has(h)).length;
      if (mine < MIN_SUPPORT || mine / hits.length < MIN_PRECISION) continue;
      const key = isAcronym(c) ? c : c.toLowerCase();
      const prev = best.get(key);
      if (!prev || mine > prev.mine) best.set(key, { group: name, mine });
    }
  }
  const groups = new Map<string, GtdGroup>();
  for (const [alias, { group }] of best) {
    const g = groups.get(group) ?? groups.set(group, { name: group, events: eventsOf.get(group)!.length, aliases: [] }).get(group)!;
    g.aliases.push(alias);
  }
  for (const g of groups.values()) g.aliases.sort((a, b) => b.length - a.length || a.localeCompare(b));
  return { groups: [...groups.values()].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name)) };
}

export async function train(args: string[]): Promise<void> {
  const i = args.indexOf('--data');
  const data = resolve(i >= 0 ? args[i + 1]! : join(ROOT, '..', 'shared', 'eval', 'gtd-modern'));
  const file = statSync(data).isDirectory() ? join(data, 'train.csv') : data;
  const bytes = readFileSync(file);
  const records = csvRecords(bytes.toString('utf8'));
  if (args.includes('--cv')) {
    const { gnameCv } = await import('./train-gtd-groups-cv.js');
    gnameCv(records, buildGtdGroups);
    return;
  }
  const o = args.indexOf('--out');
  const out = resolve(o >= 0 ? args[o + 1]! : join(ROOT, 'data', 'lexicons', 'gtd-groups.json'));
  const lex = buildGtdGroups(records);
  mkdirSync(dirname(out), { recursive: true });
  const meta = {
    task: 'gtd-groups',
    description: 'GTD group names (gname) with aliases learned from where they occur in coded gtd-modern train summaries',
    data: { file, sha256: createHash('sha256').update(bytes).digest('hex'), rows: records.length, coded: records.filter((r) => (r.gname ?? '').trim()).length },
    settings: { MIN_SUPPORT, MIN_PRECISION, MIN_EVENTS },
    counts: { groups: lex.groups.length, aliases: lex.groups.reduce((n, g) => n + g.aliases.length, 0) },
    date: new Date().toISOString(),
  };
  writeFileSync(out, `${JSON.stringify({ meta, ...lex }, null, 1)}\n`);
  process.stderr.write(`wrote ${out}: ${meta.counts.groups} groups, ${meta.counts.aliases} aliases\n`);
}
