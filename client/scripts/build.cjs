#!/usr/bin/env node
/**
 * Builds the package: dist/cjs (CommonJS + .d.ts, for require) and dist/esm (ES modules + .d.ts, for import),
 * each with a package.json naming its module type. The TypeScript compiler runs twice on client/src with the
 * options of tsconfig.json; the ES build gets `.js` on its relative import specifiers (JavaScript and
 * declarations), which Node's ES module loader and browsers need, while the sources stay extension-less for
 * the server, the tests and scripts/build-portal.js. Type errors fail the build.
 *   node scripts/build.cjs        (npm run build; npm pack runs it through prepack)
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

function readConfig() {
  const file = path.join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) fail([error]);
  return ts.parseJsonConfigFileContent(config, ts.sys, root);
}

function fail(diagnostics) {
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  process.exit(1);
}

/** './types' → './types.js' in imports, exports and `import('./x')` types. */
function withJsExtensions(context) {
  const { factory } = context;
  const fix = (spec) =>
    spec && ts.isStringLiteral(spec) && spec.text.startsWith('.') && !spec.text.endsWith('.js') ? factory.createStringLiteral(`${spec.text}.js`) : spec;
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) return factory.updateImportDeclaration(node, node.modifiers, node.importClause, fix(node.moduleSpecifier), node.attributes);
    if (ts.isExportDeclaration(node)) return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, fix(node.moduleSpecifier), node.attributes);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      return factory.updateImportTypeNode(node, factory.updateLiteralTypeNode(node.argument, fix(node.argument.literal)), node.attributes, node.qualifier, node.typeArguments, node.isTypeOf);
    }
    return ts.visitEachChild(node, visit, context);
  };
  return (file) => (ts.isSourceFile(file) ? ts.visitEachChild(file, visit, context) : file);
}

function build(kind) {
  const parsed = readConfig();
  const outDir = path.join(dist, kind);
  const options = {
    ...parsed.options,
    outDir,
    rootDir: path.join(root, 'src'),
    declaration: true,
    noEmit: false,
    module: kind === 'esm' ? ts.ModuleKind.ES2020 : ts.ModuleKind.CommonJS,
  };
  const program = ts.createProgram(parsed.fileNames, options);
  const pre = ts.getPreEmitDiagnostics(program);
  if (pre.length) fail(pre);
  const transformers = kind === 'esm' ? { after: [withJsExtensions], afterDeclarations: [withJsExtensions] } : undefined;
  const result = program.emit(undefined, undefined, undefined, false, transformers);
  if (result.diagnostics.length) fail(result.diagnostics);
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ type: kind === 'esm' ? 'module' : 'commonjs' })}\n`);
}

fs.rmSync(dist, { recursive: true, force: true });
build('cjs');
build('esm');
console.log('[client] dist/cjs (require) 与 dist/esm (import) 已生成');
