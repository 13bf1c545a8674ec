import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The shape issue 10 asks of the extraction code: rules live in tables at module level, so no regular
 * expression literal is written inside a function body in src/extract or src/nlp (a pattern built per
 * call is compiled per call, and a rule hidden in a function has no name or reason), and no function
 * runs past MAX_FUNCTION_LINES anywhere in src/extract and src/nlp.
 */
const MAX_FUNCTION_LINES = 80;
/** Where regex literals must live at module level; function length is checked in all of src. */
const RULE_FOLDERS = ['extract', 'nlp'];

/** The repository's src/, from this test's place in dist/src/testing. */
const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function isFunction(n: ts.Node): boolean {
  return ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) ||
    ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n);
}

/** Every function over the limit and every regex literal inside a function, as "file:line what". */
function problems(file: string, text = readFileSync(file, 'utf8'), checkRegex = true): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const line = (pos: number): number => src.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (n: ts.Node, inFunction: boolean): void => {
    const fn = isFunction(n);
    if (fn) {
      const lines = line(n.getEnd()) - line(n.getStart()) + 1;
      if (lines > MAX_FUNCTION_LINES) out.push(`${file}:${line(n.getStart())} a function of ${lines} lines`);
    }
    if (checkRegex && inFunction && n.kind === ts.SyntaxKind.RegularExpressionLiteral) out.push(`${file}:${line(n.getStart())} a regex literal inside a function`);
    ts.forEachChild(n, (c) => visit(c, inFunction || fn));
  };
  visit(src, false);
  return out;
}

test('src/extract and src/nlp: no regex literal inside a function; all of src: no function over 80 lines', () => {
  const ruleFiles = new Set(RULE_FOLDERS.flatMap((d) => sources(join(SRC, d))));
  const found = sources(SRC).flatMap((f) => problems(f, readFileSync(f, 'utf8'), ruleFiles.has(f)));
  assert.deepEqual(found, []);
});

test('the shape check sees a long function and a regex inside one (it can fail)', () => {
  const body = Array.from({ length: 85 }, (_, i) => `  const v${i} = ${i};`).join('\n');
  const found = problems('probe.ts', `export function f(): RegExp {\n${body}\n  return /x/g;\n}\nconst OK = /y/g;\n`);
  assert.deepEqual(found, ['probe.ts:1 a function of 88 lines', 'probe.ts:87 a regex literal inside a function']);
});

/**
 * Every AsyncLocalStorage that has run stays in Node 20's list for the life of the process, and each
 * promise created anywhere calls into every one (measured: 2 million awaits, 0.34 s of CPU with one
 * instance, 80 s with 300). So one is made once, at a module's top level, never per object or per call
 * (sql-store.ts shares one among all its stores).
 */
function asyncStoragesMadeLate(file: string, text = readFileSync(file, 'utf8')): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node, late: boolean): void => {
    if (late && ts.isNewExpression(n) && n.expression.getText(src) === 'AsyncLocalStorage') {
      out.push(`${file}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1} an AsyncLocalStorage made inside a function or class`);
    }
    ts.forEachChild(n, (c) => visit(c, late || isFunction(n) || ts.isClassLike(n)));
  };
  visit(src, false);
  return out;
}

test('src: an AsyncLocalStorage is made once, at a module top level, never per object or call', () => {
  assert.deepEqual(sources(SRC).flatMap((f) => asyncStoragesMadeLate(f)), []);
  // Negative: the check sees one in a class field and one in a function, and leaves a module's alone.
  const probe = 'const ok = new AsyncLocalStorage();\nclass S { tx = new AsyncLocalStorage(); }\nfunction f() { return new AsyncLocalStorage(); }\n';
  assert.deepEqual(asyncStoragesMadeLate('probe.ts', probe), [
    'probe.ts:2 an AsyncLocalStorage made inside a function or class',
    'probe.ts:3 an AsyncLocalStorage made inside a function or class',
  ]);
});

/**
 * `npm test` runs short test files together in one process (src/testing/test-order.ts). A beforeEach or
 * afterEach called at a file's top level hangs on the process's root, so it would run around every
 * other file's tests too. Inside a describe it stays with its own tests.
 */
function rootEachHooks(file: string, text = readFileSync(file, 'utf8')): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return src.statements.flatMap((s) => {
    if (!ts.isExpressionStatement(s) || !ts.isCallExpression(s.expression)) return [];
    const callee = s.expression.expression.getText(src);
    return /^(beforeEach|afterEach)$/.test(callee) ? [`${file}:${src.getLineAndCharacterOfPosition(s.getStart()).line + 1} a top-level ${callee}`] : [];
  });
}

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? testSources(p) : e.name.endsWith('.test.ts') ? [p] : [];
  });
}

test('no test file hangs a beforeEach or afterEach on the root, where its neighbours in a shared process would meet it', () => {
  assert.deepEqual(testSources(SRC).flatMap((f) => rootEachHooks(f)), []);
  // Negative: the check sees one, and leaves one inside a describe alone.
  assert.deepEqual(rootEachHooks('probe.test.ts', "beforeEach(() => {});\ndescribe('x', () => { afterEach(() => {}); });\n"), ['probe.test.ts:1 a top-level beforeEach']);
});
