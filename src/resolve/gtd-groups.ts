import { readFileSync } from 'node:fs';
import { findRepoFile } from '../learn/model-file.js';
import type { Span } from '../model/index.js';

/**
 * GTD perpetrator group names (gname) as GTD writes them, with the words that stand for each in
 * coder-written summaries: "Maoists" and "CPI-Maoist" → "Communist Party of India - Maoist
 * (CPI-Maoist)", "al-Shabaab" → "Al-Shabaab". The lexicon is learned from gtd-modern train by
 * `npm run train -- --task gtd-groups` (scripts/train-gtd-groups.ts); the pipeline context reads
 * data/lexicons/gtd-groups.json on first use. Without it nothing maps.
 */
export interface GtdGroup {
  /** The canonical GTD gname. */
  name: string;
  /** Coded train incidents of the group. */
  events: number;
  aliases: string[];
}

export interface GtdGroupLexicon {
  groups: GtdGroup[];
}

export interface GtdGroupMention {
  name: string;
  alias: string;
  start: number;
  end: number;
  reason: string;
}

/** A lexicon ready to match (prepareGtdGroups). */
export interface GtdGroups {
  lex: GtdGroupLexicon;
  /** One alternation of every alias, longest first; the alias found says which group. Hyphens bound a word: "Taliban" is not found inside "Tehrik-i-Taliban". */
  pattern: RegExp | null;
  byAlias: Map<string, GtdGroup>;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An alias all capitals and digits is an acronym: matched with its case ("ELN", not "eln"). */
export const isAcronym = (alias: string): boolean => /^[A-Z0-9/-]+$/.test(alias);

/** The key an alias is looked up by: acronyms as written, names lower-cased. */
const keyOf = (alias: string): string => (isAcronym(alias) ? alias : alias.toLowerCase());

/** A lexicon ready to match: one pattern of all its aliases. */
export function prepareGtdGroups(lex: GtdGroupLexicon): GtdGroups {
  const byAlias = new Map<string, GtdGroup>();
  for (const g of lex.groups) for (const a of g.aliases) if (!byAlias.has(keyOf(a))) byAlias.set(keyOf(a), g);
  const aliases = lex.groups.flatMap((g) => g.aliases).sort((a, b) => b.length - a.length);
  // Acronyms keep their case; names are matched in any case ("(?i:…)" is not in Node 20, so names are
  // spelled out case-insensitively letter by letter).
  const alt = aliases.map((a) => (isAcronym(a) ? escapeRe(a) : [...a].map((ch) => (/\p{L}/u.test(ch) && ch.toLowerCase() !== ch.toUpperCase() ? `[${escapeRe(ch.toLowerCase())}${escapeRe(ch.toUpperCase())}]` : escapeRe(ch))).join('')));
  const pattern = alt.length ? new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alt.join('|')})(?![\\p{L}\\p{N}-])`, 'gu') : null;
  return { lex, pattern, byAlias };
}

/** data/lexicons/gtd-groups.json at the repository root; null when there is none. */
export function gtdGroupsFile(): string | null {
  return findRepoFile('data', 'lexicons', 'gtd-groups.json');
}

/** The lexicon in a file, read anew on each call (the pipeline context keeps one); empty without a file. */
export function loadGtdGroups(path: string | null = gtdGroupsFile()): GtdGroups {
  return prepareGtdGroups(path ? (JSON.parse(readFileSync(path, 'utf8')) as GtdGroupLexicon) : { groups: [] });
}

/** Every lexicon group named in a text (or in a span of it), in text order, longest alias first at a place. */
export function gtdGroupMentions(groups: GtdGroups, text: string, span: Span = { start: 0, end: text.length }): GtdGroupMention[] {
  const { pattern, byAlias } = groups;
  if (!pattern) return [];
  const out: GtdGroupMention[] = [];
  const slice = text.slice(span.start, span.end);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
    const g = byAlias.get(keyOf(m[0])) ?? byAlias.get(m[0].toLowerCase());
    if (!g) continue;
    out.push({ name: g.name, alias: m[0], start: span.start + m.index, end: span.start + m.index + m[0].length, reason: `GTD group lexicon: "${m[0]}" names ${g.name} (${g.events} coded train incidents)` });
  }
  return out;
}

/** The canonical GTD gname a name stands for ("the Taliban" → "Taliban"), or null when the lexicon has none. */
export function gtdGroupOf(groups: GtdGroups, name: string): GtdGroupMention | null {
  return gtdGroupMentions(groups, name)[0] ?? null;
}
