import { intakeFile } from '../src/intake/index.js';
import { runPipeline } from '../src/pipeline/index.js';
import { debugHits } from '../src/extract/incidents/index.js';
const f = process.argv[2]!;
const doc = intakeFile(f);
const st = runPipeline(doc);
const t = doc.text;
console.log('META', JSON.stringify(doc.meta));
if (process.argv[3] === 'm') for (const m of st.ann.mentions) console.log('M', m.type, JSON.stringify(m.text), m.key, m.place ? `${m.place.name},${m.place.admin1Name},${m.place.countryCode}` : '', '|', m.reason);
if (process.argv[3] === 'd') { for (const m of st.ann.dates) console.log('D', JSON.stringify(m.text), m.iso); for (const q of st.ann.quantities) console.log('Q', JSON.stringify(q.text), q.value, q.qualifier); }
for (const r of st.incidents) {
  console.log(`\n#${r.index} ${r.label} [${r.type.value.kind}] passing=${r.inPassing} date=${JSON.stringify(r.date.value)}`);
  console.log('   anchor:', t.slice(r.anchor.start, r.anchor.end).slice(0, 160));
  console.log('   type why:', r.type.reason);
  for (const l of r.locations) console.log('   loc:', l.value.relation, l.value.place.name, l.value.place.admin1Name, l.value.place.countryCode, l.value.place.geonameid);
  for (const p of r.perpetrators) console.log('   perp:', JSON.stringify(p.value));
  for (const p of r.targets) console.log('   target:', JSON.stringify(p.value));
  for (const p of r.weapons) console.log('   weapon:', p.value);
  for (const k of ['killedVictims','killedPerpetrators','killedTotal','injured','arrested'] as const) { const v = r[k]; if (v) console.log(`   ${k}:`, v.value.value, v.value.qualifier, '|', v.evidence.map(e => t.slice(e.start, e.end)).join(' / ')); }
}
if (process.argv[3] === 'h') for (const h of debugHits(st.ann)) console.log('H', h.rule, JSON.stringify(t.slice(h.start, h.end)), h.mode, h.incident, '|', h.why);
