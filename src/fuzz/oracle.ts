import { DossierError, ErrorCodes, type Doc, type ErrorCode } from '../model/index.js';
import { intakeBuffer } from '../intake/index.js';
import { checkRegionInvariants } from '../intake/test-helpers.js';
import { defaultContext, runPipeline, saveExtracted, type PipelineContext, type PipelineState } from '../pipeline/index.js';
import type { Store } from '../store/index.js';
import type { FuzzCase } from './cases.js';

/**
 * What counts as a pass: intake and the pipeline either return a result that keeps the stored
 * text's invariants, or throw a DossierError whose code is one of ErrorCodes and which names the
 * input. Anything else (a TypeError, a RangeError from a blown stack, an error that names no input,
 * a region pointing outside the text) is a failure. Hangs, slow inputs and crashes are judged by
 * the runner, which is outside the process that runs the case.
 */

export type FailureKind = 'uncoded' | 'unnamed' | 'invariant' | 'crash' | 'slow' | 'hang';

export class FuzzFailure extends Error {
  constructor(readonly kind: FailureKind, message: string, readonly detail?: string) {
    super(message);
    this.name = 'FuzzFailure';
  }
}

export interface CaseResult {
  status: 'ok' | 'rejected';
  /** The error code, for a rejected input. */
  code?: ErrorCode;
  incidents?: number;
}

function describe(e: unknown): { message: string; stack: string } {
  if (e instanceof Error) return { message: `${e.name}: ${e.message}`.slice(0, 500), stack: (e.stack ?? '').slice(0, 4000) };
  return { message: `a non-Error was thrown: ${String(e).slice(0, 200)}`, stack: '' };
}

/** A rejection that meets the contract, or a FuzzFailure that says how it falls short. */
export function judgeError(e: unknown, source: string, where: string): CaseResult {
  if (e instanceof FuzzFailure) throw e;
  if (e instanceof DossierError) {
    if (!Object.hasOwn(ErrorCodes, e.code)) throw new FuzzFailure('uncoded', `${where}: DossierError with unknown code ${String(e.code)}`, e.stack);
    if (e.input !== source) throw new FuzzFailure('unnamed', `${where}: ${e.code} names ${JSON.stringify(e.input)}, not the input`, e.stack);
    return { status: 'rejected', code: e.code };
  }
  const d = describe(e);
  throw new FuzzFailure('uncoded', `${where}: ${d.message}`, d.stack);
}

/** The stored text's shape that every later stage relies on. */
export function checkDoc(doc: Doc, source: string): void {
  const bad = checkRegionInvariants(doc);
  if (bad) throw new FuzzFailure('invariant', `intake: ${bad}`);
  if (doc.meta.source !== source) throw new FuzzFailure('invariant', `intake: meta.source is ${JSON.stringify(doc.meta.source)}`);
  if (doc.text.includes('\u0000')) throw new FuzzFailure('invariant', 'intake: the stored text holds a NUL character');
}

/** Every annotation span lies inside the text, start before end. */
export function checkState(st: PipelineState): void {
  const n = st.doc.text.length;
  for (const [layer, spans] of Object.entries(st.ann) as [string, { start: number; end: number }[]][]) {
    for (const s of spans) {
      if (!(s.start >= 0 && s.start <= s.end && s.end <= n)) throw new FuzzFailure('invariant', `pipeline: a ${layer} span ${s.start}–${s.end} outside 0–${n}`);
    }
  }
}

/** Intake: a Doc, or a coded rejection. */
export function runIntake(c: FuzzCase): Doc | CaseResult {
  let doc: Doc;
  try {
    doc = intakeBuffer(c.bytes, c.source, c.format);
  } catch (e) {
    return judgeError(e, c.source, 'intake');
  }
  checkDoc(doc, c.source);
  return doc;
}

/**
 * The feed reader the feeds target runs after intake: Dossier's own (src/watch/feeds.ts, through
 * `dossierFeedReader` in feed-probe.ts), set by the child process and by the short pass. It must
 * return or throw a DossierError naming the input, like intake.
 */
export type FeedParser = (bytes: Uint8Array, source: string) => unknown;
let feedParser: FeedParser | null = null;
export function setFeedParser(p: FeedParser | null): void {
  feedParser = p;
}
export function getFeedParser(): FeedParser | null {
  return feedParser;
}

export interface CaseEnv {
  ctx: PipelineContext;
  /** The store pipeline cases marked `save` are written to. */
  store?: () => Promise<Store>;
}

/** Run one case in this process; throws FuzzFailure when it breaks the contract. */
export async function runCase(c: FuzzCase, env: CaseEnv = { ctx: defaultContext() }): Promise<CaseResult> {
  const doc = runIntake(c);
  if (!('id' in doc)) {
    if (c.target === 'feeds') runFeedParser(c);
    return doc;
  }
  if (c.target === 'feeds') {
    runFeedParser(c);
    return { status: 'ok' };
  }
  if (c.target === 'intake') return { status: 'ok' };
  let st: PipelineState;
  try {
    st = runPipeline(doc, env.ctx);
  } catch (e) {
    return judgeError(e, c.source, 'pipeline');
  }
  checkState(st);
  if (c.save && env.store) {
    const store = await env.store();
    try {
      await saveExtracted(store, doc, st);
    } catch (e) {
      return judgeError(e, c.source, 'store');
    }
  }
  return { status: 'ok', incidents: st.incidents.length };
}

function runFeedParser(c: FuzzCase): void {
  if (!feedParser) return;
  try {
    feedParser(c.bytes, c.source);
  } catch (e) {
    judgeError(e, c.source, 'feed');
  }
}
