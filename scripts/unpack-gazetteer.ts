/**
 * Run by `npm run build`: unpack the committed gazetteer (data/gazetteer/gazetteer.bin.br) into
 * dist/gazetteer-cache/<sha256>.bin, so every process reads it without decompressing (see
 * UNPACKED_GAZETTEER_DIR in src/nlp/gazetteer/data.ts). Older unpacked copies are removed. A missing
 * or stale copy only costs time: the loader falls back to the compressed file.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { GAZETTEER_FILE, UNPACKED_GAZETTEER_DIR, unpackedGazetteerPath } from '../src/nlp/gazetteer/data.js';

const bytes = readFileSync(GAZETTEER_FILE);
const target = unpackedGazetteerPath(GAZETTEER_FILE);
mkdirSync(UNPACKED_GAZETTEER_DIR, { recursive: true });
for (const f of readdirSync(UNPACKED_GAZETTEER_DIR)) if (f !== basename(target)) rmSync(join(UNPACKED_GAZETTEER_DIR, f), { force: true });
const tmp = `${target}.${process.pid}.tmp`;
writeFileSync(tmp, brotliDecompressSync(bytes));
renameSync(tmp, target);
