/**
 * The pipeline context (issue 11): the gazetteer, the models and the lexicons the stages read, and the
 * options that choose among them. A stage gets the context as its second argument and hands the
 * resources it needs down as parameters; no module keeps a model of its own, so two contexts (the
 * shipped models, a trainer's cross-validation fold) can run side by side in one process.
 *
 * Each resource is loaded on first use, so start-up reads nothing: a command that never extracts never
 * reads the gazetteer, and a document that needs no event detector never loads it. A resource given in
 * the options is used as given (tests, training, cross-validation) and no file is read for it.
 */
import { loadDetectorModel, detectorModelFile } from '../classify/detector.js';
import { eventModelFile, loadEventModel } from '../classify/events.js';
import type { LinearModel } from '../learn/linear.js';
import { loadTargetTypeModel, targetTypeModelFile, type TargetTypeModel } from '../classify/target-type.js';
import type { FindOptions } from '../extract/attribution/index.js';
import { attributionModelFile, loadAttributionModel, type AttributionModel } from '../extract/attribution/learned.js';
import type { SequenceTagger } from '../learn/perceptron.js';
import { GAZETTEER_FILE } from '../nlp/gazetteer/data.js';
import { loadGazetteerImpl, type GazetteerImpl } from '../nlp/gazetteer/gazetteer.js';
import { loadPlaceWeights, placeWeightsFile, type PlaceDecision } from '../nlp/gazetteer/place-weights.js';
import { loadPlaceTagger, placeTaggerFile, type PlaceTagger, type TaggedRun } from '../nlp/place-tagger.js';
import { loadRoleTagger, roleTaggerFile } from '../nlp/roles/index.js';
import { actorLexiconFile, ActorLexicon, loadActorLexicon, type LexiconFile } from '../resolve/actors.js';
import { gtdGroupsFile, loadGtdGroups, prepareGtdGroups, type GtdGroupLexicon, type GtdGroups } from '../resolve/gtd-groups.js';

/** The resources a context holds. A stage declares the ones it reads (Stage.uses); the contract test checks it. */
export const RESOURCE_NAMES = [
  'gazetteer', 'placeTagger', 'placeWeights', 'roleTagger', 'eventModel', 'detector', 'actors', 'attribution',
  'attributionModel', 'targetType', 'gtdGroups',
] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

/** Resources built from another: the actor lexicon reads countries with the gazetteer. */
export const RESOURCE_DEPENDS: Readonly<Partial<Record<ResourceName, readonly ResourceName[]>>> = { actors: ['gazetteer'] };

/**
 * What a context runs with. Every field is optional: an absent resource is read from its file under
 * models/ or data/ on first use; one given here is used as given.
 */
export interface ContextOptions {
  gazetteer?: GazetteerImpl;
  /** The learned place tagger's mode and model (null model: the rules); default models/place-tagger.json, the rules with DOSSIER_PLACE_TAGGER=rules. */
  placeTagger?: Omit<PlaceTagger, 'recorder'>;
  /** The place resolver's weights (FEATURES order of nlp/gazetteer/scoring.ts); default models/place-weights.json, the hand weights with DOSSIER_PLACE_WEIGHTS=hand. */
  placeWeights?: Float64Array;
  /** null: no role tagger (the role rules alone). */
  roleTagger?: SequenceTagger | null;
  eventModel?: LinearModel | null;
  detector?: LinearModel | null;
  actors?: LexiconFile;
  /** The learned attribution taggers, for those who ask for them (`dossier eval --dataset polnear --model`). */
  attributionModel?: AttributionModel | null;
  /** The attribution finder's options in the claims stage: the rules alone unless a model is given. */
  attribution?: FindOptions;
  targetType?: TargetTypeModel | null;
  gtdGroups?: GtdGroupLexicon;
  /** Watches each name the place resolver decides among two or more readings (scripts/train-place-weights.ts). */
  placeRecorder?: (d: PlaceDecision) => void;
  /** Watches each run the place tagger decides (scripts/train-place-tagger.ts). */
  placeTaggerRecorder?: (r: TaggedRun) => void;
}

/** Time and heap growth of one load (heap includes garbage not yet collected). */
export interface LoadStats {
  ms: number;
  heapBytes: number;
}

/** A file-backed resource: where it is read from, and how. */
interface Loader<T> {
  file: () => string | null;
  load: (path: string | null, ctx: PipelineContext) => T;
}

const LOADERS: { [K in ResourceName]: Loader<PipelineContext[K]> | null } = {
  gazetteer: { file: () => GAZETTEER_FILE, load: (p) => loadGazetteerImpl(p ?? GAZETTEER_FILE) },
  placeTagger: { file: placeTaggerFile, load: (p, ctx) => ({ ...loadPlaceTagger(p), recorder: ctx.options.placeTaggerRecorder ?? null }) },
  placeWeights: { file: placeWeightsFile, load: (p) => loadPlaceWeights(p).weights },
  roleTagger: { file: roleTaggerFile, load: (p) => loadRoleTagger(p) },
  eventModel: { file: eventModelFile, load: (p) => loadEventModel(p) },
  detector: { file: detectorModelFile, load: (p) => loadDetectorModel(p) },
  actors: { file: actorLexiconFile, load: (p, ctx) => loadActorLexicon(ctx.gazetteer, p) },
  attributionModel: { file: attributionModelFile, load: (p) => loadAttributionModel(p) },
  targetType: { file: targetTypeModelFile, load: (p) => loadTargetTypeModel(p) },
  gtdGroups: { file: gtdGroupsFile, load: (p) => loadGtdGroups(p) },
  // Options, not a file.
  attribution: null,
};

