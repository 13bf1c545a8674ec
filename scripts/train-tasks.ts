/** Trainable tasks, one line each: name → module with `train(args)`. */
export type TrainTask = () => Promise<{ train(args: string[]): Promise<void> }>;
export const TASKS: Record<string, TrainTask> = {
  events: () => import('./train-events.js'),
  roles: () => import('./train-roles.js'),
  attribution: () => import('./train-attribution.js'),
  'event-detector': () => import('../src/classify/detector-train.js'),
  actors: () => import('./train-actors.js'),
  'target-type': () => import('./train-target-type.js'),
  'gtd-groups': () => import('./train-gtd-groups.js'),
  'place-weights': () => import('./train-place-weights.js'),
  'place-tagger': () => import('./train-place-tagger.js'),
};
