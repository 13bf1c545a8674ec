import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { intakeBuffer } from '../intake/index.js';
import { DossierError, type IncidentReport, type RoleMention } from '../model/index.js';
import { findRoles } from '../nlp/roles/index.js';
import { defaultContext, runPipeline } from '../pipeline/index.js';
import { MUC_ROLES, normalizeMention, scoreCeafRee, type Entity, type MucRole, type RoleEntities } from './ceaf.js';
import type { Dataset, EvalOptions, EvalResult, EvalRow } from './types.js';

/**
 * MUC-4 role-filler entity extraction (the GRIT / Du et al. 2021 setting):
 * PerpInd, PerpOrg, Target, Victim, Weapon, scored with CEAF-REE (phi_strict,
 * micro over roles). Each document goes through the real pipeline (intake →
 * stages → incident reports); the fillers are the values of its incident
 * reports. See docs/eval-muc4.md.
 */

export interface MucDoc {
  docid: string;
  doctext: string;
  extracts: Record<string, [string, number][][]>;
}

/** Which pipeline output counts as a predicted filler. */
export type FillerSource =
  /** Values of the incident reports (rule-made and tagger-made). */
  | 'incidents'
  /** Only tagger-made values of incident reports. */
  | 'incident-roles'
  /** Every tagger span in the document, incident or not. */
  | 'roles'
  /** Every tagger span, plus the rule-made values of the incident reports: the default. */
  | 'roles+incidents';

export interface Muc4Options extends EvalOptions {
  source?: FillerSource;
  /** 'one': each predicted entity is its first mention (as GRIT outputs); 'all': every distinct mention in the cluster. */
  entityMentions?: 'one' | 'all';
}

const DEFAULTS: Required<Pick<Muc4Options, 'source' | 'entityMentions'>> = { source: 'roles+incidents', entityMentions: 'one' };

