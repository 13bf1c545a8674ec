import type { ClaimKind } from '../model/index.js';
import { HEADLINE_POLICIES } from '../resolve/headline.js';
import { REVIEW_FIELDS, ROLES } from '../review/types.js';
import type { CommandSpec, OptionSpec } from './spec.js';

/**
 * Every `dossier` command, declared once: its arguments, summary, description and options. The
 * parser (spec.ts), the main and per-command help and docs/cli.md (help.ts) are all made from this
 * list, so none of them can drift from the others (commands.test.ts checks it both ways).
 *
 * A command's code is loaded by its `load` only when it runs: this module is what `dossier help`
 * loads, so it imports only small leaf modules (the policy names, the review vocabulary).
 */

/**
 * Values owned by heavy modules, mirrored here so the help loads none of them; commands.test.ts
 * checks each against its source (src/store, src/pipeline, src/export, src/eval).
 */
export const MIRRORED = {
  DEFAULT_DB: 'dossier.db',
  INGEST_BATCH_DOCS: 100,
  EXPORT_FORMATS: ['gtd', 'acled', 'plover', 'jsonl', 'geojson'],
  DATASETS: ['article-body', 'case2021', 'muc4', 'gtd', 'polnear', 'claims', 'merge', 'acled', 'acled-merge'],
} as const;

/** The claim kinds `claims --kind` takes; the type check below fails if ClaimKind gains one. */
export const CLAIM_KINDS = ['responsibility', 'denial', 'accusation', 'linkage', 'reported_fact', 'no_claim'] as const satisfies readonly ClaimKind[];
type MissingClaimKind = Exclude<ClaimKind, (typeof CLAIM_KINDS)[number]>;
const EVERY_CLAIM_KIND: [MissingClaimKind] extends [never] ? true : MissingClaimKind = true;
void EVERY_CLAIM_KIND;

const DB: OptionSpec = {
  name: 'db', type: 'string', value: 'FILE|URL',
  help: `the store: a SQLite file, or postgres://user@host/db for PostgreSQL (default: $DOSSIER_DB, else ./${MIRRORED.DEFAULT_DB})`,
};
const JSON_OUT: OptionSpec = { name: 'json', type: 'boolean', help: 'print JSON instead of text' };
const POLICY: OptionSpec = {
  name: 'policy', type: 'string', value: 'P', choices: HEADLINE_POLICIES,
  help: 'the headline figure when reports disagree: conservative (the default, as ACLED codes) the lowest credible one, latest the newest report\'s, range low–high',
};
/** The filters `incidents` and `export` share (the store's IncidentFilter). */
const FILTERS: readonly OptionSpec[] = [
  { name: 'from', type: 'string', value: 'DATE', help: 'incidents on or after DATE: 2024, 2024-03 or 2024-03-22 (a year or month covers all of it)' },
  { name: 'to', type: 'string', value: 'DATE', help: 'incidents on or before DATE (--to 2024-06 keeps 30 June)' },
  { name: 'country', type: 'string', value: 'NAME|ISO2', help: 'in this country: a name or a two-letter code (AF)' },
  { name: 'type', type: 'string', value: 'T', help: 'of this type: our kind (suicide_bombing) or an ACLED, PLOVER or GTD type name, any case' },
  { name: 'text', type: 'string', value: 'WORDS', help: 'whose text (label, sentences, places, actors) holds these words' },
  { name: 'actor', type: 'string', value: 'NAME', help: 'with a perpetrator or target whose name holds NAME ("shabaab")' },
  { name: 'bbox', type: 'string', value: 'W,S,E,N', help: 'whose first place lies in this box, in degrees: west,south,east,north (--bbox=-10,35,5,44 when west is negative)' },
];
const ID_ARG = { name: 'ID', help: 'an incident\'s number, as `dossier incidents` lists it' } as const;

/** The options of the commands that fetch from the web. */
const FETCHING: readonly OptionSpec[] = [
  { name: 'allow-private', type: 'string', value: 'CIDR', multiple: true, help: 'fetch from this private or local address range too (127.0.0.0/8), which the SSRF guard refuses otherwise; also DOSSIER_ALLOW_PRIVATE, comma-separated' },
  { name: 'concurrency', type: 'string', value: 'N', help: 'fetches at once, from 1 to 64 (default 4), never more than one at a time per host' },
  { name: 'host-interval', type: 'string', value: 'DURATION', help: 'wait at least this long between two requests to one host: 1s (the default), 250ms, 0 for a server of your own; a longer Crawl-delay in its robots.txt still wins' },
];

