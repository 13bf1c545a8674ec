/**
 * PLOVER gold-standard records as extra training items: a record is used only
 * where its PLOVER event/mode maps clearly onto one ACLED sub-event type.
 * Records that could be several ACLED classes (FIGHT/heavy-weapons: shelling
 * or air strikes or ground offensives; AGREE: anything from trade to truces)
 * are left out.
 */
const RIOT_MODE = /^riot/;
const DEMO_MODE = /^(?:demo|strike)/;
const DIPLOMATIC = /diplomatic/;
const MILITARY = /military/;

export function ploverToAcled(event: string, mode: string, context: string): string | null {
  const m = mode || '';
  switch (event) {
    case 'PROTEST':
      if (RIOT_MODE.test(m)) return 'VIOL_DEMONSTR';
      if (DEMO_MODE.test(m)) return 'PEACE_PROTEST';
      return null;
    case 'COERCE':
      if (m === 'arrest' || m === 'detain') return 'ARREST';
      if (m === 'destroy') return 'PROPERTY_DISTRUCT';
      return null;
    case 'ASSAULT':
      if (m === 'suicide-attack') return 'SUIC_BOMB';
      if (m === 'sexual') return 'SEX_VIOL';
      if (m === 'explosives') return 'REM_EXPLOS';
      if (m === 'abduct') return 'ABDUCT_DISSAP';
      if (['assassinate', 'beat', 'torture', 'primitive', 'firearms'].includes(m)) return 'ATTACK';
      return null;
    case 'CONSULT':
      return 'DIPLO';
    case 'SANCTION':
    case 'DISAPPROVE':
      return DIPLOMATIC.test(context) ? 'DIPLO' : null;
    case 'THREATEN':
      return m === 'relations' ? 'DIPLO' : null;
    case 'MOBILIZE':
      return m === 'troops' && MILITARY.test(context) ? 'CHANGE_TO_GROUP_ACT' : null;
    default:
      return null;
  }
}

export interface PloverRecord {
  id: string;
  event: string;
  mode?: string;
  context?: string;
  text?: string;
}
