import type { Core } from '@strapi/strapi';

/**
 * Settings of the disclosure content model (read with strapi.config.get('disclosure.<key>')).
 * Documented in README.md → 配置参考.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  /**
   * 索引号 template. Placeholders: {orgCode} (the organisation's code), {year} (year of 发布日期,
   * or of creation when no 发布日期 is set), {seq:N} (per-organisation, per-year serial, zero-padded to N).
   */
  indexNoTemplate: env('INDEX_NO_TEMPLATE', '{orgCode}/{year}-{seq:5}'),
  /** Demo mode: creates the demo super admin and role users on boot (never outside demo mode). */
  demo: env.bool('DEMO_MODE', false),
  demoAdminEmail: env('DEMO_ADMIN_EMAIL', 'admin@demo.gov.cn'),
  demoAdminPassword: env('DEMO_ADMIN_PASSWORD', 'Demo12345'),
  /** 上传 Word 正文 (src/word-import): the largest .docx accepted, in bytes (default 20 MB). */
  wordImportMaxBytes: env.int('WORD_IMPORT_MAX_BYTES', 20 * 1024 * 1024),
});
