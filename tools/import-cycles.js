#!/usr/bin/env node
// Import cycles among the project's TypeScript files, `import type` and `export ... from` included: eslint's
// import-x/no-cycle skips type-only imports, yet a type-only cycle still ties two modules into one unit.
// Usage: node tools/import-cycles.js [dir ...] (default src). Prints each cycle; exits 1 when there is one.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const roots = process.argv.length > 2 ? process.argv.slice(2) : ['src'];
const files = roots.flatMap((root) => tsFiles(resolve(root)));
const known = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f).filter((g) => known.has(g))]));
const cycles = stronglyConnected(graph).filter((c) => c.length > 1 || graph.get(c[0]).includes(c[0]));
for (const cycle of cycles) console.log(`import cycle: ${cycle.map((f) => relative(process.cwd(), f)).join(' <-> ')}`);
console.log(`${cycles.length} import cycles in ${files.length} files (type-only imports included)`);
process.exitCode = cycles.length === 0 ? 0 : 1;

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The files a module imports or re-exports from, relative specifiers only (`./x.js` is `./x.ts` on disk). */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const targets = [];
  const visit = (node) => {
    const spec =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
        ? node.moduleSpecifier
        : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)
          ? node.argument.literal
          : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
            ? node.arguments[0]
            : undefined;
    if (spec && ts.isStringLiteralLike(spec) && spec.text.startsWith('.')) {
      const base = resolve(dirname(file), spec.text);
      const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
      const hit = candidates.find((c) => existsSync(c));
      if (hit) targets.push(hit);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return targets;
}

/** Tarjan's strongly connected components. */
function stronglyConnected(g) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  const connect = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) connect(v);
  return out;
}
