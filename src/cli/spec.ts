import { parseArgs } from 'node:util';
import { DossierError } from '../model/errors.js';

/**
 * The shape of a command's declaration (src/cli/commands.ts) and the one parser built from it. The
 * help (src/cli/help.ts) is rendered from the same declaration, so the options a command accepts and
 * the options its help lists are one list: neither can drift from the other.
 *
 * This module is on the start-up path of every command, `dossier help` included: it imports nothing
 * but node:util and the error class.
 */

export interface OptionSpec {
  /** The long name, without the dashes. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in the help, for a string option: FILE, N, DATE. */
  readonly value?: string;
  /** One line, or a few sentences: the help wraps it. */
  readonly help: string;
  /** May be given more than once; the command gets every value, in order. */
  readonly multiple?: boolean;
  /** The only values it takes: the parser refuses any other, and the help lists them. */
  readonly choices?: readonly string[];
  /** The command cannot run without it (shown in the synopsis, checked by the parser). */
  readonly required?: boolean;
  /** A one-letter alias. */
  readonly short?: string;
}

export interface PositionalSpec {
  /** As the synopsis writes it: ID, PATH|URL. */
  readonly name: string;
  readonly help: string;
  readonly optional?: boolean;
  /** Takes any number (the last positional only). */
  readonly variadic?: boolean;
}

/** What a command's module exports for it: the parsed arguments in, the exit code out. */
export type Handler = (args: Args) => number | Promise<number>;

export interface CommandSpec {
  readonly name: string;
  /** One line for the main help's list. */
  readonly summary: string;
  /** The paragraphs of `dossier COMMAND --help`. */
  readonly description?: string;
  /** The main help lists commands under these headings, in the order they first appear. */
  readonly group?: string;
  readonly positionals?: readonly PositionalSpec[];
  readonly options?: readonly OptionSpec[];
  readonly examples?: readonly string[];
  /** Imports the command's module when the command runs (and only then): see main.ts. */
  readonly load?: () => Promise<Handler>;
  /** `dossier token create`: a command made of commands. */
  readonly subcommands?: readonly CommandSpec[];
}

/** Every command takes -h/--help; the parser adds it, and the help lists it like any other option. */
export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', type: 'boolean', help: 'show this help and exit' };

/** A command's options as the parser takes them: its own and --help. */
export function optionsOf(spec: CommandSpec): readonly OptionSpec[] {
  return [...(spec.options ?? []), HELP_OPTION];
}

/** A usage error: one line naming what is wrong; the dispatcher adds the command and where its help is. */
export function usage(message: string): never {
  throw new DossierError('E_USAGE', message);
}

type Value = string | boolean | string[] | undefined;

/**
 * A command's parsed arguments. A command reads an option only through these accessors, which
 * refuse a name the declaration does not give that type: a handler cannot read an option its help
 * does not list (the command's tests would fail on the first run).
 */
export class Args {
  constructor(
    /** `ingest`, `token create`. */
    readonly command: string,
    readonly spec: CommandSpec,
    private readonly values: Readonly<Record<string, Value>>,
    readonly positionals: readonly string[],
  ) {}

  private declared(name: string, type: OptionSpec['type'], multiple: boolean): void {
    const o = this.spec.options?.find((x) => x.name === name);
    if (!o || o.type !== type || (o.multiple === true) !== multiple) throw new Error(`dossier ${this.command} reads --${name} as ${multiple ? 'repeatable ' : ''}${type}, which its declaration does not give it`);
  }

  /** A string option's value, or undefined when it was not given. */
  string(name: string): string | undefined {
    this.declared(name, 'string', false);
    return this.values[name] as string | undefined;
  }

  /** A boolean option: given or not. */
  flag(name: string): boolean {
    this.declared(name, 'boolean', false);
    return this.values[name] === true;
  }

  /** A repeatable string option's values, in order (none: an empty list). */
  strings(name: string): string[] {
    this.declared(name, 'string', true);
    return [...((this.values[name] as string[] | undefined) ?? [])];
  }
}

/** A value that reads as a number (--bbox -10,…) may start with a dash; any other is taken for an option. */
const NEGATIVE_NUMBER = /^-\d/;

/** Whether the arguments ask for the command's help (-h or --help before any `--`). */
export function asksHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * Parse `argv` by the declaration, or throw a usage error naming the first thing wrong: an unknown
 * option (with the nearest known one), a value missing or given to a flag, a value outside the
 * option's choices, a missing required option or argument, or an argument too many.
 */
export function parseCommand(spec: CommandSpec, command: string, argv: readonly string[]): Args {
  const options = optionsOf(spec);
  const config = Object.fromEntries(options.map((o) => [o.name, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }]));
  // Not strict: the tokens are checked here, so each mistake gets its own message, not parseArgs's.
  const { values, positionals, tokens } = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const o = options.find((x) => x.name === t.name);
    if (!o) usage(`unknown option ${t.rawName}${nearest(t.rawName, options.map((x) => `--${x.name}`))}`);
    if (o.type === 'boolean' && t.value !== undefined) usage(`${t.rawName} takes no value (given "${t.value}")`);
    if (o.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-') && t.value.length > 1 && !NEGATIVE_NUMBER.test(t.value)))) {
      usage(`${t.rawName} needs a value: ${t.rawName} ${o.value ?? 'VALUE'}${t.value !== undefined ? ` (to give one that starts with a dash, write ${t.rawName}=${t.value})` : ''}`);
    }
    if (o.choices && t.value !== undefined && !o.choices.includes(t.value)) usage(`${t.rawName} ${o.choices.join('|')}, not "${t.value}"`);
  }
  for (const o of options) if (o.required && values[o.name] === undefined) usage(`needs --${o.name} ${o.value ?? ''}`.trimEnd() + (o.choices ? ` (${o.choices.join('|')})` : ''));
  checkPositionals(spec, positionals);
  return new Args(command, spec, values as Record<string, Value>, positionals);
}

function checkPositionals(spec: CommandSpec, given: readonly string[]): void {
  const ps = spec.positionals ?? [];
  const missing = ps.slice(given.length).find((p) => !p.optional);
  if (missing) usage(`missing ${missing.name}: ${missing.help}`);
  if (!ps.at(-1)?.variadic && given.length > ps.length) {
    usage(ps.length ? `unexpected argument "${given[ps.length]}" (takes ${ps.map((p) => p.name).join(' ')})` : `unexpected argument "${given[0]}" (takes no arguments, only options)`);
  }
}

/** `; did you mean --from?` when one known name is a typo away from `given`, else ''. */
export function nearest(given: string, known: readonly string[]): string {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(given, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== null && bestD <= Math.max(1, Math.floor(given.length / 4)) ? `; did you mean ${best}?` : '';
}

/** Levenshtein distance: names are short, so the quadratic table is nothing. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}
