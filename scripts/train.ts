/**
 * `npm run train -- --task NAME --data PATH [...]`: trains one of the
 * project's models with the project's own code and writes it, with a record
 * of the data and settings that made it, under models/. Tasks are listed in
 * train-tasks.ts; each module exports `train(args: string[]): Promise<void>`.
 */
import { TASKS } from './train-tasks.js';

const MUC4 = /muc4/i;
const EVENTS_DATA = /plover|acled/i;
const POLNEAR = /polnear/i;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--task');
  // Without --task, the data folder says which model it trains: muc4 → roles,
  // plover-gsr or acled → events, polnear → attribution.
  const d = args.indexOf('--data');
  const data = d >= 0 ? (args[d + 1] ?? '') : '';
  const inferred = MUC4.test(data) ? 'roles' : EVENTS_DATA.test(data) ? 'events' : POLNEAR.test(data) ? 'attribution' : undefined;
  const task = i >= 0 ? args[i + 1] : inferred;
  const load = task ? TASKS[task] : undefined;
  if (!load) {
    process.stderr.write(`usage: npm run train -- --task ${Object.keys(TASKS).join('|') || '(none registered)'} --data PATH\n`);
    process.exitCode = 2;
    return;
  }
  const mod = await load();
  process.stderr.write(`training "${task}"\n`);
  await mod.train(i >= 0 ? args.filter((_, k) => k !== i && k !== i + 1) : args);
}

await main();
