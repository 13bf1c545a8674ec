import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../testing/cli.js';
import { CLAIM_KINDS, COMMANDS, MIRRORED } from './commands.js';
import { commandHelp, everyCommand, mainHelp, markdown } from './help.js';
import { optionsOf, parseCommand, type CommandSpec } from './spec.js';

/**
 * The command line as a new user meets it (issue 13): every command has help, the help lists exactly
 * the options the parser takes, a mistake is one line naming it, and `dossier help` loads almost nothing.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository, from dist/src/cli. */
const REPO = resolve(HERE, '..', '..', '..');

/** The long options a help text lists in its Options section. */
function optionsInHelp(help: string): string[] {
  const section = help.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? '';
  return [...section.matchAll(/^ {2}(?:-\w, |\s{4})--([a-z][a-z0-9-]*)/gm)].map((m) => m[1]!);
}

/** Whether the parser accepts `--name` (with a value when the declaration gives it one). */
function parserAccepts(spec: CommandSpec, name: string): boolean {
  const o = optionsOf(spec).find((x) => x.name === name);
  const args = [`--${name}`, ...(o?.type === 'string' ? [o.choices?.[0] ?? 'x'] : [])];
  try {
    parseCommand(spec, spec.name, args);
    return true;
  } catch (e) {
    return !/unknown option/.test((e as Error).message);
  }
}

test('every command and subcommand has help: `dossier help C`, `dossier C --help` and `-h` print the same, exit 0', async () => {
  const all = everyCommand();
  assert.ok(all.length >= 17, `${all.length} commands`);
  for (const { path, spec } of all) {
    const words = path.split(' ');
    const viaHelp = await runCli('help', ...words);
    const viaFlag = await runCli(...words, '--help');
    const viaShort = await runCli(...words, '-h');
    for (const r of [viaHelp, viaFlag, viaShort]) assert.equal(r.code, 0, `${path}: ${r.err}`);
    assert.equal(viaFlag.out, viaHelp.out, path);
    assert.equal(viaShort.out, viaHelp.out, path);
    assert.ok(viaHelp.out.startsWith(`dossier ${path} — ${spec.summary}\n`), path);
    assert.match(viaHelp.out, /\nUsage: dossier /, path);
    assert.ok(spec.summary.length > 10 && spec.summary.length <= 80, `${path}: a one-line summary`);
  }
  // The main help names every command; `dossier help` and `dossier --help` are the same text.
  const main = await runCli('help');
  assert.equal(main.code, 0);
  assert.equal((await runCli('--help')).out, main.out);
  for (const c of COMMANDS) assert.match(main.out, new RegExp(`^ {2}${c.name} +\\S`, 'm'), c.name);
  // `dossier` alone prints the help too, but exits 2: it was not a command.
  const bare = await runCli();
  assert.equal(bare.code, 2);
  assert.equal(bare.out, main.out);
});

test('every option the parser accepts is in its command\'s help, and every option the help lists is accepted', () => {
  for (const { path, spec } of everyCommand()) {
    if (spec.subcommands) continue;
    const listed = optionsInHelp(commandHelp(spec, path));
    assert.ok(listed.includes('help'), `${path} lists --help`);
    assert.deepEqual(new Set(listed), new Set(optionsOf(spec).map((o) => o.name)), path);
    for (const name of listed) assert.ok(parserAccepts(spec, name), `${path} accepts --${name}, which its help lists`);
    assert.ok(!parserAccepts(spec, 'no-such-option'), `${path} refuses an option its help does not list`);
    // Required options appear in the synopsis.
    for (const o of spec.options ?? []) if (o.required) assert.match(commandHelp(spec, path), new RegExp(`Usage: .*--${o.name} `), `${path} --${o.name}`);
  }
});

test('the help check can fail: a help missing an option, and an option the parser does not know, are seen', () => {
  const spec: CommandSpec = { name: 'probe', summary: 'a probe', options: [{ name: 'db', type: 'string', value: 'FILE', help: 'a store' }] };
  const help = commandHelp(spec, 'probe').replace(/^.*--db.*\n/m, '');
  assert.deepEqual(optionsInHelp(help), ['help']);
  assert.ok(parserAccepts(spec, 'db'));
  assert.ok(!parserAccepts(spec, 'dbb'));
});

