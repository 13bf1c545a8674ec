/**
 * The ACLED sub-event types as the CASE 2021 shared task (task 2) codes them,
 * plus the five extra classes that task added (ORG_CRIME, NATURAL_DISASTER,
 * MAN_MADE_DISASTER, DIPLO, ATTRIB). `acled` is ACLED's own wording of the
 * sub-event type, `event` its event type; the five extras have none.
 */
export interface SubtypeInfo {
  code: string;
  acled: string | null;
  event: string | null;
}

export const ACLED_SUBTYPES: readonly SubtypeInfo[] = Object.freeze([
  { code: 'ARMED_CLASH', acled: 'Armed clash', event: 'Battles' },
  { code: 'GOV_REGAINS_TERIT', acled: 'Government regains territory', event: 'Battles' },
  { code: 'NON_STATE_ACTOR_OVERTAKES_TER', acled: 'Non-state actor overtakes territory', event: 'Battles' },
  { code: 'CHEM_WEAP', acled: 'Chemical weapon', event: 'Explosions/Remote violence' },
  { code: 'AIR_STRIKE', acled: 'Air/drone strike', event: 'Explosions/Remote violence' },
  { code: 'SUIC_BOMB', acled: 'Suicide bomb', event: 'Explosions/Remote violence' },
  { code: 'ART_MISS_ATTACK', acled: 'Shelling/artillery/missile attack', event: 'Explosions/Remote violence' },
  { code: 'REM_EXPLOS', acled: 'Remote explosive/landmine/IED', event: 'Explosions/Remote violence' },
  { code: 'GRENADE', acled: 'Grenade', event: 'Explosions/Remote violence' },
  { code: 'SEX_VIOL', acled: 'Sexual violence', event: 'Violence against civilians' },
  { code: 'ATTACK', acled: 'Attack', event: 'Violence against civilians' },
  { code: 'ABDUCT_DISSAP', acled: 'Abduction/forced disappearance', event: 'Violence against civilians' },
  { code: 'PEACE_PROTEST', acled: 'Peaceful protest', event: 'Protests' },
  { code: 'PROTEST_WITH_INTER', acled: 'Protest with intervention', event: 'Protests' },
  { code: 'FORCE_AGAINST_PROTEST', acled: 'Excessive force against protesters', event: 'Protests' },
  { code: 'VIOL_DEMONSTR', acled: 'Violent demonstration', event: 'Riots' },
  { code: 'MOB_VIOL', acled: 'Mob violence', event: 'Riots' },
  { code: 'AGREEMENT', acled: 'Agreement', event: 'Strategic developments' },
  { code: 'ARREST', acled: 'Arrests', event: 'Strategic developments' },
  { code: 'CHANGE_TO_GROUP_ACT', acled: 'Change to group/activity', event: 'Strategic developments' },
  { code: 'DISR_WEAP', acled: 'Disrupted weapons use', event: 'Strategic developments' },
  { code: 'HQ_ESTABLISHED', acled: 'Headquarters or base established', event: 'Strategic developments' },
  { code: 'PROPERTY_DISTRUCT', acled: 'Looting/property destruction', event: 'Strategic developments' },
  { code: 'NON_VIOL_TERRIT_TRANSFER', acled: 'Non-violent transfer of territory', event: 'Strategic developments' },
  { code: 'ORG_CRIME', acled: null, event: null },
  { code: 'NATURAL_DISASTER', acled: null, event: null },
  { code: 'MAN_MADE_DISASTER', acled: null, event: null },
  { code: 'DIPLO', acled: null, event: null },
  { code: 'ATTRIB', acled: null, event: null },
]);

export const SUBTYPE_CODES: readonly string[] = Object.freeze(ACLED_SUBTYPES.map((s) => s.code));

const BY_CODE = new Map(ACLED_SUBTYPES.map((s) => [s.code, s]));

export function subtypeInfo(code: string): SubtypeInfo | undefined {
  return BY_CODE.get(code);
}
