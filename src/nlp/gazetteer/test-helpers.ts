/** Test helper: build Mention objects from a text and the names in it (first occurrence after the previous one). */
import type { Mention, MentionType } from '../../model/index.js';

export function mentionsOf(text: string, items: Array<[string, MentionType] | [string, MentionType, string]>): Mention[] {
  const out: Mention[] = [];
  let from = 0;
  for (const [name, type, cc] of items) {
    const start = text.indexOf(name, from);
    if (start < 0) throw new Error(`"${name}" not in text`);
    from = start + name.length;
    const m: Mention = { start, end: start + name.length, text: name, type, key: name.toLowerCase(), stage: 'test', reason: 'fixture' };
    if (cc) m.countryCode = cc;
    out.push(m);
  }
  return out;
}