test('regression: no help prints a template literally (it printed `${CLAIM_KINDS.join(\', \')}`)', async () => {
  for (const { path } of everyCommand()) assert.doesNotMatch((await runCli('help', ...path.split(' '))).out, /\$\{|\}`/, path);
  assert.doesNotMatch(mainHelp(), /\$\{/);
  const claims = await runCli('claims', '--help');
  for (const k of CLAIM_KINDS) assert.match(claims.out, new RegExp(`\\b${k}\\b`), k);
  assert.doesNotMatch(markdown(), /\$\{/);
});

test('values mirrored for a quick help are the ones the modules use', async () => {
  const [{ DEFAULT_DB }, { INGEST_BATCH_DOCS }, { EXPORT_FORMATS }, { datasetNames }] = await Promise.all([
    import('../store/index.js'), import('../pipeline/index.js'), import('../export/index.js'), import('../eval/index.js'),
  ]);
  assert.equal(MIRRORED.DEFAULT_DB, DEFAULT_DB);
  assert.equal(MIRRORED.INGEST_BATCH_DOCS, INGEST_BATCH_DOCS);
  assert.deepEqual([...MIRRORED.EXPORT_FORMATS], [...EXPORT_FORMATS]);
  assert.deepEqual([...MIRRORED.DATASETS], datasetNames());
});

/** Mistakes a user makes, and the one line each gets. */
const MISTAKES: [string[], RegExp][] = [
  [['ingest', '--fast', 'x.txt'], /^dossier ingest: unknown option --fast \(dossier ingest --help\)$/],
  [['incidents', '--fromm', '2020'], /^dossier incidents: unknown option --fromm; did you mean --from\? \(dossier incidents --help\)$/],
  [['incidnets'], /^dossier: unknown command "incidnets"; did you mean incidents\? \(dossier help\)$/],
  [['incidents', '--db'], /^dossier incidents: --db needs a value: --db FILE\|URL /],
  [['incidents', '--db', '--json'], /--db needs a value: --db FILE\|URL \(to give one that starts with a dash, write --db=--json\)/],
  [['incidents', '--json=yes'], /^dossier incidents: --json takes no value \(given "yes"\)/],
  [['incidents', '--policy', 'median'], /^dossier incidents: --policy conservative\|latest\|range, not "median"/],
  [['incidents', '--from', 'yesterday'], /^dossier incidents: --from takes a date like 2024, 2024-03 or 2024-03-22, not "yesterday"/],
  [['incidents', '--bbox', '1,2,3'], /^dossier incidents: --bbox takes west,south,east,north/],
  [['incidents', '--width', 'wide'], /^dossier incidents: --width takes a whole number from 0, not "wide"/],
  [['incidents', 'extra'], /^dossier incidents: unexpected argument "extra" \(takes no arguments, only options\)/],
  [['show'], /^dossier show: missing ID\|DOCUMENT: /],
  [['show', '1', '2'], /^dossier show: unexpected argument "2" \(takes ID\|DOCUMENT\)/],
  [['watch', '--every', 'often'], /^dossier watch: --every takes a duration like 15m/],
  [['watch', '/etc/passwd', '--db', '/nonexistent/x.db'], /^dossier watch: watch takes feed or sitemap URLs \(http or https\), not "\/etc\/passwd"/],
  [['reprocess', '--since-version', 'v2'], /^dossier reprocess: --since-version takes a pipeline version number, not "v2"/],
  [['export'], /^dossier export: needs --format F \(gtd\|acled\|plover\|jsonl\|geojson\) \(dossier export --help\)$/],
  [['export', '--format', 'csv'], /^dossier export: --format gtd\|acled\|plover\|jsonl\|geojson, not "csv"/],
  [['ingest'], /^dossier ingest: needs at least one file, folder or URL, or --urls FILE \(dossier ingest --help\)$/],
  [['ingest', 'x', '--batch', '0'], /^dossier ingest: --batch takes a whole number of documents from 1, not "0"/],
  [['worker', '--concurrency', '100', '--db', 'postgres://u@127.0.0.1/none'], /^dossier worker: --concurrency takes a whole number of processes from 1 to 64/],
  [['token'], /^dossier token: needs a command: create, list, revoke/],
  [['token', 'create', '--role', 'root', '--name', 'x'], /^dossier token create: --role reader\|reviewer\|admin, not "root" \(dossier token create --help\)$/],
  [['serve', '--port', '99999'], /^dossier serve: --port takes a port number from 0 to 65535, not "99999" \(dossier serve --help\)$/],
  [['help', 'nope'], /^dossier: no command "nope"/],
  [['eval', '--dataset', 'gtd'], /^dossier eval: needs --data PATH/],
  // Regression: a folder for a dataset read from one file was a stack trace (EISDIR) and exit 1.
  [['eval', '--dataset', 'case2021', '--data', REPO], /^dossier eval: .+: --dataset case2021 reads one file \(its CSV, TSV or JSONL\), not a folder/],
  [['eval', '--dataset', 'merge', '--data', join(REPO, 'package.json')], /^dossier eval: .+package\.json: --dataset merge reads a folder, not a file/],
];

test('a usage error is one line naming the bad flag or value, on stderr, exit code 2; not the whole help', async () => {
  for (const [args, line] of MISTAKES) {
    const r = await runCli(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.out, '', args.join(' '));
    assert.equal(r.err.split('\n').length, 2, `one line: ${JSON.stringify(r.err)}`);
    assert.match(r.err.trimEnd(), line, args.join(' '));
    assert.doesNotMatch(r.err, /Usage:|Options:/);
  }
});

test('--help wins over a mistake on the same line; after `--` it is an argument', async () => {
  const r = await runCli('ingest', '--fast', '--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /^dossier ingest — /);
  const t = await runCli('show', '--db', join(REPO, 'no-such.db'), '--', '--help');
  assert.equal(t.code, 3, 'a document named --help, looked for in the store');
  assert.match(t.err, /no database here yet/);
});

test('--version prints the package version', async () => {
  const r = await runCli('--version');
  assert.equal(r.code, 0);
  const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
  assert.equal(r.out, `dossier ${version}\n`);
});

/** Modules imported (statically, transitively) by a built file: what loading it costs. */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^\s*(?:import|export)\s(?:[^;'"]*?\sfrom\s)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else seen.add(spec);
    }
  };
  visit(entry);
  return seen;
}

test('`dossier help` and `dossier C --help` load the declaration and the help only: no store, pipeline, export or server code', () => {
  const loaded = [...staticImports(join(HERE, 'main.js'))].map((f) => (f.startsWith('/') ? relative(join(REPO, 'dist'), f) : f)).sort();
  const heavy = loaded.filter((f) => /^src\/(store|pipeline|export|eval|extract|nlp|intake|server|fetch|watch|queue)\//.test(f) || !f.startsWith('src/') && !f.startsWith('node:'));
  assert.deepEqual(heavy, [], loaded.join(', '));
  const own = loaded.filter((f) => f.startsWith('src/'));
  assert.ok(own.length <= 10, `a handful of modules, not ${own.length}: ${own.join(', ')}`);
  // And the walk sees a heavy import where there is one (this test can fail).
  assert.ok([...staticImports(join(HERE, 'query-commands.js'))].some((f) => f.includes('/store/')));
});

test('only src/cli/output.ts writes to stdout and stderr: every command\'s text goes through its cleaning', () => {
  const dir = resolve(REPO, 'src', 'cli');
  const offenders = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'output.ts')
    .filter((f) => /process\.(stdout|stderr)\.write|console\.(log|error|warn|info)\(/.test(readFileSync(join(dir, f), 'utf8')));
  assert.deepEqual(offenders, []);
});

test('docs/cli.md is the help, as generated from the declaration (node dist/scripts/cli-docs.js > docs/cli.md)', () => {
  const doc = join(REPO, 'docs', 'cli.md');
  assert.ok(existsSync(doc));
  assert.equal(readFileSync(doc, 'utf8'), markdown());
});
