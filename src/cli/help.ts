import { COMMANDS, GENERAL_NOTES } from './commands.js';
import { optionsOf, type CommandSpec, type OptionSpec } from './spec.js';

/**
 * The help and docs/cli.md, rendered from the declaration (commands.ts): what they list is what the
 * parser accepts. Wrapped at a fixed width, so the help reads the same in a terminal, a pipe and the docs.
 */

/** Where the help wraps. */
export const HELP_WIDTH = 80;
/** The widest option column before the option's help moves to a line of its own. */
const OPTION_COLUMN = 28;

/** `text` wrapped to `width`, each line after the first (and the first, unless `first` is given) indented by `indent`. */
export function wrap(text: string, width: number, indent: string, first = indent): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ').filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/** `ID`, `[PATH…]`: a command's arguments as its synopsis writes them. */
function positionalsText(spec: CommandSpec): string[] {
  return (spec.positionals ?? []).map((p) => {
    const n = `${p.name}${p.variadic ? '…' : ''}`;
    return p.optional ? `[${n}]` : n;
  });
}

/** `--format F`: an option as a command line writes it. */
function optionText(o: OptionSpec): string {
  return o.type === 'string' ? `--${o.name} ${o.value ?? 'VALUE'}` : `--${o.name}`;
}

/** `dossier export --format F [options]`. */
export function synopsis(spec: CommandSpec, path: string): string {
  if (spec.subcommands) return `dossier ${path} ${spec.subcommands.map((c) => c.name).join('|')} …`;
  const required = (spec.options ?? []).filter((o) => o.required).map(optionText);
  const optional = (spec.options ?? []).some((o) => !o.required) ? ['[options]'] : [];
  return ['dossier', path, ...positionalsText(spec), ...required, ...optional].join(' ');
}

/** What the help says of an option after its own words: its choices, and whether it is required or repeatable. */
function optionHelp(o: OptionSpec): string {
  const extra = [o.choices ? `one of ${o.choices.join(', ')}` : '', o.required ? 'required' : '', o.multiple ? 'repeatable' : ''].filter(Boolean);
  return extra.length ? `${o.help} (${extra.join('; ')})` : o.help;
}

function optionLines(spec: CommandSpec): string[] {
  const left = (o: OptionSpec): string => `  ${o.short ? `-${o.short}, ` : '    '}${optionText(o)}`;
  const opts = optionsOf(spec);
  const col = Math.min(OPTION_COLUMN, Math.max(...opts.map((o) => left(o).length)) + 2);
  return opts.map((o) => {
    const l = left(o);
    const pad = ' '.repeat(col);
    return l.length + 2 <= col ? wrap(optionHelp(o), HELP_WIDTH, pad, l.padEnd(col)) : `${l}\n${wrap(optionHelp(o), HELP_WIDTH, pad)}`;
  });
}

/** The list of commands (or subcommands), name and summary, the summaries in a column `col` wide. */
function commandList(specs: readonly CommandSpec[], col = Math.max(...specs.map((c) => c.name.length)) + 4): string[] {
  return specs.map((c) => wrap(c.summary, HELP_WIDTH, ' '.repeat(col), `  ${c.name}`.padEnd(col)));
}

/** `dossier COMMAND --help`, and `dossier help COMMAND`. */
export function commandHelp(spec: CommandSpec, path: string): string {
  const out = [`dossier ${path} — ${spec.summary}`, '', `Usage: ${synopsis(spec, path)}`];
  if (spec.description) out.push('', wrap(spec.description, HELP_WIDTH, ''));
  if (spec.subcommands) {
    out.push('', 'Commands:', ...commandList(spec.subcommands), '', `dossier ${path} COMMAND --help: what each takes.`);
    return out.join('\n');
  }
  if (spec.positionals?.length) {
    const col = Math.max(...spec.positionals.map((p) => p.name.length + (p.variadic ? 1 : 0))) + 6;
    out.push('', 'Arguments:', ...spec.positionals.map((p) => wrap(p.help, HELP_WIDTH, ' '.repeat(col), `  ${p.name}${p.variadic ? '…' : ''}`.padEnd(col))));
  }
  out.push('', 'Options:', ...optionLines(spec));
  if (spec.examples?.length) out.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return out.join('\n');
}

