/**
 * The long-tail URL mix of `npm run bench:api` (issue 18): what a search-engine spider, a 普查 crawler or
 * a link checker asks for — item pages, the first list pages of every catalogue node, and searches —
 * far more distinct URLs than the response cache holds, each request an independent random pick.
 * Pure (no Strapi, no database), so the mix is the same on every run with the same inputs and seed.
 */
import { rng } from '../seed-data';

export interface LongTailInput {
  /** documentIds (or URL-encoded 索引号) of public items */
  itemIds: readonly string[];
  /** codes of the public catalogue nodes (unique within the bench data, so no `org` is needed) */
  nodeCodes: readonly string[];
  /** search words; combined two by two when more searches than words are asked for */
  words: readonly string[];
  /** how many distinct item pages (default 3,000) */
  items?: number;
  /** list pages per node (default 5) */
  pagesPerNode?: number;
  /** distinct searches (default 60) */
  searches?: number;
  /** entries per list page (default 20) */
  limit?: number;
  seed?: number;
}

export interface LongTailMix {
  items: string[];
  lists: string[];
  searches: string[];
  /** all of the above, each once */
  all: string[];
}

const API = '/api/gov/v1';

/** `n` distinct queries: each word alone, then pairs of words (both must occur). */
export function searchQueries(words: readonly string[], n: number): string[] {
  const unique = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
  const out: string[] = unique.slice(0, n);
  for (let i = 0; i < unique.length && out.length < n; i++) {
    for (let j = i + 1; j < unique.length && out.length < n; j++) out.push(`${unique[i]} ${unique[j]}`);
  }
  if (out.length < n) throw new Error(`只有 ${unique.length} 个检索词，组合后 ${out.length} 个检索，少于所需 ${n} 个`);
  return out;
}

/** Draws `n` distinct elements (without replacement; all of them when n ≥ length), deterministic for a seed. */
export function sample<T>(values: readonly T[], n: number, seed: number): T[] {
  const r = rng(seed);
  const copy = [...values];
  const k = Math.min(n, copy.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(r.next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, k);
}

export function longTailMix(input: LongTailInput): LongTailMix {
  const limit = input.limit ?? 20;
  const pages = input.pagesPerNode ?? 5;
  const seed = input.seed ?? 18;
  const items = sample(input.itemIds, input.items ?? 3000, seed).map((id) => `${API}/items/${encodeURIComponent(id)}`);
  const lists = [...new Set(input.nodeCodes)].flatMap((code) =>
    Array.from({ length: pages }, (_, p) => `${API}/items?node=${encodeURIComponent(code)}&page=${p + 1}&limit=${limit}`),
  );
  const searches = searchQueries(input.words, input.searches ?? 60).map((q) => `${API}/search?q=${encodeURIComponent(q)}`);
  return { items, lists, searches, all: [...items, ...lists, ...searches] };
}

/** An endless sequence of independent uniform picks (with repetition) from `paths`. */
export function randomPicker(paths: readonly string[], seed: number): () => string {
  if (!paths.length) throw new Error('没有可选的地址');
  const r = rng(seed);
  return () => paths[Math.floor(r.next() * paths.length)];
}
