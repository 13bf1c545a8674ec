/**
 * The full ReDoS check (issue 13): every regular expression the sources write and every one the
 * code builds while it loads and reads the samples, checked with recheck. See docs/fuzzing.md.
 *
 *   npm run redos -- [--json] [--timeout-ms 5000] [--no-cache] [--write-baseline] [--write-verdicts] [--measure]
 *
 * Exit codes: 0 no pattern is exponential and every polynomial one is in src/fuzz/redos-baseline.json,
 * 1 otherwise, 2 usage error. --write-baseline rewrites the list from this run's findings;
 * --write-verdicts stores every verdict in src/fuzz/redos-verdicts.json, which `npm test` trusts
 * (re-checking a sample) so that it runs recheck only on new patterns.
 */
import { parseArgs } from 'node:util';
import { builtRegexes, checkRegexes, sourceRegexes, uniquePatterns, writeVerdicts } from '../src/fuzz/redos.js';
import { createRequire } from 'node:module';
import { judgeVerdicts, loadPipelineRegexes, measureBaseline, writeBaseline } from '../src/fuzz/redos-policy.js';

async function main(): Promise<void> {
  let a;
  try {
    a = parseArgs({ options: { json: { type: 'boolean' }, 'timeout-ms': { type: 'string' }, 'no-cache': { type: 'boolean' }, 'write-baseline': { type: 'boolean' }, 'write-verdicts': { type: 'boolean' }, measure: { type: 'boolean' } } }).values;
  } catch (e) {
    process.stderr.write(`redos: ${(e as Error).message}\nusage: npm run redos -- [--json] [--timeout-ms MS] [--no-cache] [--write-baseline] [--write-verdicts] [--measure]\n`);
    process.exit(2);
  }
  if (a.measure) return measure();
  const t0 = performance.now();
  const built = await builtRegexes(loadPipelineRegexes);
  const all = uniquePatterns([...sourceRegexes(), ...built]);
  const verdicts = await checkRegexes(all, Number(a['timeout-ms'] ?? 5000), !a['no-cache']);
  if (a['write-verdicts']) process.stderr.write(`redos: ${writeVerdicts(verdicts)} verdicts written to src/fuzz/redos-verdicts.json\n`);
  if (a['write-baseline']) process.stderr.write(`redos: ${writeBaseline(verdicts)} polynomial patterns written to src/fuzz/redos-baseline.json\n`);
  const judged = judgeVerdicts(verdicts);
  const seconds = (performance.now() - t0) / 1000;
  if (a.json) process.stdout.write(JSON.stringify({ seconds, patterns: verdicts.length, ...judged }, null, 2) + '\n');
  else {
    const count = (s: string): number => verdicts.filter((v) => v.status === s).length;
    process.stdout.write(`${verdicts.length} patterns (${built.length} built at run time) in ${seconds.toFixed(1)} s: ${count('safe')} safe, ${count('vulnerable')} vulnerable, ${count('unknown')} unknown\n`);
    for (const v of judged.known) process.stdout.write(`known    ${v.complexity.padEnd(24)} ${v.where}  /${v.source.slice(0, 120)}/${v.flags}\n`);
    for (const v of judged.unknown) process.stdout.write(`UNKNOWN  ${v.complexity.padEnd(24)} ${v.where}  /${v.source}/${v.flags}\n`);
    for (const v of judged.failing) process.stdout.write(`VULNERABLE ${v.complexity.padEnd(22)} ${v.where}  /${v.source}/${v.flags}\n    attack: ${v.attack ?? '?'}\n`);
  }
  process.exitCode = judged.failing.length ? 1 : 0;
}

/** `--measure`: each baseline pattern timed on recheck's attack string at three sizes. */
async function measure(): Promise<void> {
  const { check } = createRequire(import.meta.url)('recheck') as { check: Parameters<typeof measureBaseline>[0] };
  for (const g of await measureBaseline(check)) {
    const runs = g.runs.map((r) => `${(r.chars / 1000).toFixed(0)} kB ${r.ms.toFixed(1)} ms`).join(', ');
    const last = g.runs.length === 3 ? ` (×4 input: ×${(g.runs[2]!.ms / g.runs[1]!.ms).toFixed(1)} time)` : '';
    process.stdout.write(`${g.entry.complexity.padEnd(22)} ${g.entry.where}: ${runs || 'no attack string'}${last}\n`);
  }
}

void main();
