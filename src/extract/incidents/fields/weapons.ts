import type { Attested } from '../../../model/index.js';
import { findWeapons } from '../../roles.js';
import { attested, type Draft } from '../types.js';

/** A weapon found in the incident's clauses (roles.ts). */
export interface WeaponFound {
  value: string;
  start: number;
  end: number;
  confidence: number;
  reason: string;
}

/** GTD weapon types, main weapon first: GTD codes the primary weapon first. */
const WEAPON_PRIORITY = ['Explosives', 'Firearms', 'Chemical', 'Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)', 'Melee', 'Incendiary'];

function weaponRank(w: string): number {
  const i = WEAPON_PRIORITY.indexOf(w);
  return i < 0 ? WEAPON_PRIORITY.length : i;
}

/**
 * The weapons of every clause of the incident, one per type, the main weapon first: an attack with rifles
 * in which a building was also set on fire is a firearms attack.
 */
export function collectWeapons(text: string, d: Draft): WeaponFound[] {
  const out: WeaponFound[] = [];
  const seen = new Set<string>();
  // A segment told by many hits is listed once for each: read it once (fuzz finding 45).
  const read = new Set<string>();
  for (const seg of d.segs) {
    const key = `${seg.start}:${seg.end}`;
    if (read.has(key)) continue;
    read.add(key);
    for (const w of findWeapons(text, seg)) {
      if (seen.has(w.value)) continue;
      seen.add(w.value);
      out.push(w);
    }
  }
  return out.sort((a, b) => weaponRank(a.value) - weaponRank(b.value));
}

/** The weapons field of a report. */
export function weaponsField(weapons: readonly WeaponFound[]): Attested<string>[] {
  return weapons.map((w) => attested(w.value, [{ start: w.start, end: w.end }], w.confidence, w.reason));
}
