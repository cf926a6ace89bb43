#!/usr/bin/env node
/**
 * Compiles the typed API client (client/src) for the browser: ES modules in
 * public/portal/vendor/gov-client/ (generated, gitignored), used by the reference portal (public/portal).
 * Part of `npm run build` and `npm run demo`.
 *
 * Each file is transpiled on its own with the installed `typescript` (no bundler, no type check —
 * `npm run typecheck` does that); relative import specifiers get their `.js` extension so browsers
 * can load them. client/src/node.ts (Node's http) is left out.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const srcDir = path.join(root, 'client/src');
const outDir = path.join(root, 'public/portal/vendor/gov-client');
const FILES = ['index.ts', 'transport.ts', 'types.ts'];

/** './types' → './types.js' in import and export declarations. */
function withJsExtensions(context) {
  const { factory } = context;
  const fix = (spec) =>
    spec && ts.isStringLiteral(spec) && spec.text.startsWith('.') && !spec.text.endsWith('.js') ? factory.createStringLiteral(`${spec.text}.js`) : spec;
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      return factory.updateImportDeclaration(node, node.modifiers, node.importClause, fix(node.moduleSpecifier), node.attributes);
    }
    if (ts.isExportDeclaration(node)) {
      return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, fix(node.moduleSpecifier), node.attributes);
    }
    return node;
  };
  return (sourceFile) => ts.visitEachChild(sourceFile, visit, context);
}

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
for (const file of FILES) {
  const source = fs.readFileSync(path.join(srcDir, file), 'utf8');
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ES2020, target: ts.ScriptTarget.ES2020, isolatedModules: true, removeComments: false },
    transformers: { after: [withJsExtensions] },
  });
  if (diagnostics && diagnostics.length) {
    console.error(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
    process.exit(1);
  }
  const out = path.join(outDir, file.replace(/\.ts$/, '.js'));
  fs.writeFileSync(out, `// Generated from client/src/${file} by scripts/build-portal.js — do not edit.\n${outputText}`);
}
console.log(`[build-portal] ${FILES.length} modules → ${path.relative(root, outDir)}/`);
