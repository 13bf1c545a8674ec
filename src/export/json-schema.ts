import { DossierError } from '../model/index.js';

/**
 * A small JSON Schema (2020-12) validator for the schemas we write ourselves (the PLOVER record's):
 * type, enum, const, required, properties, additionalProperties, items, minItems, minLength, pattern,
 * minimum, maximum, oneOf, anyOf and local $ref. A keyword it does not know is an error, not a pass:
 * a schema can never look checked when part of it was skipped.
 */
export type JsonSchema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs', '$comment']);
const KNOWN = new Set(['type', 'enum', 'const', 'required', 'properties', 'additionalProperties', 'items', 'minItems', 'minLength', 'pattern', 'minimum', 'maximum', 'oneOf', 'anyOf', '$ref']);

/** The errors of `value` against `schema` (`root` resolves $ref), each "path: what is wrong"; empty when valid. */
export function validate(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path = '$'): string[] {
  for (const k of Object.keys(schema)) {
    if (!ANNOTATIONS.has(k) && !KNOWN.has(k)) throw new DossierError('E_USAGE', `JSON Schema keyword "${k}" is not supported by this validator`, path);
  }
  if (typeof schema.$ref === 'string') return validate(value, resolveRef(schema.$ref, root), root, path);
  const errors: string[] = [];
  if (schema.type !== undefined && !typeMatches(value, schema.type as string | string[])) return [`${path}: expected ${JSON.stringify(schema.type)}, got ${jsonType(value)}`];
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') errors.push(...stringErrors(value, schema, path));
  if (typeof value === 'number') errors.push(...numberErrors(value, schema, path));
  if (Array.isArray(value)) errors.push(...arrayErrors(value, schema, root, path));
  else if (value !== null && typeof value === 'object') errors.push(...objectErrors(value as Record<string, unknown>, schema, root, path));
  errors.push(...combinatorErrors(value, schema, root, path));
  return errors;
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  const m = REF.exec(ref);
  const target = m ? ((root[m[1]!] as Record<string, JsonSchema> | undefined)?.[m[2]!]) : undefined;
  if (!target) throw new DossierError('E_USAGE', `unresolvable $ref "${ref}" (only #/$defs/NAME is supported)`);
  return target;
}
const REF = /^#\/(\$defs|definitions)\/([^/]+)$/;

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, type: string | string[]): boolean {
  const t = jsonType(v);
  return (Array.isArray(type) ? type : [type]).some((x) => x === t || (x === 'number' && t === 'integer'));
}

function stringErrors(v: string, s: JsonSchema, path: string): string[] {
  const out: string[] = [];
  if (typeof s.minLength === 'number' && [...v].length < s.minLength) out.push(`${path}: shorter than ${s.minLength}`);
  if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) out.push(`${path}: ${JSON.stringify(v)} does not match ${s.pattern}`);
  return out;
}

function numberErrors(v: number, s: JsonSchema, path: string): string[] {
  const out: string[] = [];
  if (typeof s.minimum === 'number' && v < s.minimum) out.push(`${path}: ${v} < ${s.minimum}`);
  if (typeof s.maximum === 'number' && v > s.maximum) out.push(`${path}: ${v} > ${s.maximum}`);
  return out;
}

function arrayErrors(v: unknown[], s: JsonSchema, root: JsonSchema, path: string): string[] {
  const out: string[] = [];
  if (typeof s.minItems === 'number' && v.length < s.minItems) out.push(`${path}: fewer than ${s.minItems} items`);
  if (s.items && typeof s.items === 'object') v.forEach((x, i) => out.push(...validate(x, s.items as JsonSchema, root, `${path}[${i}]`)));
  return out;
}

function objectErrors(v: Record<string, unknown>, s: JsonSchema, root: JsonSchema, path: string): string[] {
  const out: string[] = [];
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  for (const r of (s.required ?? []) as string[]) if (!(r in v)) out.push(`${path}: missing required "${r}"`);
  for (const [k, x] of Object.entries(v)) {
    if (props[k]) out.push(...validate(x, props[k]!, root, `${path}.${k}`));
    else if (s.additionalProperties === false) out.push(`${path}: unexpected property "${k}"`);
    else if (s.additionalProperties && typeof s.additionalProperties === 'object') out.push(...validate(x, s.additionalProperties as JsonSchema, root, `${path}.${k}`));
  }
  return out;
}

function combinatorErrors(v: unknown, s: JsonSchema, root: JsonSchema, path: string): string[] {
  const out: string[] = [];
  if (Array.isArray(s.oneOf)) {
    const passing = (s.oneOf as JsonSchema[]).filter((x) => validate(v, x, root, path).length === 0).length;
    if (passing !== 1) out.push(`${path}: matches ${passing} of the oneOf schemas, not exactly one`);
  }
  if (Array.isArray(s.anyOf) && !(s.anyOf as JsonSchema[]).some((x) => validate(v, x, root, path).length === 0)) out.push(`${path}: matches none of the anyOf schemas`);
  return out;
}
