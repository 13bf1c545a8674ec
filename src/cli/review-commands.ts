import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { DossierError } from '../model/index.js';
import { checkReviewValue, isReviewField, REVIEW_FIELDS, undoneIds, type EvidenceRef, type ReviewAction, type ReviewRecord, type Role, type TokenInfo } from '../review/index.js';
import { DEFAULT_DB, isPostgresUrl, openStore, type Store } from '../store/index.js';
import { data, json, note, text } from './output.js';
import type { Args } from './spec.js';

/**
 * `dossier review`, `dossier history` and `dossier token`: the command line's side of the workbench
 * (issue 12), through the same store methods the HTTP API calls, so both leave the same audit records.
 */

function usage(msg: string): never {
  throw new DossierError('E_USAGE', msg);
}

function targetOf(db: string | undefined): string {
  return db ?? (process.env.DOSSIER_DB || DEFAULT_DB);
}

/** An existing store (a review never creates an empty one), for writing or reading. */
function openExisting(db: string | undefined, readonly: boolean): Promise<Store> {
  const target = targetOf(db);
  if (!isPostgresUrl(target) && !existsSync(target)) throw new DossierError('E_NOT_FOUND', 'no database here yet: run `dossier ingest PATH…` first, or pass --db', target);
  return openStore(target, { readonly });
}

async function withStore<T>(db: string | undefined, readonly: boolean, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await openExisting(db, readonly);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function idOf(v: string | undefined, what: string): number {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || !Number.isSafeInteger(n) || n <= 0) usage(`${what} must be a numeric id, not "${v ?? ''}"`);
  return n;
}

const EVIDENCE = /^([^:\s]+):(\d+)-(\d+)$/;

function evidenceOf(v: string): EvidenceRef {
  const m = EVIDENCE.exec(v);
  if (!m || Number(m[2]) >= Number(m[3])) usage(`--evidence takes DOC:START-END with START < END (a document id and character offsets), not "${v}"`);
  return { docId: m[1]!, start: Number(m[2]), end: Number(m[3]) };
}

function fieldOf(v: string, option: string): (typeof REVIEW_FIELDS)[number] {
  if (!isReviewField(v)) usage(`${option}: unknown field "${v}"; one of ${REVIEW_FIELDS.join(', ')}`);
  return v;
}

const ACTION_OPTIONS = ['set', 'accept', 'reject', 'reject-report', 'not-incident', 'merge', 'split', 'note', 'undo'] as const;

/** The one action the options ask for, checked. */
function actionOf(a: Args): ReviewAction {
  const v = {
    set: a.string('set'), accept: a.string('accept'), reject: a.string('reject'), 'reject-report': a.string('reject-report'), 'not-incident': a.flag('not-incident'),
    merge: a.string('merge'), split: a.string('split'), note: a.string('note'), undo: a.string('undo'), reason: a.string('reason'), evidence: a.strings('evidence'),
  };
  const given = ACTION_OPTIONS.filter((k) => v[k] !== undefined && v[k] !== false);
  if (given.length !== 1) usage(given.length ? `one action at a time, not ${given.map((g) => `--${g}`).join(' and ')}` : 'review needs an action');
  if (v.evidence.length && !v.set) usage('--evidence goes with --set');
  if (v.set !== undefined) {
    const eq = v.set.indexOf('=');
    if (eq < 1) usage(`--set takes FIELD=VALUE, not "${v.set}"`);
    const field = fieldOf(v.set.slice(0, eq), '--set');
    if (!v.reason) usage('--set needs --reason TEXT: why the value is wrong');
    let value: string | number;
    try {
      value = checkReviewValue(field, v.set.slice(eq + 1));
    } catch (e) {
      usage(`--set: ${(e as Error).message}`);
    }
    const evidence = v.evidence.map(evidenceOf);
    return { kind: 'correct', field, value, ...(evidence.length ? { evidence } : {}) };
  }
  if (v.accept !== undefined) return { kind: 'accept', field: fieldOf(v.accept, '--accept') };
  if (v.reject !== undefined) return { kind: 'reject-value', field: fieldOf(v.reject, '--reject') };
  if (v['reject-report'] !== undefined) return { kind: 'reject-report', reportId: v['reject-report'] };
  if (v['not-incident']) return { kind: 'reject-incident' };
  if (v.merge !== undefined) return { kind: 'merge', other: idOf(v.merge, '--merge') };
  if (v.split !== undefined) return { kind: 'split', reportId: v.split };
  if (v.note !== undefined) return { kind: 'note', text: v.note };
  return { kind: 'undo', recordId: idOf(v.undo, '--undo') };
}

function defaultActor(): string {
  let user = process.env.USER || process.env.USERNAME || '';
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return `cli:${user}`;
}