const INGEST: CommandSpec = {
  name: 'ingest', group: 'Reports in',
  summary: 'read reports from files, folders and web pages, and extract their incidents',
  description: 'Reads .html, .htm, .txt and .md files, and folders of them (recursively), and fetches http(s) URLs politely (robots.txt, one request at a time per host, an identifying User-Agent; never a private or local address unless --allow-private names it). Each document is read, its incidents extracted with the words each value came from, and merged with what the store already knows: the same article again is a no-op, a repost is another location of it, an update revises it. English text is extracted; a document in another language is stored with a notice ("language ru: no extraction yet") and no incidents yet. A file or page that cannot be read is named on stderr with the reason, and the others are still stored (exit code 1).',
  positionals: [{ name: 'PATH|URL', help: 'files, folders or http(s) URLs to read', optional: true, variadic: true }],
  options: [
    DB,
    { name: 'urls', type: 'string', value: 'FILE', help: 'also fetch the URLs in FILE, one a line (# starts a comment)' },
    ...FETCHING,
    { name: 'batch', type: 'string', value: 'N', help: `documents per transaction (default ${MIRRORED.INGEST_BATCH_DOCS}): a killed run loses at most the open batch, and a re-run stores it` },
    { name: 'queue', type: 'boolean', help: 'put the files on the PostgreSQL queue for `dossier worker` instead of reading them here (needs a postgres:// store; files only)' },
  ],
  examples: ['dossier ingest reports/ --db my.db', 'dossier ingest https://example.org/news/attack.html', 'dossier ingest --urls links.txt'],
  load: async () => (await import('./ingest-commands.js')).cmdIngest,
};

const WATCH: CommandSpec = {
  name: 'watch', group: 'Reports in',
  summary: 'follow RSS, Atom, JSON Feed and news sitemaps, ingesting each new item once',
  description: 'Polls each feed or sitemap every --every and ingests each new item once, dated by the feed or sitemap. What was seen is kept in the store, so a restart neither misses nor repeats an item; with no source given, it follows the feeds the store already follows. It runs until stopped (Ctrl-C finishes the items being ingested); --once polls each source once and exits, for cron jobs. Fetching is polite and guarded as for `ingest URL`.',
  positionals: [{ name: 'FEED|SITEMAP', help: 'feed or sitemap URLs (default: the ones the store follows)', optional: true, variadic: true }],
  options: [
    DB,
    { name: 'every', type: 'string', value: 'DURATION', help: 'how often to poll each source: 90s, 15m, 1h (default 15m)' },
    { name: 'once', type: 'boolean', help: 'poll each source once, then exit' },
    ...FETCHING,
  ],
  examples: ['dossier watch https://example.org/feed.xml --every 15m', 'dossier watch --once'],
  load: async () => (await import('./web-commands.js')).cmdWatch,
};

const REPROCESS: CommandSpec = {
  name: 'reprocess', group: 'Reports in',
  summary: 'run the current pipeline again on stored documents, from their kept bytes',
  description: 'When Dossier\'s pipeline has changed (a newer PIPELINE_VERSION), re-runs it on the stored documents from the bytes kept at intake, without fetching anything again. Incident numbers, and the reviews made on them, are kept; running it twice changes nothing the second time.',
  options: [
    DB,
    { name: 'since-version', type: 'string', value: 'N', help: 'only documents processed by pipeline version N or older' },
    { name: 'force', type: 'boolean', help: 'every document, even those the current version processed' },
  ],
  load: async () => (await import('./web-commands.js')).cmdReprocess,
};

const WORKER: CommandSpec = {
  name: 'worker', group: 'Reports in',
  summary: 'take documents from the PostgreSQL queue and process them',
  description: 'Runs N processes that take the documents `dossier ingest --queue` put on the queue, until stopped (Ctrl-C finishes the documents in hand) or, with --until-idle, until the queue is empty. A document that fails is retried, then set aside with its error.',
  options: [
    { ...DB, help: 'the PostgreSQL store whose queue to work: postgres://user@host/db (default: $DOSSIER_DB)' },
    { name: 'concurrency', type: 'string', value: 'N', help: 'processes, from 1 to 64 (default 1): extraction is CPU work, one document at a time per process' },
    { name: 'until-idle', type: 'boolean', help: 'exit once the queue is empty' },
  ],
  load: async () => (await import('./ingest-commands.js')).cmdWorker,
};

