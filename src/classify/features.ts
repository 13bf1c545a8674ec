/**
 * Features for the event classifier: lower-cased word unigrams and bigrams
 * (light suffix folding so "shelled/shelling/shells" share a stem), plus one
 * feature per keyword rule that fires. Numbers fold to "<num>".
 */
import { ruleHits, type RuleHit } from './rules.js';

const WORD = /[a-z][a-z'-]*[a-z]|[a-z]|\d+(?:[.,]\d+)*/g;

const STOP = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'and', 'or', 'for', 'by', 'with', 'from', 'as', 'is', 'was', 'were', 'are', 'be', 'been', 'has', 'have', 'had', 'that', 'this', 'it', 'its', 'their', 'his', 'her', 'which', 'who', 'said', 'says', 'say']);

/** Crude stemmer: enough to merge inflections, not a linguistic analysis. */
export function stem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 5) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 6) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 5 && /(?:ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const w = m[0];
    out.push(/^\d/.test(w) ? '<num>' : stem(w.replace(/^'+|'+$/g, '')));
  }
  return out;
}

export interface Featurized {
  /** Feature names, each once. */
  names: string[];
  hits: RuleHit[];
}

/** The most characters of a snippet the classifier reads: the lead carries the event. */
export const MAX_CHARS = 1200;

export function featurize(text: string): Featurized {
  const t = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const toks = tokens(t);
  const names = new Set<string>();
  let prev = '<s>';
  for (const w of toks) {
    if (!STOP.has(w)) names.add(`w:${w}`);
    names.add(`b:${prev}_${w}`);
    prev = w;
  }
  const hits = ruleHits(t);
  for (const h of hits) names.add(`r:${h.rule.id}`);
  // Who acts matters where the words do not: "captured the town" is a
  // government gain or a non-state one depending on the first actor named.
  const actor = firstActor(t);
  if (actor) {
    names.add(`a:${actor}`);
    for (const h of hits) names.add(`x:${h.rule.id}_${actor}`);
  }
  return { names: [...names], hits };
}

const GOV_ACTOR = /\b(?:army|armed forces|government (?:forces|troops|soldiers)|security forces|troops|soldiers|military|police|regime forces|national army|pro-government|state forces|forces loyal to the government)\b/i;
const NON_STATE_ACTOR = /\b(?:rebels?|militants?|insurgents?|jihadists?|fighters|militias?|militiamen|taliban|islamic state|isis|isil|daesh|al-shabaa?b|shabaab|boko haram|houthis?|separatists?|guerrillas?|gunmen|terrorists?|opposition factions|armed groups?|hezbollah|hts|pkk|ypg|sdf)\b/i;

/** 'gov' or 'ns' for the actor named first in the text, or null. */
export function firstActor(text: string): 'gov' | 'ns' | null {
  const g = GOV_ACTOR.exec(text);
  const n = NON_STATE_ACTOR.exec(text);
  if (!g && !n) return null;
  if (g && (!n || g.index < n.index)) return 'gov';
  return 'ns';
}
