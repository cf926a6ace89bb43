/**
 * Where the search dictionary's words are kept, and which of them the index was built with.
 *
 *   gov_api_search_words          word, source: `admin` (the list edited on the admin page) or `code`
 *                                 (机关代字 seen in the 发文字号 of an indexed document, added as documents
 *                                 are indexed)
 *   gov_api_search_indexed_words  the dictionary the index entries were segmented with. A word in the
 *                                 dictionary but not here means some entries may lack it as a whole word:
 *                                 the documents containing it are re-segmented in the background
 *                                 (SearchIndex.applyDictionary). A word removed from the dictionary needs
 *                                 nothing re-segmented (its pieces are indexed as well), only this list.
 *
 * The configured words (`search.dictionary`) and the organisations' short names are read from config and
 * the organisations table each time the dictionary is loaded; nothing copies them.
 */
import { T } from '../constants';
import { query, type Knex } from '../sql';
import { Dictionary, agencyCodeOf, normaliseWord } from './dictionary';

export const WORDS_TABLE = 'gov_api_search_words';
export const INDEXED_WORDS_TABLE = 'gov_api_search_indexed_words';

export interface DictionarySources {
  config: string[];
  admin: string[];
  shortNames: string[];
  codes: string[];
}

export interface LoadedDictionary {
  dict: Dictionary;
  sources: DictionarySources;
  /** words the current index entries were segmented with */
  indexed: Set<string>;
  /** 机关代字 already recorded */
  codes: Set<string>;
}

export function dictionarySchema(pg: boolean): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${WORDS_TABLE} (
       word VARCHAR(40) NOT NULL,
       source VARCHAR(8) NOT NULL,
       created_at ${pg ? 'TIMESTAMPTZ' : 'VARCHAR(30)'},
       created_by INTEGER,
       PRIMARY KEY (word, source)
     )`,
    `CREATE TABLE IF NOT EXISTS ${INDEXED_WORDS_TABLE} (word VARCHAR(40) PRIMARY KEY)`,
  ];
}

export async function loadDictionary(knex: Knex, configWords: readonly string[]): Promise<LoadedDictionary> {
  const rows = await query(knex, `SELECT word, source FROM ${WORDS_TABLE} ORDER BY word`);
  const admin = rows.filter((r) => r.source === 'admin').map((r) => String(r.word));
  const codes = rows.filter((r) => r.source === 'code').map((r) => String(r.word));
  const shortNames = (await query(knex, `SELECT DISTINCT short_name FROM ${T.orgs} WHERE short_name IS NOT NULL`))
    .map((r) => normaliseWord(r.short_name))
    .filter((w): w is string => !!w)
    .sort();
  const indexed = new Set((await query(knex, `SELECT word FROM ${INDEXED_WORDS_TABLE}`)).map((r) => String(r.word)));
  const config = configWords.map(normaliseWord).filter((w): w is string => !!w);
  return {
    dict: new Dictionary([...config, ...admin, ...shortNames, ...codes]),
    sources: { config, admin, shortNames, codes },
    indexed,
    codes: new Set(codes),
  };
}

/** Record 机关代字 (idempotent). */
export async function addCodes(trx: Knex, pg: boolean, codes: string[]): Promise<void> {
  if (!codes.length) return;
  const now = pg ? new Date() : new Date().toISOString();
  const values = codes.map(() => `(?, 'code', ?)`).join(', ');
  await trx.raw(`INSERT INTO ${WORDS_TABLE} (word, source, created_at) VALUES ${values} ON CONFLICT (word, source) DO NOTHING`, codes.flatMap((c) => [c, now]));
}

/** Every 机关代字 in the published 发文字号 of items and laws (first boot of this feature on an existing database). */
export async function scanCodes(trx: Knex): Promise<string[]> {
  const out = new Set<string>();
  for (const table of [T.items, T.laws]) {
    let lastId = 0;
    for (;;) {
      const rows = await query(trx, `SELECT id, document_number FROM ${table} WHERE published_at IS NOT NULL AND document_number IS NOT NULL AND id > ? ORDER BY id LIMIT 5000`, [lastId]);
      if (!rows.length) break;
      lastId = Number(rows[rows.length - 1].id);
      for (const r of rows) {
        const c = agencyCodeOf(r.document_number);
        if (c) out.add(c);
      }
    }
  }
  return [...out];
}

/** Replace the admin list (in the caller's transaction). */
export async function replaceAdminWords(trx: Knex, pg: boolean, words: string[], userId: number | null): Promise<void> {
  await trx.raw(`DELETE FROM ${WORDS_TABLE} WHERE source = 'admin'`);
  const now = pg ? new Date() : new Date().toISOString();
  for (let i = 0; i < words.length; i += 500) {
    const chunk = words.slice(i, i + 500);
    await trx.raw(`INSERT INTO ${WORDS_TABLE} (word, source, created_at, created_by) VALUES ${chunk.map(() => `(?, 'admin', ?, ?)`).join(', ')}`, chunk.flatMap((w) => [w, now, userId]));
  }
}

/** Record the dictionary the index is now segmented with. */
export async function setIndexedWords(trx: Knex, words: Iterable<string>): Promise<void> {
  await trx.raw(`DELETE FROM ${INDEXED_WORDS_TABLE}`);
  const list = [...words];
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    await trx.raw(`INSERT INTO ${INDEXED_WORDS_TABLE} (word) VALUES ${chunk.map(() => '(?)').join(', ')}`, chunk);
  }
}
