/**
 * Admin routes of the search dictionary (检索词典), under /gov-api (admin JWT):
 *
 *   GET /gov-api/dictionary   the words in use by source (config, the admin list, organisations' short names,
 *                             机关代字 of 发文字号) and whether the index is still being re-segmented
 *   PUT /gov-api/dictionary   { words: string[] } replaces the admin list; the documents containing new words
 *                             are re-segmented in the background, once across nodes (SearchIndex.applyDictionary)
 *
 * Both need plugin::gov-api.dictionary.manage; the write also needs the scope of all organisations (the
 * dictionary shapes every organisation's search), declared on the routes and enforced by the one policy
 * of plugins/site-groups.
 */
import type { Core } from '@strapi/strapi';
import { fieldError, FieldErrors } from '../../../../../src/foundation/errors';
import { runtime } from '../runtime';
import { MAX_ADMIN_WORDS, normaliseWord } from '../search/dictionary';
import { replaceAdminWords } from '../search/dictionary-store';
import { isPostgres } from '../sql';

export const DICTIONARY_ACTION = 'plugin::gov-api.dictionary.manage';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const view = async (ctx: any) => {
    const rt = runtime(strapi);
    const d = await rt.index.dictionary();
    const pending = [...d.dict.words].filter((w) => !d.indexed.has(w)).length;
    return {
      data: { admin: d.sources.admin, config: d.sources.config, shortNames: d.sources.shortNames, codes: d.sources.codes, size: d.dict.words.size, pending },
      meta: { canManage: !!ctx.state?.userAbility?.can?.(DICTIONARY_ACTION) && ctx.state?.orgScope?.all === true },
    };
  };

  return {
    async find(ctx: any) {
      ctx.body = await view(ctx);
    },

    async update(ctx: any) {
      const raw = ctx.request.body?.words;
      if (!Array.isArray(raw)) throw fieldError('words', '请提供 words（词语数组）', raw);
      if (raw.length > MAX_ADMIN_WORDS) throw fieldError('words', `词语不能超过 ${MAX_ADMIN_WORDS} 个`, raw.length);
      const problems = new FieldErrors();
      const words = new Set<string>();
      raw.forEach((w: unknown, i: number) => {
        const n = normaliseWord(w);
        if (!n) problems.add(`words.${i}`, `第 ${i + 1} 个词“${String(w)}”无效：词语须为 2–20 个汉字、字母或数字，不含空格和标点`, w);
        else words.add(n);
      });
      problems.throwIfAny();
      const rt = runtime(strapi);
      const userId = Number(ctx.state?.user?.id) || null;
      await strapi.db.connection.transaction((trx: any) => replaceAdminWords(trx, isPostgres(strapi), [...words].sort(), userId));
      // every node reloads its dictionary on the flush; this one starts re-segmenting right away
      await rt.invalidate('search-dictionary');
      rt.index.invalidateDictionary();
      await rt.index.dictionary();
      ctx.body = await view(ctx);
    },
  };
};
