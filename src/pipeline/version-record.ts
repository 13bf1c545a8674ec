/**
 * The recorded output of the pipeline (src/pipeline/pipeline-version.json): PIPELINE_VERSION and a
 * fingerprint of what the pipeline makes of the bundled samples and a few short texts. The golden test
 * (pipeline-version.test.ts) compares both with the current build: output that changes under the same
 * version means OUTPUT_REVISION (stages.ts) was not bumped. `npm run pipeline-version`
 * (scripts/pipeline-version.ts) rewrites the record.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { intakeBuffer, intakeFile } from '../intake/index.js';
import { findRepoFile } from '../learn/model-file.js';
import type { Doc } from '../model/index.js';
import { defaultContext, type PipelineContext } from './context.js';
import { runPipeline } from './stages.js';
import { PIPELINE_VERSION } from './version.js';

export interface VersionRecord {
  pipelineVersion: number;
  fingerprint: string;
}

/**
 * Short texts beside the samples, for paths the samples do not take: a coder's note the learned
 * detector reads, a protest and its actors, a claim of responsibility with a quotation, a denial, a
 * facility placed by its town, a GTD summary.
 */
export const FINGERPRINT_TEXTS: readonly string[] = [
  '3 May 2021\n\nOn 2 May 2021, university students protested against fee increases in Nairobi. Police dispersed them with tear gas.\n',
  '10 March 2020\n\nOn 9 March 2020, armed communal groups clashed at Longamani Forest in Djugu, Ituri. Two people were reported dead.\n',
  'Militants claim attack\n\nBy Staff Reporter 12 March 2023\n\nA spokesman for the group said in a statement: "We carried out the attack on the army base in Gao." The army denied that any soldiers were killed.\n',
  'Mall siege\n\nGunmen stormed the Westgate Mall in Nairobi on Saturday, killing at least 67 people, officials said.\n',
  '05/08/2008: Suspected Maoists triggered a landmine blast and opened fire at police near Chhindpal village in Kanker, Chhattisgarh, India. Three policemen were killed.\n',
];

/** The repository root: where package.json is, from src/ or dist/src/. */
function repoRoot(): string {
  const pkg = findRepoFile('package.json');
  if (!pkg) throw new Error('no package.json above src/pipeline: run from a checkout');
  return dirname(pkg);
}

/** The record's path in the source tree (tests run from dist/; the record stays in src/). */
export function versionRecordFile(): string {
  return join(repoRoot(), 'src', 'pipeline', 'pipeline-version.json');
}

/** The documents fingerprinted: the samples `dossier demo` ingests, in name order, then FINGERPRINT_TEXTS. */
export function fingerprintDocs(): Doc[] {
  const dir = join(repoRoot(), 'samples');
  const samples = readdirSync(dir).sort().map((n) => intakeFile(join(dir, n)));
  return [...samples, ...FINGERPRINT_TEXTS.map((t, i) => intakeBuffer(Buffer.from(t), `fingerprint-${i}.txt`, 'text'))];
}

/**
 * sha256 of what the pipeline makes of each document, as JSON: its incidents, claims, quotes, relations
 * and placements, and with them its annotation layers and event class (stored too, as entities and
 * mentions), in document order.
 */
export function fingerprint(docs: readonly Doc[], ctx: PipelineContext = defaultContext()): string {
  const h = createHash('sha256');
  for (const doc of docs) {
    const st = runPipeline(doc, ctx);
    const out = { doc: doc.id, incidents: st.incidents, claims: st.claims, quotes: st.quotes, relations: st.relations, placements: st.placements, ann: st.ann, eventClass: st.eventClass ?? null };
    h.update(`${JSON.stringify(out)}\n`);
  }
  return h.digest('hex');
}

/** The version and fingerprint of this build. */
export function currentRecord(): VersionRecord {
  return { pipelineVersion: PIPELINE_VERSION(), fingerprint: fingerprint(fingerprintDocs()) };
}

export function readVersionRecord(): VersionRecord {
  return JSON.parse(readFileSync(versionRecordFile(), 'utf8')) as VersionRecord;
}

export function writeVersionRecord(r: VersionRecord): string {
  const file = versionRecordFile();
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}

/** Why the record does not match this build, or null when it does. */
export function recordMismatch(recorded: VersionRecord, current: VersionRecord): string | null {
  if (current.pipelineVersion === recorded.pipelineVersion) {
    return current.fingerprint === recorded.fingerprint ? null : 'pipeline output changed: bump OUTPUT_REVISION in src/pipeline/stages.ts and run `npm run pipeline-version` to record it';
  }
  const same = current.fingerprint === recorded.fingerprint ? 'with the same output' : 'and the output changed';
  return `PIPELINE_VERSION is ${current.pipelineVersion} but src/pipeline/pipeline-version.json records ${recorded.pipelineVersion} (${same}): run \`npm run pipeline-version\` to record it`;
}