/** The groups of commands, in the order they first appear. */
function groups(): [string, CommandSpec[]][] {
  const by = new Map<string, CommandSpec[]>();
  for (const c of COMMANDS) by.set(c.group ?? 'Other', [...(by.get(c.group ?? 'Other') ?? []), c]);
  return [...by];
}

/** `dossier help`, `dossier --help`. */
export function mainHelp(): string {
  const out = [
    'dossier — sourced incidents from reports of political violence',
    '',
    'Usage: dossier COMMAND [ARGUMENTS] [OPTIONS]',
    '       dossier COMMAND --help     what a command takes (also: dossier help COMMAND)',
    '       dossier --version',
  ];
  const col = Math.max(...COMMANDS.map((c) => c.name.length)) + 4;
  for (const [group, specs] of groups()) out.push('', `${group}:`, ...commandList(specs, col));
  out.push('', ...GENERAL_NOTES.map((n) => wrap(n, HELP_WIDTH, '')));
  return out.join('\n');
}

/** Every command's path and declaration, subcommands included, in the order of the help. */
export function everyCommand(): { path: string; spec: CommandSpec }[] {
  const walk = (specs: readonly CommandSpec[], prefix: string): { path: string; spec: CommandSpec }[] =>
    specs.flatMap((spec) => {
      const path = `${prefix}${spec.name}`;
      return [{ path, spec }, ...walk(spec.subcommands ?? [], `${path} `)];
    });
  return walk(COMMANDS, '');
}

/** What docs/cli.md says before the help texts: how the command line behaves, and why. */
const DOC_NOTES = `## How the command line behaves

- **One declaration.** Every command, its arguments and options are declared once, in
  src/cli/commands.ts. The parser, \`dossier help\`, \`dossier COMMAND --help\` and this page are
  made from it; a test checks that each command's help lists exactly the options its parser takes.
- **Mistakes.** A usage error is one line on stderr naming the bad option, value or argument, and
  where the command's help is; the exit code is 2. An option a typo away from a real one is
  suggested: \`dossier incidents: unknown option --fromm; did you mean --from? (dossier incidents --help)\`.
  A value that starts with a dash is written with \`=\`: \`--bbox=-10,35,5,44\`.
- **Start-up.** \`dossier help\` and \`dossier COMMAND --help\` load the declaration and the help only;
  a command's own module (the store, the pipeline, the exports) is imported when it runs. The help
  starts about as fast as \`node -e 0\`.
- **Tables.** \`dossier incidents\` fits its table to the terminal's width: the label, place and type
  columns are shortened (with …) down to a minimum, the label keeping twice the room of the
  others; the id, date and figures never are. Piped or redirected, nothing is shortened, so \`| grep\` and \`> file\` see whole cells;
  \`--width N\` fits N columns (0: no limit).
- **Terminal safety.** Documents come from anywhere, and their text may hold terminal escape codes.
  Everything a command prints for people goes through src/cli/output.ts, which removes control
  characters (C0 but newline and tab, DEL, C1) and whole escape sequences (CSI, OSC such as hidden
  links, DCS, and the rest); \`--json\` keeps the text, every control character escaped. Exported
  data (CSV, JSON Lines) is written byte for byte to a file or pipe, and cleaned only when stdout
  is a terminal.
- **Data to files.** \`export --out FILE\` is the recommended way to write an export: the file is
  written whole or not at all, a database is never overwritten, and nothing else can get into it.
  Through npm, write \`npm run -s dossier -- …\`: without \`-s\` npm prints its own banner on stdout,
  into any \`> file\`. Better, put \`dossier\` on the PATH with \`npm link\` (README, Quick start).`;

/** docs/cli.md: how the command line behaves, the main help, then each command's help, as `dossier help` prints them. */
export function markdown(): string {
  const out = [
    '# The `dossier` command line',
    '',
    'Generated from the commands\' declaration (src/cli/commands.ts) by `node dist/scripts/cli-docs.js > docs/cli.md`;',
    'a test fails when it differs. `dossier help` and `dossier COMMAND --help` print the same text.',
    '',
    DOC_NOTES,
    '',
    '## dossier help',
    '',
    '```text',
    mainHelp(),
    '```',
  ];
  for (const { path, spec } of everyCommand()) out.push('', `## dossier ${path}`, '', '```text', commandHelp(spec, path), '```');
  return `${out.join('\n')}\n`;
}
