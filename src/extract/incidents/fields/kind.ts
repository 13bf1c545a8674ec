import type { Attested, IncidentKind, IncidentType } from '../../../model/index.js';
import { incidentType } from '../../incident-types.js';
import { KIND_PRIORITY } from '../../triggers.js';
import { TYPE_CONFIDENCE } from '../constants.js';
import { attested, type Draft } from '../types.js';
import type { WeaponFound } from './weapons.js';

/**
 * Kind: the most informative kind any mention gave. "terrorist attacks … with an assault rifle" is an
 * armed assault; with a bomb, a bombing (`weapons` come main weapon first).
 */
export function reportKind(d: Draft, weapons: readonly WeaponFound[]): { kind: IncidentKind; type: Attested<IncidentType> } {
  const kinds = [...d.kinds].sort((a, b) => KIND_PRIORITY.indexOf(a.kind) - KIND_PRIORITY.indexOf(b.kind));
  let kind = kinds[0]!.kind;
  if (kind === 'attack' && weapons.length) {
    const w = weapons[0]!.value;
    if (w === 'Firearms') kind = 'armed_assault';
    else if (w === 'Explosives') kind = 'bombing';
  }
  const typeReason = kinds[0]!.reason + (kind !== kinds[0]!.kind ? `; refined to ${kind} by the weapon` : '');
  const type = attested(incidentType(kind), kinds.filter((k) => k.kind === kinds[0]!.kind).map((k) => k.span), TYPE_CONFIDENCE, typeReason);
  return { kind, type };
}
