/** Small display helpers shared by the views. */

export const kindLabel = (k: string | null | undefined): string => (k ? k.replace(/_/g, ' ') : '—');

export const num = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(n));

export function placeLabel(p: { name: string; admin1?: string | null; country?: string | null } | null | undefined): string {
  if (!p) return '—';
  return [p.name, p.admin1 && p.admin1 !== p.name ? p.admin1 : null, p.country && p.country !== p.name ? p.country : null].filter(Boolean).join(', ');
}

/** A value of any shape, as one line of text (an attested value's `value`). */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  const o = v as Record<string, unknown>;
  if (typeof o.text === 'string' && typeof o.value === 'number') return `${o.value} (“${o.text}”)`;
  if (o.place && typeof o.place === 'object') return `${o.relation === 'near' ? 'near ' : ''}${placeLabel(placeOf(o.place))}`;
  if ('precision' in o && 'year' in o) return dateText(o);
  if (typeof o.kind === 'string' && typeof o.acledEvent === 'string') return `${kindLabel(o.kind)} (${o.acledSubEvent ?? o.acledEvent})`;
  if (typeof o.name === 'string') return o.name;
  return JSON.stringify(v);
}

function placeOf(p: unknown): { name: string; admin1: string | null; country: string | null } {
  const o = p as { name: string; admin1Name?: string | null; countryName?: string | null };
  return { name: o.name, admin1: o.admin1Name ?? null, country: o.countryName ?? null };
}

function dateText(o: Record<string, unknown>): string {
  const pad = (n: unknown) => String(n).padStart(2, '0');
  if (o.year == null) return 'unknown';
  if (o.precision === 'year' || o.month == null) return String(o.year);
  if (o.precision === 'month' || o.day == null) return `${o.year}-${pad(o.month)}`;
  return `${o.year}-${pad(o.month)}-${pad(o.day)}`;
}
