import { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { basename } from 'node:path';
import { DossierError, type Doc, type IncidentReport } from '../../model/index.js';
import { INTAKE_LIMITS, intakeBuffer } from '../../intake/index.js';
import type { Store } from '../../store/index.js';
import { claimsWithWords, quotesWithWords } from '../../views/index.js';
import type { App, Ctx } from '../context.js';
import { ApiError, errorBody, notFound, statusOf, type ApiErrorCode } from '../errors.js';
import { createRoute, ERRORS, json, NOT_FOUND, WRITE_SECURITY } from '../route.js';
import { DocumentId, LooseObject } from '../schemas.js';

const docRoute = createRoute({
  method: 'get', path: '/api/documents/{id}', tags: ['documents'],
  summary: 'A stored document: its clean text and its annotation layers',
  request: { params: DocumentId },
  responses: { 200: json(LooseObject, 'The document'), ...ERRORS, ...NOT_FOUND },
});

const UploadResult = z.object({
  file: z.string(),
  status: z.enum(['stored', 'update', 'duplicate', 'repost', 'failed', 'not stored']),
  document_id: z.string().nullable(),
  incidents: z.array(z.number().int()),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  notices: z.array(z.string()).openapi({
    description:
      'What intake or the pipeline did not read in full, or why nothing was extracted, as `dossier ingest` shows them: a page read without Readability, ' +
      'a page too large for a DOM, reports past the 500 a document keeps, a language not yet read. Empty when the file was read in full; ' +
      "intake's notices are given for files not stored too.",
    example: ['a page over 2000 elements: its whole body read without Readability'],
  }),
}).openapi('UploadResult');

const FileSchema = z.custom<File>((v) => v instanceof File, 'a file part (with a file name)').openapi({ type: 'string', format: 'binary' });

const uploadRoute = createRoute({
  method: 'post', path: '/api/documents', tags: ['documents'],
  summary: 'Upload reports (.html, .htm, .txt, .md) to ingest, as the CLI would (reviewer or admin)',
  description: 'multipart/form-data with one or more `file` parts. Each file is read by intake first; if any is refused, nothing is stored and the answer lists why per file.',
  security: WRITE_SECURITY,
  request: {
    body: {
      required: true,
      content: { 'multipart/form-data': { schema: z.object({ file: z.union([FileSchema, z.array(FileSchema)]) }) } },
    },
  },
  responses: {
    201: json(z.object({ results: z.array(UploadResult) }), 'Every file was ingested'),
    ...ERRORS,
    413: json(z.object({ error: LooseObject, results: z.array(UploadResult) }), 'A file is larger than the intake limit (10 MB)'),
    415: json(z.object({ error: LooseObject, results: z.array(UploadResult) }), 'A file type intake does not read'),
    422: json(z.object({ error: LooseObject, results: z.array(UploadResult) }), 'A file has no readable report (empty, binary, no article text)'),
  },
});

/** The annotation layers of one document, each ready for the document view to switch on or off. */
async function documentView(store: Store, id: string): Promise<Record<string, unknown> | null> {
  const doc = await store.getDocument(id);
  if (!doc) return null;
  const ann = await store.getAnnotations(id);
  const incidentIds = await store.incidentIdsOfDocument(id);
  const incidents = [];
  for (const iid of incidentIds) {
    const inc = await store.getIncident(iid);
    for (const r of inc?.reports.filter((x) => x.docId === id) ?? []) incidents.push(reportLayer(iid, r));
  }
  const sources = (await store.documentSources([id])).get(id);
  return {
    id: doc.id,
    meta: doc.meta,
    ingested_at: doc.ingestedAt,
    update_of: sources?.updateOf ?? null,
    also_at: sources?.alsoAt ?? [],
    text: doc.text,
    layers: {
      sentences: ann?.sentences ?? [],
      mentions: ann?.mentions ?? [],
      dates: ann?.dates ?? [],
      quantities: ann?.quantities ?? [],
      incidents,
      claims: await claimsWithWords(store, await store.claimsOf(id)),
      quotes: await quotesWithWords(store, await store.quotesOf(id)),
    },
  };
}

/** One report as a layer: its anchor sentence and the spans each of its values came from. */
function reportLayer(incidentId: number, r: IncidentReport): Record<string, unknown> {
  const spans: { field: string; start: number; end: number }[] = [];
  const add = (field: string, a: { evidence: { start: number; end: number }[] } | null): void => {
    for (const e of a?.evidence ?? []) spans.push({ field, start: e.start, end: e.end });
  };
  add('type', r.type);
  add('date', r.date);
  for (const l of r.locations) add('place', l);
  for (const p of r.perpetrators) add('perpetrator', p);
  for (const t of r.targets) add('target', t);
  for (const v of r.victims ?? []) add('victim', v);
  for (const w of r.weapons) add('weapon', w);
  for (const f of ['killedVictims', 'killedPerpetrators', 'killedTotal', 'injured', 'arrested'] as const) add(f, r[f]);
  return { incident_id: incidentId, report_id: r.id, index: r.index, label: r.label, in_passing: r.inPassing, anchor: r.anchor, spans };
}

type UploadRow = z.infer<typeof UploadResult>;

/** The request's files, at most `max`. */
function filesOf(file: File | File[], max: number): File[] {
  const files = Array.isArray(file) ? file : [file];
  if (files.length > max) throw new ApiError(400, 'E_BAD_PARAM', `file: ${files.length} files; at most ${max} per request`, 'file');
  return files;
}

/** Read every file through intake; any refusal stops the upload before anything is stored. */
async function intakeAll(files: File[]): Promise<{ docs: { name: string; doc: Doc; raw: Uint8Array }[]; failed: { row: UploadRow; error: DossierError }[]; rows: UploadRow[] }> {
  const docs: { name: string; doc: Doc; raw: Uint8Array }[] = [];
  const failed: { row: UploadRow; error: DossierError }[] = [];
  const rows: UploadRow[] = [];
  for (const f of files) {
    // The name only: a client's path says nothing we should keep, and must not look like one of ours.
    const name = basename(f.name.replace(/\\/g, '/')).slice(0, 200) || 'upload.txt';
    try {
      if (f.size > INTAKE_LIMITS.maxBytes) throw new DossierError('E_INPUT_TOO_LARGE', `the file has ${f.size} bytes; the limit is ${INTAKE_LIMITS.maxBytes}`, name);
      if (f.size === 0) throw new DossierError('E_INPUT_EMPTY', 'the file is empty', name);
      const raw = new Uint8Array(await f.arrayBuffer());
      const doc = intakeBuffer(raw, name);
      docs.push({ name, doc, raw });
      rows.push({ file: name, status: 'not stored', document_id: doc.id, incidents: [], error: null, notices: doc.notices ?? [] });
    } catch (e) {
      const error = e instanceof DossierError ? e : new DossierError('E_INPUT_ENCODING', `the file could not be read (${(e as Error).message})`, name);
      const row: UploadRow = { file: name, status: 'failed', document_id: null, incidents: [], error: { code: error.code, message: error.message }, notices: [] };
      failed.push({ row, error });
      rows.push(row);
    }
  }
  return { docs, failed, rows };
}

export function registerDocuments(app: App, ctx: Ctx): void {
  const { store } = ctx;
  app.openapi(docRoute, async (c) => {
    const view = await documentView(store, c.req.valid('param').id);
    if (!view) throw notFound(`no document with id ${c.req.valid('param').id}`);
    return c.json(view, 200);
  });

  const max = ctx.opts.maxUploadFiles ?? 20;
  // The whole request: every file may reach the intake limit, plus the multipart framing.
  app.use('/api/documents', bodyLimit({
    maxSize: Math.min(max, 5) * INTAKE_LIMITS.maxBytes + 64 * 1024,
    onError: (c) => c.json(errorBody('E_TOO_LARGE', `the upload is larger than ${Math.min(max, 5) * 10} MB; send fewer files per request (each at most 10 MB)`), 413),
  }));
  app.openapi(uploadRoute, async (c) => {
    const files = filesOf(c.req.valid('form').file, max);
    const { docs, failed, rows } = await intakeAll(files);
    if (failed.length) {
      const first = failed[0]!.error;
      const msg = `${failed.length} of ${files.length} file${files.length === 1 ? '' : 's'} refused (${first.message}); nothing was stored`;
      return c.json({ ...errorBody(first.code as ApiErrorCode, msg), results: rows }, statusOf(first) as 422);
    }
    // The pipeline (gazetteer, models) is loaded by the first upload, not at start-up.
    const { processAndSave } = await import('../../pipeline/index.js');
    await store.transaction(async () => {
      for (const [i, { doc, raw }] of docs.entries()) {
        const res = await processAndSave(store, doc, raw);
        rows[i] = { ...rows[i]!, status: res.status, incidents: res.incidentIds, notices: res.notices };
      }
    });
    return c.json({ results: rows }, 201);
  });
}