export async function cmdReview(a: Args): Promise<number> {
  const id = idOf(a.positionals[0], 'the incident ID');
  const action = actionOf(a);
  const rec = await withStore(a.string('db'), false, (s) => s.addReview(id, action, { actor: a.string('by') ?? defaultActor(), reason: a.string('reason') ?? null }));
  if (a.flag('json')) json(rec, 1);
  else text(`${describe(rec)}\n`);
  return 0;
}

const show = (v: unknown): string => (v === null || v === undefined ? '(none)' : typeof v === 'string' ? `"${v}"` : String(v));

/** One record in a line: what changed, from what to what. */
export function describe(r: ReviewRecord, undoneBy?: number, asked?: number): string {
  const a = r.action;
  const before = r.before as Record<string, unknown> | null;
  const after = r.after as Record<string, unknown> | null;
  let what: string;
  switch (a.kind) {
    case 'accept':
    case 'correct':
    case 'reject-value':
      what = `${a.kind === 'correct' ? 'corrected' : a.kind === 'accept' ? 'accepted' : 'rejected'} ${a.field}: ${show(before?.value)} → ${show(after?.value)}${a.kind === 'correct' && a.evidence?.length ? ` (evidence ${a.evidence.map((e) => `${e.docId}:${e.start}-${e.end}`).join(', ')})` : ''}`;
      break;
    case 'reject-report':
      what = `rejected report ${a.reportId}: it no longer counts`;
      break;
    case 'reject-incident':
      what = 'not an incident: left out of listings and exports';
      break;
    case 'merge':
      what = `merged incident ${a.other} into this one (${a.other} now redirects here)`;
      break;
    case 'split':
      what = `split report ${a.reportId} out into incident ${(after as { incidentId?: number } | null)?.incidentId ?? '?'}`;
      break;
    case 'note':
      what = `note: ${a.text}`;
      break;
    case 'undo':
      what = `undid record ${a.recordId}`;
      break;
  }
  const from = asked !== undefined && r.incidentId !== asked ? ` [from incident ${r.incidentId}]` : '';
  return `#${r.id}  ${r.at.slice(0, 19).replace('T', ' ')}  ${r.actor}${from}  ${what}${r.reason ? `  — ${r.reason}` : ''}${undoneBy ? `  (undone by #${undoneBy})` : ''}`;
}

export async function cmdHistory(a: Args): Promise<number> {
  const id = idOf(a.positionals[0], 'the incident ID');
  return withStore(a.string('db'), true, async (s) => {
    const [trail, inc, to] = [await s.historyOf(id), await s.getIncident(id), await s.redirectOf(id)];
    if (!trail.length && !inc && to === null) throw new DossierError('E_NOT_FOUND', `no incident with ID ${id}`);
    if (a.flag('json')) {
      json({ incident: id, redirect: to, records: trail }, 1);
      return 0;
    }
    if (to !== null) text(`incident ${id} was merged into incident ${to}: see \`dossier history ${to}\`\n`);
    if (!trail.length) text(`incident ${id} has no review records\n`);
    const undone = undoneIds(trail);
    const by = new Map<number, number>();
    for (const r of trail) if (r.action.kind === 'undo' && undone.has(r.action.recordId)) by.set(r.action.recordId, r.id);
    for (const r of trail) text(`${describe(r, by.get(r.id), id)}\n`);
    return 0;
  });
}

function tokenLine(t: TokenInfo): string {
  return `${t.name.padEnd(20)} ${t.role.padEnd(9)} created ${t.createdAt.slice(0, 19)}  ${t.revokedAt ? `revoked ${t.revokedAt.slice(0, 19)}` : 'live'}${t.lastUsedAt ? `  last used ${t.lastUsedAt.slice(0, 19)}` : ''}`;
}

/** `dossier token create`: --role and --name are required and --role checked by the parser. */
export async function cmdTokenCreate(a: Args): Promise<number> {
  const { token, info } = await withStore(a.string('db'), false, (s) => s.createToken(a.string('name')!, a.string('role') as Role));
  // The token alone on stdout, for `dossier token create … > token.txt`; the note on stderr.
  data(`${token}\n`);
  note(`token "${info.name}" (${info.role}) created: it is shown this once; only its hash is stored. Send it as "Authorization: Bearer …".\n`);
  return 0;
}

export function cmdTokenList(a: Args): Promise<number> {
  return withStore(a.string('db'), true, async (s) => {
    const list = await s.listTokens();
    if (a.flag('json')) json(list, 1);
    else text(list.length ? `${list.map(tokenLine).join('\n')}\n` : 'no tokens\n');
    return 0;
  });
}

export async function cmdTokenRevoke(a: Args): Promise<number> {
  const name = a.positionals[0]!;
  if (!(await withStore(a.string('db'), false, (s) => s.revokeToken(name)))) throw new DossierError('E_NOT_FOUND', `no live token named "${name}"`);
  text(`token "${name}" revoked\n`);
  return 0;
}
