import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends Options> = O & { help: { type: 'boolean'; short: 'h' } };

/**
 * Every bench reads its options here: `--help` (or `-h`) prints the usage line and exits 0; an
 * unknown option or a missing value is one line naming it, then the usage, exit 2 — never Node's
 * stack trace of ERR_PARSE_ARGS_UNKNOWN_OPTION (which four benches printed before).
 */
type Config<O extends Options> = { args: string[]; options: WithHelp<O>; allowPositionals: false; strict: true };
type Values<O extends Options> = ReturnType<typeof parseArgs<Config<O>>>['values'];

export function benchArgs<O extends Options>(name: string, usage: string, options: O): Values<O> {
  const config: Config<O> = { args: process.argv.slice(2), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true };
  let values: Values<O>;
  try {
    values = parseArgs(config).values;
  } catch (e) {
    return benchUsage(name, usage, (e as Error).message);
  }
  if ((values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return values;
}

/** A bench's usage error: one line naming what is wrong, then the usage line; exit 2. */
export function benchUsage(name: string, usage: string, message: string): never {
  process.stderr.write(`${name}: ${message}\n${usage}\n`);
  process.exit(2);
}
