/**
 * PIPELINE_VERSION, derived rather than bumped by hand (issue 11): a short hash of
 *  (a) OUTPUT_REVISION, the hand-kept revision of the stages' code (src/pipeline/stages.ts);
 *  (b) the bytes of every data file the stages' resources are read from: the ones each stage declares
 *      it uses (Stage.uses, checked by stage-contract.test.ts), and what those are built from;
 *  (c) the stage names, in order.
 * A retrained model or a rebuilt gazetteer changes the version by itself; a code change that changes
 * the output must bump OUTPUT_REVISION, which pipeline-version.test.ts enforces against a recorded
 * fingerprint of the output on the samples (src/pipeline/pipeline-version.json).
 *
 * Stored documents record the version in an INTEGER column, so it is a number: the first 8 hex digits
 * of the hash. Computing it parses nothing, and reads a file only when the build's record of its
 * digest no longer matches it (src/learn/file-digest.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileDigest } from '../learn/file-digest.js';
import { defaultContext, RESOURCE_DEPENDS, type PipelineContext, type ResourceName } from './context.js';
import { OUTPUT_REVISION, STAGES, type Stage } from './stages.js';

export interface VersionParts {
  /** The number stored with each document. */
  version: number;
  /** The full hash it is cut from. */
  hash: string;
  /** What was hashed, line by line: the revision, the stages, and each resource's file digest. */
  lines: string[];
}

/** The resources the stages use, with those they are built from, sorted. */
export function usedResources(stages: readonly Stage[]): ResourceName[] {
  const out = new Set<ResourceName>();
  const add = (r: ResourceName): void => {
    if (out.has(r)) return;
    out.add(r);
    for (const d of RESOURCE_DEPENDS[r] ?? []) add(d);
  };
  for (const s of stages) for (const r of s.uses) add(r);
  return [...out].sort();
}

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/**
 * The version of a pipeline: these stages run with this context. A resource the context's options give
 * (a trainer's weights) has no file: it counts as "given", so such a context never claims the shipped
 * version. A file's path is not hashed, only its bytes, so the version is the same in every checkout.
 */
export function pipelineVersion(ctx: PipelineContext = defaultContext(), stages: readonly Stage[] = STAGES, revision = OUTPUT_REVISION): VersionParts {
  const lines = [`revision ${revision}`, `stages ${stages.map((s) => s.name).join(' ')}`];
  for (const r of usedResources(stages)) {
    const file = ctx.file(r);
    // A missing file is no reason to fail at start-up: the stage that needs it says so when it runs.
    lines.push(`resource ${r} ${ctx.given(r) ? 'given' : file && existsSync(file) ? fileDigest(file) : 'none'}`);
  }
  const hash = sha256(lines.join('\n'));
  return { version: Number.parseInt(hash.slice(0, 8), 16), hash, lines };
}

let shipped: number | undefined;
/**
 * The version the shipped models and data give: stored with every document the CLI ingests. Worked
 * out on first use, not at import: it hashes 13 MB of model files, which `dossier help` or `show`
 * never needs.
 */
export function PIPELINE_VERSION(): number {
  shipped ??= pipelineVersion().version;
  return shipped;
}