export function readMucFile(path: string): MucDoc[] {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'dev.jsonl') : path;
  const out: MucDoc[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let rec: Partial<MucDoc>;
    try {
      rec = JSON.parse(line) as Partial<MucDoc>;
    } catch (e) {
      throw new DossierError('E_USAGE', `${file}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (typeof rec.docid !== 'string' || typeof rec.doctext !== 'string') throw new DossierError('E_USAGE', `${file}:${i + 1}: expected {docid, doctext, extracts}`);
    out.push({ docid: rec.docid, doctext: rec.doctext, extracts: rec.extracts ?? {} });
  }
  return out;
}

/** Gold entities: mention strings of each non-empty entity. */
export function goldEntities(d: MucDoc): RoleEntities {
  const out: RoleEntities = {};
  for (const role of MUC_ROLES) out[role] = (d.extracts[role] ?? []).map((e) => e.map(([m]) => m)).filter((e) => e.length > 0);
  return out;
}

interface Filler {
  role: MucRole;
  text: string;
  start: number;
}

function fillersOfReport(r: IncidentReport, text: string, onlyTagger: boolean): Filler[] {
  const out: Filler[] = [];
  const add = (role: MucRole, a: { evidence: { start: number; end: number }[]; stage: string }): void => {
    if (onlyTagger && a.stage !== 'nlp.roles') return;
    const e = a.evidence[0];
    if (e) out.push({ role, text: text.slice(e.start, e.end), start: e.start });
  };
  for (const p of r.perpetrators) add(p.value.kind === 'group' || p.value.kind === 'state' ? 'PerpOrg' : 'PerpInd', p);
  for (const t of r.targets) if (!armedSide(text, t)) add('Target', t);
  for (const v of r.victims) if (!armedSide(text, v)) add('Victim', v);
  for (const w of r.weapons) if (!namesNoWeapon(text.slice(w.evidence[0]?.start ?? 0, w.evidence[0]?.end ?? 0))) add('Weapon', w);
  return out;
}

/**
 * MUC-4's templates are terrorist acts against civilians and civilian targets; an attack on soldiers,
 * police or their posts is out of its scope, so a victim or target that names forces fills no slot (28 of
 * 1,748 gold victim and target mentions in MUC-4 train and dev name forces at all). Our reports keep them:
 * ACLED and GTD code such attacks.
 */
const FORCES = /\b(?:soldiers?|troops|police(?:m[ae]n)?|guards?|army|military|air force|servicem[ae]n|patrols?|battalions?)\b/i;

function armedSide(text: string, a: { evidence: { start: number; end: number }[] }): boolean {
  const e = a.evidence[0];
  return !!e && namesForces(text.slice(e.start, e.end));
}

/** Whether a victim's or target's words name forces (out of MUC-4's scope). */
export function namesForces(words: string): boolean {
  return FORCES.test(words);
}

/** Whether a weapon's evidence is the event's own noun rather than the device's words. */
export function namesNoWeapon(words: string): boolean {
  return EVENT_WORDS.test(words.trim());
}

/**
 * A weapon type read from the event's own noun ("an explosion" → Explosives, "opened fire" → Firearms)
 * names no instrument: MUC-4's Weapon slot holds the words for the device ("bomb", "dynamite", "rifles").
 * The GTD and ACLED exports keep the type; the MUC-4 filler needs the device's words.
 */
const EVENT_WORDS = /^(?:(?:an?|the)\s+)?(?:explosions?|blasts?|bombings?|shootings?|attacks?|detonations?|opened fire|gunfire|shots? fired)$/i;

/**
 * Group a role's fillers into entities: two mentions are one entity when
 * their normalised strings are equal or one contains the other at word
 * boundaries ("guerrillas" / "the guerrillas", "fmln" / "the fmln command").
 * Entities keep document order of their first mention.
 */
export function clusterFillers(fillers: readonly Filler[], entityMentions: 'one' | 'all'): RoleEntities {
  const out: RoleEntities = {};
  for (const role of MUC_ROLES) {
    const fs = fillers.filter((f) => f.role === role).sort((a, b) => a.start - b.start);
    const clusters: { keys: string[]; mentions: string[] }[] = [];
    for (const f of fs) {
      const key = normalizeMention(f.text);
      if (!key) continue;
      const contains = (a: string, b: string): boolean => ` ${a} `.includes(` ${b} `);
      const c = clusters.find((x) => x.keys.some((k) => k === key || contains(k, key) || contains(key, k)));
      if (c) {
        if (!c.keys.includes(key)) {
          c.keys.push(key);
          c.mentions.push(f.text.trim());
        }
      } else clusters.push({ keys: [key], mentions: [f.text.trim()] });
    }
    out[role] = clusters.map((c): Entity => (entityMentions === 'one' ? [c.mentions[0]!] : c.mentions));
  }
  return out;
}

/** Predicted entities for one document through the real pipeline. */
export function predictDoc(d: MucDoc, opts: Muc4Options = {}): RoleEntities {
  const { source, entityMentions } = { ...DEFAULTS, ...opts };
  const doc = intakeBuffer(Buffer.from(d.doctext), `muc4:${d.docid}`, 'text');
  const st = runPipeline(doc, opts.ctx);
  let fillers: Filler[];
  // The tagger over every sentence: the pipeline tags only the sentences its incidents are in, and these
  // sources score the tagger's own reading of the whole text.
  const all = source === 'roles' || source === 'roles+incidents' ? findRoles(doc.text, st.ann.sentences, (opts.ctx ?? defaultContext()).roleTagger) : [];
  const tagged = all.map((r: RoleMention) => ({ role: r.role, text: r.text, start: r.start }));
  if (source === 'roles') fillers = tagged;
  else if (source === 'roles+incidents') fillers = [...tagged, ...st.incidents.flatMap((r) => fillersOfReport(r, doc.text, false).filter((f) => !tagged.some((t) => t.start === f.start)))];
  else fillers = st.incidents.flatMap((r) => fillersOfReport(r, doc.text, source === 'incident-roles'));
  return clusterFillers(fillers, entityMentions);
}

export function runMuc4(dataPath: string, options: Muc4Options = {}): EvalResult {
  const t0 = Date.now();
  const opts = { ...DEFAULTS, ...options };
  let docs = readMucFile(dataPath);
  if (opts.limit) docs = docs.slice(0, opts.limit);
  const golds: Record<string, RoleEntities> = {};
  const preds: Record<string, RoleEntities> = {};
  for (const d of docs) {
    golds[d.docid] = goldEntities(d);
    preds[d.docid] = predictDoc(d, opts);
  }
  const s = scoreCeafRee(golds, preds);
  const row = (name: string, x: { precision: number; recall: number; f1: number; gold: number }): EvalRow => ({ name, precision: x.precision, recall: x.recall, f1: x.f1, support: x.gold });
  return {
    dataset: 'muc4',
    data: dataPath,
    items: docs.length,
    rows: MUC_ROLES.map((r) => row(r, s.roles[r])),
    overall: row('micro', s.micro),
    notes: [
      'CEAF-REE (GRIT, Du et al. 2021): per document and role, optimal one-to-one entity alignment; a predicted entity matches a gold one when all its mentions are among the gold mentions (phi_strict); micro over the five roles; support = gold entities',
      'mentions compared after GRIT normalisation: lower-case, ASCII punctuation and the words a/an/the removed, spaces collapsed',
      `predicted fillers: ${opts.source === 'roles' ? 'every role-tagger span in the document' : opts.source === 'roles+incidents' ? 'every role-tagger span in the document plus the values of its incident reports' : opts.source === 'incident-roles' ? 'role-tagger values of the incident reports (spans outside any incident do not count)' : 'all values of the incident reports'}; each predicted entity given by ${opts.entityMentions === 'one' ? 'its first mention' : 'all its distinct mentions'}`,
      `matched/predicted/gold entities: ${s.micro.matched}/${s.micro.predicted}/${s.micro.gold}`,
    ],
    predictions: preds,
    seconds: (Date.now() - t0) / 1000,
  };
}

export const MUC4: Dataset = {
  name: 'muc4',
  input: 'either',
  description: 'MUC-4 role-filler entities (PerpInd, PerpOrg, Target, Victim, Weapon), CEAF-REE micro P/R/F1',
  run(dataPath, options): EvalResult {
    return runMuc4(dataPath, options);
  },
};