export class PipelineContext {
  readonly options: Readonly<ContextOptions>;
  /** How long each resource took to load, once it has been (the ingest benchmark reports the gazetteer's). */
  readonly loads = new Map<ResourceName, LoadStats>();
  private readonly cache = new Map<ResourceName, unknown>();
  /** The context this one was derived from, and the options it changed (derive). */
  private readonly base: { parent: PipelineContext; changed: ReadonlySet<string> } | null;

  constructor(options: ContextOptions = {}, base: { parent: PipelineContext; changed: ReadonlySet<string> } | null = null) {
    this.options = { ...options };
    this.base = base;
  }

  /**
   * This context with some options changed: a cross-validation fold's weights, a trainer's recorder.
   * What the change does not touch is shared with this context (loaded once, here); the rest loads anew.
   */
  derive(opts: ContextOptions): PipelineContext {
    return new PipelineContext({ ...this.options, ...opts }, { parent: this, changed: new Set(Object.keys(opts)) });
  }

  get gazetteer(): GazetteerImpl {
    return this.resource('gazetteer', () => this.options.gazetteer);
  }
  get placeTagger(): PlaceTagger {
    const given = this.options.placeTagger;
    return this.resource('placeTagger', () => (given ? { ...given, recorder: this.options.placeTaggerRecorder ?? null } : undefined));
  }
  get placeWeights(): Float64Array {
    return this.resource('placeWeights', () => this.options.placeWeights);
  }
  get roleTagger(): SequenceTagger | null {
    return this.resource('roleTagger', () => this.options.roleTagger);
  }
  get eventModel(): LinearModel | null {
    return this.resource('eventModel', () => this.options.eventModel);
  }
  get detector(): LinearModel | null {
    return this.resource('detector', () => this.options.detector);
  }
  get actors(): ActorLexicon {
    const given = this.options.actors;
    return this.resource('actors', () => (given ? new ActorLexicon(given, this.gazetteer) : undefined));
  }
  get attributionModel(): AttributionModel | null {
    return this.resource('attributionModel', () => this.options.attributionModel);
  }
  get attribution(): FindOptions {
    return this.resource('attribution', () => this.options.attribution ?? {});
  }
  get targetType(): TargetTypeModel | null {
    return this.resource('targetType', () => this.options.targetType);
  }
  get gtdGroups(): GtdGroups {
    const given = this.options.gtdGroups;
    return this.resource('gtdGroups', () => (given ? prepareGtdGroups(given) : undefined));
  }

  /** Whether the options give the resource (then no file is read for it); the attribution options count when they give a model. */
  given(name: ResourceName): boolean {
    return name === 'attribution' ? !!this.options.attribution?.model : this.options[name] !== undefined;
  }

  /** The data file a resource is read from: null when the options give it, it has none, or none exists. */
  file(name: ResourceName): string | null {
    const loader = LOADERS[name];
    return loader && !this.given(name) ? loader.file() : null;
  }

  /** Whether a derived context must build the resource anew: the change gives it, or what it is built from. */
  private changes(name: ResourceName): boolean {
    const changed = this.base?.changed;
    if (!changed) return true;
    if (changed.has(name) || (name === 'placeTagger' && changed.has('placeTaggerRecorder'))) return true;
    return (RESOURCE_DEPENDS[name] ?? []).some((d) => this.changes(d));
  }

  /** The resource, from the cache, else the parent's when this context derives from one that has it unchanged, else as `given` returns it, else loaded from its file. */
  private resource<K extends ResourceName>(name: K, given: () => PipelineContext[K] | undefined): PipelineContext[K] {
    if (this.cache.has(name)) return this.cache.get(name) as PipelineContext[K];
    if (this.base && !this.changes(name)) return this.base.parent[name];
    const h0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    // null is a value ("no model"); only undefined means "not given".
    const g = given();
    const value = g !== undefined ? g : (LOADERS[name] as Loader<PipelineContext[K]>).load(this.file(name), this);
    this.loads.set(name, { ms: performance.now() - t0, heapBytes: process.memoryUsage().heapUsed - h0 });
    this.cache.set(name, value);
    return value;
  }
}

/** A context with these options; nothing is read until a stage needs it. */
export function loadContext(opts: ContextOptions = {}): PipelineContext {
  return new PipelineContext(opts);
}

/** The shipped models and data files, for callers that pass no context. Built empty: each resource loads on first use. */
const DEFAULT_CONTEXT = new PipelineContext();

export function defaultContext(): PipelineContext {
  return DEFAULT_CONTEXT;
}