const DEMO: CommandSpec = {
  name: 'demo', group: 'Reports in',
  summary: 'ingest the bundled sample reports into a fresh store and show what came out',
  description: 'Makes a fresh SQLite store, ingests the sample reports shipped with Dossier, and prints the incidents and one incident in full. It replaces only a store an earlier demo made, unless --force.',
  options: [
    { ...DB, value: 'FILE', help: `the SQLite file to make (default ./${MIRRORED.DEFAULT_DB})` },
    { name: 'force', type: 'boolean', help: 'replace the file even if the demo did not make it' },
  ],
  load: async () => (await import('./ingest-commands.js')).cmdDemo,
};

const INCIDENTS: CommandSpec = {
  name: 'incidents', group: 'Looking at the data',
  summary: 'list incidents, as a table or JSON, with filters',
  description: 'One line per incident: its number (✓ once a reviewer acted on it), date, type, place, headline killed and injured, how many independent sources report it, and a label. The table fits the terminal\'s width, shortening the label, place and type columns first, never the figures; piped or redirected, every cell is whole (--width sets a width).',
  options: [
    DB, JSON_OUT, ...FILTERS, POLICY,
    { name: 'width', type: 'string', value: 'N', help: 'fit the table to N columns (default: the terminal\'s width; no limit when piped; 0: no limit)' },
  ],
  examples: ['dossier incidents --country AF --from 2021-08', 'dossier incidents --type bombing --json > incidents.json'],
  load: async () => (await import('./query-commands.js')).cmdIncidents,
};

const SHOW: CommandSpec = {
  name: 'show', group: 'Looking at the data',
  summary: 'one incident in full, every value with the words it came from; or one document',
  description: 'Given an incident\'s number: its headline figures, then each report of it: its document, and every field with the sentence and character offsets it came from, its confidence and why it was chosen; reviewed values are marked with who reviewed them and why. Given a document (an id or its first 8+ characters, a URL it was reached by, or its path): its source, title, date and where the date came from, language, and incidents, or why it has none.',
  positionals: [{ name: 'ID|DOCUMENT', help: 'an incident\'s number, as `dossier incidents` lists it, or a document\'s id, URL or path' }],
  options: [DB, JSON_OUT, POLICY],
  examples: ['dossier show 12', 'dossier show https://example.org/news/attack.html'],
  load: async () => (await import('./query-commands.js')).cmdShow,
};

const CONFLICTS: CommandSpec = {
  name: 'conflicts', group: 'Looking at the data',
  summary: 'incidents whose reports give different figures or dates',
  description: 'For each incident reported by more than one document, the fields on which the reports disagree, each value with the document that gives it and its words, and whether the difference is a revision (a later count) or a real disagreement.',
  options: [DB, JSON_OUT],
  load: async () => (await import('./query-commands.js')).cmdConflicts,
};

const CLAIMS: CommandSpec = {
  name: 'claims', group: 'Looking at the data',
  summary: 'claims across the store: who claimed, denied or blamed whom',
  options: [
    DB,
    { name: 'source', type: 'string', value: 'NAME', help: 'claims made by this source' },
    { name: 'kind', type: 'string', value: 'K', choices: CLAIM_KINDS, help: 'claims of this kind' },
    JSON_OUT,
  ],
  load: async () => (await import('./query-commands.js')).cmdClaims,
};

const QUOTES: CommandSpec = {
  name: 'quotes', group: 'Looking at the data',
  summary: 'quoted speech across the store, with its speakers',
  options: [DB, { name: 'speaker', type: 'string', value: 'NAME', help: 'quotes by this speaker' }, JSON_OUT],
  load: async () => (await import('./query-commands.js')).cmdQuotes,
};

const ENTITIES: CommandSpec = {
  name: 'entities', group: 'Looking at the data',
  summary: 'the people, groups and places the documents name',
  options: [DB, { name: 'type', type: 'string', value: 'T', help: 'only this type: person, organisation, armed_group, state_body, media, party, place or facility' }, JSON_OUT],
  load: async () => (await import('./query-commands.js')).cmdEntities,
};

const ENTITY: CommandSpec = {
  name: 'entity', group: 'Looking at the data',
  summary: 'one entity: its mentions, incidents, claims and relations',
  positionals: [{ name: 'ID', help: 'an entity\'s number, as `dossier entities` lists it' }],
  options: [DB, JSON_OUT],
  load: async () => (await import('./query-commands.js')).cmdEntity,
};

