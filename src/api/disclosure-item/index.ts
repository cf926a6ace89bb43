import type { Core } from '@strapi/strapi';
import { registerWordImport } from '../../word-import';

/** API-level lifecycle of 政府信息: the admin route 上传 Word 正文 (src/word-import/). */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerWordImport(strapi);
  },
};
