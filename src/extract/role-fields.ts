import type { Attested, IncidentReport, RoleMention, Span } from '../model/index.js';
import { TARGET_TYPE_RULES, WEAPON_RULES } from './incident-types.js';
import type { SpanIndex } from '../nlp/span-index.js';

const ROLE_STAGE = 'nlp.roles';

/**
 * Weapon words the GTD rules in incident-types.ts do not list but MUC-style
 * reports use ("dynamite", "machinegun"). Consulted after WEAPON_RULES.
 */
const EXTRA_WEAPON_RULES: { pattern: RegExp; type: string }[] = [
  { pattern: /\b(dynamite|mines?|car[- ]bombs?|charges?|explosive devices?|tnt|bazookas?|launchers?|artillery)\b/i, type: 'Explosives' },
  { pattern: /\b(machineguns?|submachineguns?|carbines?|revolvers?|shotguns?|m-?16s?|fal|galil|uzis?|weapons?|arms|bullets?|shots?)\b/i, type: 'Firearms' },
  { pattern: /\b(machetes?|blades?|clubs?|sticks?|stones?)\b/i, type: 'Melee' },
];

/** Runs of whitespace in a filler, collapsed to one space ("Shining\n Path"). */
const WHITESPACE_RUN = /\s+/g;

function overlapsAny(s: Span, xs: readonly Attested<unknown>[]): boolean {
  return xs.some((x) => x.evidence.some((e) => s.start < e.end && e.start < s.end));
}

function attested<T>(value: T, r: RoleMention, what: string): Attested<T> {
  return {
    value,
    evidence: [{ start: r.start, end: r.end }],
    // The tagger's own confidence, damped: a filler of some event in the
    // clause is not always a filler of this incident.
    confidence: Math.round(r.confidence * 0.8 * 1000) / 1000,
    stage: ROLE_STAGE,
    reason: `${r.reason}; ${what}; tagger confidence ${r.confidence.toFixed(2)}`,
  };
}

/**
 * Merge the learned role tagger's fillers (the incident stage's `roles`) that fall inside an
 * incident's own clauses into its report: PerpInd/PerpOrg → perpetrators,
 * Target → targets, Victim → victims, Weapon → weapons. Rule-made values
 * win where both name the same words.
 */
export function applyRoleMentions(report: IncidentReport, roles: SpanIndex<RoleMention>, segs: readonly Span[]): void {
  // The fillers inside the incident's clauses, in the layer's order (looked up, not scanned: one document has many incidents).
  for (const r of roles.insideAny(segs)) {
    const name = r.text.trim().replace(WHITESPACE_RUN, ' ');
    if (!name) continue;
    switch (r.role) {
      case 'PerpInd':
      case 'PerpOrg': {
        if (overlapsAny(r, report.perpetrators)) break;
        const kind = r.role === 'PerpOrg' ? 'group' : 'individual';
        report.perpetrators.push(attested({ name, kind, origin: null }, r, `perpetrator (${kind})`));
        break;
      }
      case 'Target': {
        if (overlapsAny(r, report.targets)) break;
        const rule = TARGET_TYPE_RULES.find((x) => x.pattern.test(name));
        report.targets.push(attested({ name, gtdTargetType: rule?.type ?? 'Unknown' }, r, `target; type: ${rule ? rule.reason : 'no type word'}`));
        break;
      }
      case 'Victim': {
        if (overlapsAny(r, report.victims)) break;
        report.victims.push(attested({ name }, r, 'victim'));
        break;
      }
      case 'Weapon': {
        if (overlapsAny(r, report.weapons)) break;
        const rule = WEAPON_RULES.find((x) => x.pattern.test(name));
        const type = rule?.type ?? EXTRA_WEAPON_RULES.find((x) => x.pattern.test(name))?.type ?? 'Unknown';
        report.weapons.push(attested(type, r, `weapon; GTD type ${type}${rule ? ` (${rule.reason})` : ''}`));
        break;
      }
    }
  }
}