const EXPORT: CommandSpec = {
  name: 'export', group: 'Data out',
  summary: 'write the incidents in a format other tools read',
  description: 'Writes every incident that passes the filters, one record at a time (memory stays flat however many). acled and gtd are CSV in their codebooks\' columns; plover is PLOVER 2.0 JSON Lines; jsonl is Dossier\'s own records, every value with its evidence; geojson is an RFC 7946 FeatureCollection, with the incidents that have no coordinates listed apart under "unlocated" (their count goes to stderr). docs/formats.md gives every column. Give --out FILE: the file is written whole or not at all, a database is never overwritten, and nothing else (such as the banner `npm run` prints) can get into it. Without --out the data goes to stdout.',
  options: [
    { name: 'format', type: 'string', value: 'F', choices: MIRRORED.EXPORT_FORMATS, required: true, help: 'the format to write' },
    { name: 'out', type: 'string', value: 'FILE', help: 'write to FILE (recommended) instead of stdout' },
    DB, POLICY, ...FILTERS,
  ],
  examples: ['dossier export --format acled --out incidents.csv', 'dossier export --format geojson --country AF --out af.geojson'],
  load: async () => (await import('./export-command.js')).cmdExport,
};

const REVIEW: CommandSpec = {
  name: 'review', group: 'Review',
  summary: 'one reviewer action on an incident, kept in the audit trail',
  description: `Give exactly one action: --set, --accept, --reject, --reject-report, --not-incident, --merge, --split, --note or --undo. Each leaves a record in the incident's audit trail (dossier history ID), and the reviewed value is what listings and exports show from then on. FIELD is one of ${REVIEW_FIELDS.join(', ')}.`,
  positionals: [ID_ARG],
  options: [
    DB,
    { name: 'set', type: 'string', value: 'FIELD=VALUE', help: 'correct a value (needs --reason)' },
    { name: 'evidence', type: 'string', value: 'DOC:START-END', multiple: true, help: 'with --set: the words the value comes from, as a document id (or its start) and character offsets' },
    { name: 'accept', type: 'string', value: 'FIELD', help: 'confirm the automatic value' },
    { name: 'reject', type: 'string', value: 'FIELD', help: 'reject the automatic value: the field is left empty' },
    { name: 'reject-report', type: 'string', value: 'REPORT_ID', help: 'one report of the incident no longer counts' },
    { name: 'not-incident', type: 'boolean', help: 'it is not an incident: left out of listings and exports' },
    { name: 'merge', type: 'string', value: 'OTHER_ID', help: 'merge incident OTHER_ID into this one (its number then redirects here)' },
    { name: 'split', type: 'string', value: 'REPORT_ID', help: 'move one report out into an incident of its own' },
    { name: 'note', type: 'string', value: 'TEXT', help: 'add a note' },
    { name: 'undo', type: 'string', value: 'RECORD_ID', help: 'undo an earlier record of this incident' },
    { name: 'reason', type: 'string', value: 'TEXT', help: 'why (kept in the trail)' },
    { name: 'by', type: 'string', value: 'NAME', help: 'who acts (default cli:$USER)' },
    JSON_OUT,
  ],
  examples: ['dossier review 12 --set killed=13 --reason "hospital count"', 'dossier review 12 --merge 14 --reason "same event"'],
  load: async () => (await import('./review-commands.js')).cmdReview,
};

const HISTORY: CommandSpec = {
  name: 'history', group: 'Review',
  summary: 'an incident\'s review trail, oldest first',
  positionals: [ID_ARG],
  options: [DB, JSON_OUT],
  load: async () => (await import('./review-commands.js')).cmdHistory,
};

const TOKEN: CommandSpec = {
  name: 'token', group: 'Review',
  summary: 'create, list or revoke the tokens of the HTTP API',
  subcommands: [
    {
      name: 'create', summary: 'a token for the HTTP API, printed once (only its hash is kept)',
      options: [
        { name: 'role', type: 'string', value: 'ROLE', choices: ROLES, required: true, help: 'what it may do: reader (read), reviewer (read and review), admin (also manage tokens)' },
        { name: 'name', type: 'string', value: 'NAME', required: true, help: 'a name for it, to list and revoke it by' },
        DB,
      ],
      load: async () => (await import('./review-commands.js')).cmdTokenCreate,
    },
    { name: 'list', summary: 'the tokens, live and revoked (never the tokens themselves)', options: [DB, JSON_OUT], load: async () => (await import('./review-commands.js')).cmdTokenList },
    {
      name: 'revoke', summary: 'revoke a token: it is refused from then on',
      positionals: [{ name: 'NAME', help: 'the token\'s name' }],
      options: [DB],
      load: async () => (await import('./review-commands.js')).cmdTokenRevoke,
    },
  ],
};

