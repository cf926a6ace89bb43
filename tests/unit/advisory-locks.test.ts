import fs from 'fs';
import path from 'path';
import { ADVISORY_LOCKS } from '../../src/foundation/sql';

const root = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'build', '.cache', '__tests__'].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('advisory-lock keys (src/foundation/sql.ts)', () => {
  it('are distinct', () => {
    const keys = Object.values(ADVISORY_LOCKS);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are taken only through the registry: no numeric key literal in a pg_advisory call anywhere in the source', () => {
    const offenders: string[] = [];
    for (const dir of ['src', 'plugins', 'scripts', 'database']) {
      for (const file of sourceFiles(path.join(root, dir))) {
        const text = fs.readFileSync(file, 'utf8');
        text.split('\n').forEach((line, i) => {
          if (/pg_(try_)?advisory_(xact_)?(un)?lock(_shared)?\(\s*\d/.test(line)) offenders.push(`${path.relative(root, file)}:${i + 1}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
