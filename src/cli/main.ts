#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS, findCommand } from './commands.js';
import { commandHelp, mainHelp } from './help.js';
import { text } from './output.js';
import { exitCodeOf, inCommand } from './run.js';
import { asksHelp, nearest, parseCommand, usage, type CommandSpec } from './spec.js';

/**
 * The `dossier` binary: finds the command in the declaration (commands.ts), prints its help or
 * parses its arguments by it, and only then imports the command's module. `dossier help` and
 * `dossier COMMAND --help` load this file, the declaration and the help: no store, pipeline or
 * export code (docs/cli.md, "Start-up").
 */

/** The package's root, from dist/src/cli. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) {
    text(`${mainHelp()}\n`);
    return 2;
  }
  if (cmd === 'help' || cmd === '--help' || cmd === '-h') return help(rest);
  if (cmd === '--version' || cmd === '-V') {
    text(`dossier ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    return 0;
  }
  const found = findCommand([cmd]);
  if (!found) return inCommand(null, () => usage(`unknown command "${cmd}"${nearest(cmd, COMMANDS.map((c) => c.name))}`));
  return run(found, cmd, rest);
}

/** A command (or, for a command of commands, the one its next argument names) run with its arguments. */
async function run(spec: CommandSpec, path: string, args: readonly string[]): Promise<number> {
  if (spec.subcommands) {
    const [sub, ...rest] = args;
    const names = spec.subcommands.map((c) => c.name);
    if (sub === undefined || asksHelp([sub])) {
      if (sub === undefined) return inCommand(path, () => usage(`needs a command: ${names.join(', ')}`));
      text(`${commandHelp(spec, path)}\n`);
      return 0;
    }
    const next = spec.subcommands.find((c) => c.name === sub);
    if (!next) return inCommand(path, () => usage(`unknown ${path} command "${sub}": ${names.join(', ')}${nearest(sub, names)}`));
    return run(next, `${path} ${sub}`, rest);
  }
  if (asksHelp(args)) {
    text(`${commandHelp(spec, path)}\n`);
    return 0;
  }
  return inCommand(path, async () => {
    const parsed = parseCommand(spec, path, args);
    // V8's settings for a command that runs (compiler-tuning.ts), loaded here so help loads no more.
    (await import('./compiler-tuning.js')).tuneCompiler();
    const handler = await spec.load!();
    return handler(parsed);
  });
}

/** `dossier help [COMMAND [SUBCOMMAND]]`. */
function help(path: readonly string[]): number | Promise<number> {
  if (!path.length) {
    text(`${mainHelp()}\n`);
    return 0;
  }
  const spec = findCommand(path);
  if (!spec) return inCommand(null, () => usage(`no command "${path.join(' ')}"${nearest(path[0]!, COMMANDS.map((c) => c.name))}`));
  text(`${commandHelp(spec, path.join(' '))}\n`);
  return 0;
}

/** True when this file is the program being run, directly or through an npm bin symlink. */
function isEntryPoint(argv1: string): boolean {
  try {
    return realpathSync(resolve(argv1)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (process.argv[1] && isEntryPoint(process.argv[1])) {
  // `dossier incidents | head`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.exitCode = await exitCodeOf(() => main(process.argv.slice(2)));
}