const SERVE: CommandSpec = {
  name: 'serve', group: 'Serving',
  summary: 'the web app at / and the JSON API at /api/ (docs/api.md)',
  description: 'Serves the store until stopped (Ctrl-C). On 127.0.0.1 reads are open and writes need a reviewer token; on any other address, or with --require-auth, reads need a token too (dossier token create). The OpenAPI description is at /api/openapi.json.',
  options: [
    DB,
    { name: 'port', type: 'string', value: 'PORT', help: 'the port to listen on (default 8080; 0: any free port)' },
    { name: 'host', type: 'string', value: 'HOST', help: 'the address to listen on (default 127.0.0.1, this machine only)' },
    { name: 'require-auth', type: 'boolean', help: 'a token for reads too, even on 127.0.0.1' },
    { name: 'web', type: 'string', value: 'DIR', help: 'the built web app to serve at / (default: dist/web of this checkout)' },
    { name: 'workers', type: 'string', value: 'N', help: 'serve from N processes sharing the port (node:cluster), each with its own store connection (default 1; about one per free core)' },
  ],
  examples: ['dossier serve --db my.db', 'dossier serve --host 0.0.0.0 --port 8080', 'dossier serve --db postgres://localhost/dossier --workers 4'],
  // The server (hono, zod) is loaded by this command only.
  load: async () => (await import('./serve-command.js')).cmdServe,
};

const EVAL: CommandSpec = {
  name: 'eval', group: 'Measuring',
  summary: 'score the pipeline on human-coded data',
  description: 'Runs the pipeline on a dataset that people coded and scores it with the dataset\'s own metric (docs/eval-*.md). The datasets are not shipped with Dossier: --data takes the path where you keep yours.',
  options: [
    { name: 'dataset', type: 'string', value: 'NAME', required: true, choices: MIRRORED.DATASETS, help: 'which dataset\'s format and metric' },
    { name: 'data', type: 'string', value: 'PATH', required: true, help: 'the dataset: a file or folder in its format' },
    JSON_OUT,
    { name: 'predictions', type: 'string', value: 'FILE', help: 'also write every prediction to FILE' },
    { name: 'limit', type: 'string', value: 'N', help: 'score only the first N items' },
    { name: 'model', type: 'boolean', help: 'polnear: with the learned attribution taggers' },
  ],
  load: async () => (await import('./eval-command.js')).cmdEval,
};

/** Every command, in the order the main help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  INGEST, WATCH, REPROCESS, WORKER, DEMO,
  INCIDENTS, SHOW, CONFLICTS, CLAIMS, QUOTES, ENTITIES, ENTITY,
  EXPORT,
  REVIEW, HISTORY, TOKEN,
  SERVE,
  EVAL,
];

/** What the main help says after the list of commands. */
export const GENERAL_NOTES = [
  `The store is --db, else $DOSSIER_DB, else ./${MIRRORED.DEFAULT_DB}: a SQLite file, or postgres://user@host/db for PostgreSQL.`,
  `Headline policies: ${HEADLINE_POLICIES.join(', ')} (default conservative).`,
  'Dates: a bound at year or month precision covers the whole year or month (--to 2024-06 keeps 30 June).',
  'Exit codes: 0 ok, 1 some input failed, 2 usage error, 3 not found, 4 store error, 5 output refused.',
  'V8 is asked to inline less (about a tenth less CPU spent compiling while ingesting); DOSSIER_V8_DEFAULTS=1 leaves it as it comes.',
];

/** The command at `path` (["token", "create"]), or undefined. */
export function findCommand(path: readonly string[]): CommandSpec | undefined {
  let list: readonly CommandSpec[] = COMMANDS;
  let found: CommandSpec | undefined;
  for (const name of path) {
    found = list.find((c) => c.name === name);
    if (!found) return undefined;
    list = found.subcommands ?? [];
  }
  return found;
}
