import { setFlagsFromString } from 'node:v8';

/**
 * V8's optimising compiler, tuned for a batch job (issue 11). Every `dossier` command sets this before
 * it loads its handler (cli/main.ts; help does not), and so do the ingest benches, which measure
 * ingest as the binary runs it.
 *
 * Why: ingesting the 1,300 MUC-4 train documents makes V8 optimise about 400 functions, 130 of them
 * again after a deoptimisation, and each optimised function inlines what it calls, up to 920 bytes
 * of bytecode by default. That compiling ran on V8's own threads and was about a quarter of the
 * whole ingest's CPU (1.2 of 4.5 s): the extractors are many large functions, each hot only for a
 * while. With at most 300 bytes inlined into one function, the compiling costs about a third less,
 * and the optimised code is no slower on this code: run side by side on the same documents, end to
 * end ingest took 7–13 % less CPU (4.83 against 5.56 s, 4.75 against 5.11, 4.12 against 4.62), its
 * main thread the same, and wink-nlp's tokenize-and-tag pass in the same processes the same
 * (docs/benchmarks.md, "Compiler tuning"). Node takes this flag on its command line but refuses it in
 * NODE_OPTIONS; set here, before the hot code is compiled, it applies to every later compile.
 *
 * DOSSIER_V8_DEFAULTS=1 leaves V8 as it is (to compare, or should a later Node read the flag otherwise).
 */
export const COMPILER_FLAGS: readonly string[] = Object.freeze(['--max-inlined-bytecode-size-cumulative=300']);

let applied: readonly string[] | null = null;

/** Set COMPILER_FLAGS once for this process; the flags set (none under DOSSIER_V8_DEFAULTS=1). */
export function tuneCompiler(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  if (applied) return applied;
  applied = env['DOSSIER_V8_DEFAULTS'] === '1' ? [] : COMPILER_FLAGS;
  for (const f of applied) setFlagsFromString(f);
  return applied;
}
