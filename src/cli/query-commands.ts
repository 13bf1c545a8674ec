import { DossierError } from '../model/index.js';
import type { Conflict } from '../resolve/index.js';
import { incidentConflicts } from '../views/index.js';
import { gatherItems, jsonlRecord } from '../export/index.js';
import { claimsTable, entityView, formatEntity, incidentsTable, quotesTable, quoteWithWords, showIncident, withWords } from './format.js';
import { data, json, jsonText, outputWidth, text } from './output.js';
import type { Store } from '../store/index.js';
import { usage, type Args } from './spec.js';
import { filterOf, intOption, policyOf, withExisting } from './store-access.js';

/** The commands that read the store and print what they find: incidents, show, conflicts, claims, quotes, entities, entity. */

const NUMBER = /^\d+$/;

/** The numeric ID argument, checked. */
function idOf(a: Args, what: string): number {
  const v = a.positionals[0] ?? '';
  if (!NUMBER.test(v) || !Number.isSafeInteger(Number(v))) usage(`${what} must be a number (see \`dossier ${what === 'ID' ? 'incidents' : 'entities'}\`), not "${v}"`);
  return Number(v);
}

export async function cmdIncidents(a: Args): Promise<number> {
  const policy = policyOf(a);
  const filter = filterOf(a);
  const width = intOption(a, 'width', 0);
  return withExisting(a.string('db'), async (store) => {
    const list = await store.listIncidents(filter);
    if (a.flag('json')) {
      // One record a line inside the array: a long listing stays greppable.
      data(`[${(await gatherItems(store, list, policy)).map((it) => jsonText(jsonlRecord(it))).join(',\n')}]\n`);
    } else if (!list.length) {
      text('no incidents match\n');
    } else {
      text(`${await incidentsTable(store, list, policy, width === undefined ? outputWidth() : width || Infinity)}\n${list.length} incident${list.length === 1 ? '' : 's'}\n`);
    }
    return 0;
  });
}

export async function cmdShow(a: Args): Promise<number> {
  // Not a number: a document (an id prefix, a URL or a path), which the web intake's module shows.
  if (!NUMBER.test(a.positionals[0] ?? '')) return (await import('./web-commands.js')).cmdShowDocument(a);
  const id = idOf(a, 'ID');
  const policy = policyOf(a);
  return withExisting(a.string('db'), async (store) => {
    const inc = await store.getIncident(id);
    if (!inc) throw new DossierError('E_NOT_FOUND', `no incident with ID ${id}`);
    if (a.flag('json')) json(jsonlRecord((await gatherItems(store, [inc], policy))[0]!), 2);
    else text(`${await showIncident(store, inc, policy)}\n`);
    return 0;
  });
}

export async function cmdEntities(a: Args): Promise<number> {
  const type = a.string('type');
  return withExisting(a.string('db'), async (store) => {
    const list = await store.listEntities(type ? { type } : {});
    if (a.flag('json')) json(list, 1);
    else if (!list.length) text('no entities match\n');
    else {
      const lines = list.map((e) => `${String(e.id).padEnd(6)}${e.type.padEnd(14)}${e.name.slice(0, 40).padEnd(42)}${String(e.mentions).padStart(5)} mentions in ${e.documents} doc${e.documents === 1 ? '' : 's'}${e.geonameid ? `  geonames:${e.geonameid}` : ''}`);
      text(`ID    TYPE          NAME\n${lines.join('\n')}\n${list.length} entities\n`);
    }
    return 0;
  });
}

export async function cmdEntity(a: Args): Promise<number> {
  const id = idOf(a, 'entity ID');
  return withExisting(a.string('db'), async (store) => {
    const e = await store.getEntity(id);
    if (!e) throw new DossierError('E_NOT_FOUND', `no entity with ID ${id}`);
    const view = await entityView(store, e);
    if (a.flag('json')) json(view, 1);
    else text(`${formatEntity(view)}\n`);
    return 0;
  });
}

type ConflictRow = { incident: number; label: string; conflicts: Conflict[] };

export async function cmdConflicts(a: Args): Promise<number> {
  return withExisting(a.string('db'), async (store) => {
    const rows: ConflictRow[] = [];
    for await (const inc of store.eachIncident()) {
      const row = await incidentConflicts(store, inc);
      if (row) rows.push(row);
    }
    if (a.flag('json')) json(rows, 1);
    else if (!rows.length) text('no incident has reports that disagree\n');
    else text(await conflictsText(store, rows));
    return 0;
  });
}

async function conflictsText(store: Store, rows: ConflictRow[]): Promise<string> {
  const titles = new Map<string, string>();
  for (const r of rows) for (const c of r.conflicts) for (const v of c.values) {
    if (titles.has(v.docId)) continue;
    const d = await store.getDocumentMeta(v.docId);
    titles.set(v.docId, d ? `"${d.meta.title ?? d.meta.source}"${d.meta.published ? ` (${d.meta.published})` : ''}` : v.docId);
  }
  const out: string[] = [];
  for (const r of rows) {
    out.push(`Incident ${r.incident}: ${r.label}`);
    for (const c of r.conflicts) {
      out.push(`  ${c.field}: ${c.verdict} — ${c.why}`);
      for (const v of c.values) out.push(`    ${v.value.padEnd(16)} ${titles.get(v.docId)!}${v.words ? `: “${v.words}”` : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export async function cmdClaims(a: Args): Promise<number> {
  const source = a.string('source');
  const kind = a.string('kind');
  return withExisting(a.string('db'), async (store) => {
    const claims = await store.listClaims({ ...(source ? { source } : {}), ...(kind ? { kind } : {}) });
    if (a.flag('json')) json(await Promise.all(claims.map((c) => withWords(store, c))), 1);
    else text(`${await claimsTable(store, claims)}\n`);
    return 0;
  });
}

export async function cmdQuotes(a: Args): Promise<number> {
  const speaker = a.string('speaker');
  return withExisting(a.string('db'), async (store) => {
    const quotes = await store.listQuotes(speaker ? { speaker } : {});
    if (a.flag('json')) json(await Promise.all(quotes.map((q) => quoteWithWords(store, q))), 1);
    else text(`${await quotesTable(store, quotes)}\n`);
    return 0;
  });
}
