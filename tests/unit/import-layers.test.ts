/**
 * Layering: src/foundation (and src/domain) import no feature module — the 依申请公开 feature
 * (src/requests) depends on the foundation, never the other way round (#13: the write rules of requests
 * live in src/requests/prepare.ts and are handed to the foundation by src/index.ts).
 */
import fs from 'fs';
import path from 'path';

const SRC = path.join(__dirname, '../../src');

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : /\.ts$/.test(e.name) ? [p] : [];
  });
}

describe.each(['foundation', 'domain'])('src/%s', (layer) => {
  it('imports neither src/requests nor src/api', () => {
    const offending = tsFiles(path.join(SRC, layer)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => path.relative(SRC, path.resolve(path.dirname(file), spec)))
        .filter((target) => /^(requests|api)(\/|$)/.test(target))
        .map((target) => `${path.relative(SRC, file)} → ${target}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('the Document Service pipeline', () => {
  it('is registered from src/document-pipeline.ts only: plugins and features export their stage', () => {
    const ROOT = path.join(__dirname, '../..');
    const files = [...tsFiles(SRC), ...tsFiles(path.join(ROOT, 'plugins')).filter((f) => !f.includes('node_modules') && !f.includes(`${path.sep}admin${path.sep}`))];
    const registering = files
      .filter((f) => /\bdocuments\.use\s*\(/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f));
    expect(registering).toEqual(['src/document-pipeline.ts']);
  });
});
