/**
 * The pure parts of the custom fields (plugins/gov-fields): 主题词 splitting shared by the tag input and the
 * Document Service (src/domain/keywords.ts), and the closed lists a select names.
 */
import { MAX_KEYWORDS, splitKeywords } from '../../src/domain/keywords';
import { normaliseKeywords } from '../../src/foundation/validators';
import { ENUMS } from '../../src/foundation/constants';
import { attributeProblems, FIELD_UID, listValues } from '../../plugins/gov-fields/server/src/fields';

describe('splitKeywords', () => {
  it.each([
    ['教育，资助，学生', ['教育', '资助', '学生']],
    ['教育,资助;学生；助学金', ['教育', '资助', '学生', '助学金']],
    ['  教育   资助\t学生 ', ['教育', '资助', '学生']],
    ['教育、资助，，学生', ['教育', '资助', '学生']],
    ['', []],
    ['，；', []],
  ])('%j', (text, words) => {
    expect(splitKeywords(text)).toEqual(words);
  });

  it('is what the server stores for a typed text, and the server counts the same limit', () => {
    expect(normaliseKeywords('教育，资助 学生')).toEqual({ value: splitKeywords('教育，资助 学生') });
    const six = Array.from({ length: MAX_KEYWORDS + 1 }, (_, i) => `词${i}`);
    expect(normaliseKeywords(six.join('，')).error).toBe(`主题词最多${MAX_KEYWORDS}个，当前${MAX_KEYWORDS + 1}个`);
    expect(normaliseKeywords(six.slice(0, MAX_KEYWORDS)).value).toHaveLength(MAX_KEYWORDS);
  });
});

describe('select options', () => {
  it('name a list of ENUMS', () => {
    expect(listValues({ list: 'genre' })).toBe(ENUMS.genre);
    expect(listValues({ list: 'applicantIdType' })).toBe(ENUMS.applicantIdType);
    for (const bad of [undefined, null, {}, { list: 'nope' }, { list: 'toString' }, { list: ['genre'] }]) expect(listValues(bad)).toBeNull();
  });

  it('a select naming no list is a configuration error; other fields need no list', () => {
    expect(attributeProblems({ customField: FIELD_UID.select, options: { list: 'genre' } })).toEqual([]);
    expect(attributeProblems({ customField: FIELD_UID.select, options: { list: 'genres' } })).toHaveLength(1);
    expect(attributeProblems({ customField: FIELD_UID.tags })).toEqual([]);
    expect(attributeProblems({ customField: FIELD_UID.generated })).toEqual([]);
  });
});
