export { classifyEvent, classifyAcled, eventModelFile, loadEventModel, modelPath, labelProbabilities, type EventClass, type AcledType } from './events.js';
export { detectEvent, detectorModelFile, loadDetectorModel, detectorModelPath, eventProbability, EVENT_THRESHOLD, type EventDetection } from './detector.js';
export { KEYWORD_RULES, ruleHits, type KeywordRule, type RuleHit } from './rules.js';
export { ACLED_SUBTYPES, SUBTYPE_CODES, subtypeInfo, type SubtypeInfo } from './labels.js';
export { scoreClassification, type ClassificationScores, type LabelScore } from '../learn/metrics.js';
export { trainLinear, linearScores, softmax, DEFAULT_SETTINGS, type LinearModel, type TrainItem, type TrainSettings } from '../learn/linear.js';
export { featurize, tokens, stem } from './features.js';
export { ploverToAcled, type PloverRecord } from './plover-map.js';
