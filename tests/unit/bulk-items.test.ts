/**
 * The bulk path of the benchmarks (scripts/lib/bulk-items.ts) renders bodyHtml / summaryHtml and the search
 * tokens of its generated items once per paragraph instead of once per item: the results must be exactly
 * what the platform's own renderer and tokenizer give, or the benchmark would serve and search other data.
 */
import { makeRenderer, makeTextPreparer } from '../../scripts/lib/bulk-items';
import { renderStored } from '../../src/foundation/rich-text-fields';
import { prepareText } from '../../plugins/gov-api/server/src/search/index-store';
import { NEWS_TOPICS, BODY_PARAGRAPHS } from '../../scripts/seed-data';
import { Dictionary, DEFAULT_DICTIONARY } from '../../plugins/gov-api/server/src/search/dictionary';
import { activeDictionary, setActiveDictionary } from '../../plugins/gov-api/server/src/search/text';

const titles = NEWS_TOPICS.map((t, i) => `基准县第${i}局${t}（0000880${String(i).padStart(2, '0')}/2025-${String(i * 37).padStart(5, '0')}）`);

describe('bulk items: rendered bodies and search tokens computed once per paragraph', () => {
  it('equal a full render of every generated body and summary', () => {
    const render = makeRenderer();
    for (const title of titles) {
      expect(render.summary(title)).toBe(renderStored(title));
      for (const p1 of BODY_PARAGRAPHS) for (const p2 of BODY_PARAGRAPHS.slice(0, 3)) expect(render.body(title, p1, p2)).toBe(renderStored(`${title}\n\n${p1}\n\n${p2}`));
    }
  });

  it('render titles with markup in full instead of by substitution', () => {
    const render = makeRenderer();
    const title = '关于<script>alert(1)</script>**通知** & 说明';
    expect(render.summary(title)).toBe(renderStored(title));
    expect(render.body(title, BODY_PARAGRAPHS[0], BODY_PARAGRAPHS[1])).toBe(renderStored(`${title}\n\n${BODY_PARAGRAPHS[0]}\n\n${BODY_PARAGRAPHS[1]}`));
  });

  it.each([
    ['no dictionary', () => Dictionary.EMPTY],
    // as in a booted bench: the default words plus every organisation's short name (a word in every title)
    ['the default dictionary and the organisations\' short names', () => new Dictionary([...DEFAULT_DICTIONARY, ...titles.map((_, i) => `基准县第${i}局`)])],
  ])('equal prepareText (the search index tokens) of every generated item, with %s', (_name, dictionary) => {
    const before = activeDictionary();
    setActiveDictionary(dictionary());
    try {
      expectTokensEqual();
    } finally {
      setActiveDictionary(before);
    }
  });
});

function expectTokensEqual() {
  const prepare = makeTextPreparer();
  for (const title of titles) {
    for (const p1 of BODY_PARAGRAPHS) {
      for (const p2 of BODY_PARAGRAPHS) {
        const body = `${title}\n\n${p1}\n\n${p2}`;
        const fast = prepare(title, p1, p2, body);
        const real = prepareText(title, title, body);
        expect(fast.titleTokens).toBe(real.titleTokens);
        expect(fast.bodyTokens).toBe(real.bodyTokens);
      }
    }
  }
}
