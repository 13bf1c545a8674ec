/**
 * PLOVER gold-standard records as extra training items: a record is used only
 * where its PLOVER event/mode maps clearly onto one ACLED sub-event type.
 * Records that could be several ACLED classes (FIGHT/heavy-weapons: shelling
 * or air strikes or ground offensives; AGREE: anything from trade to truces)
 * are left out.
 */
export function ploverToAcled(event: string, mode: string, context: string): string | null {
  const m = mode || '';
  switch (event) {
    case 'PROTEST':
      if (/^riot/.test(m)) return 'VIOL_DEMONSTR';
      if (/^(?:demo|strike)/.test(m)) return 'PEACE_PROTEST';
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
      return /diplomatic/.test(context) ? 'DIPLO' : null;
    case 'THREATEN':
      return m === 'relations' ? 'DIPLO' : null;
    case 'MOBILIZE':
      return m === 'troops' && /military/.test(context) ? 'CHANGE_TO_GROUP_ACT' : null;
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
