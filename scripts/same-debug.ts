/** Debug aid: would the merge join the main reports of two documents? `node dist/scripts/same-debug.js FILE_A FILE_B` */
import { intakeFile } from '../src/intake/index.js';
import { runPipeline } from '../src/pipeline/index.js';
import { primaryReport } from '../src/resolve/headline.js';
import { sameIncident } from '../src/resolve/merge.js';
import { facilityKey } from '../src/resolve/facility-places.js';
import { defaultContext } from '../src/pipeline/context.js';

const RES = defaultContext();
const [fa, fb] = [process.argv[2]!, process.argv[3]!];
const da = intakeFile(fa);
const db = intakeFile(fb);
const ra = primaryReport(runPipeline(da).incidents);
const rb = primaryReport(runPipeline(db).incidents);
console.log('A facilities', (ra.facilities ?? []).map((f) => facilityKey(f.value, RES.gazetteer)), 'B facilities', (rb.facilities ?? []).map((f) => facilityKey(f.value, RES.gazetteer)));
console.log(sameIncident(ra, rb, RES, { publishedA: da.meta.published, publishedB: db.meta.published }));
