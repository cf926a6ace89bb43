/** Pre-publication 保密/质量检查 — pure TypeScript, no Strapi imports. */
export * from './types';
export { createCheckPipeline, type CheckPipeline } from './pipeline';
export { findPii, maskSpans, hasIdCardShape, isValidIdCardNumber, idCardCheckChar, luhnValid, type PiiKind, type PiiMatch, type FindPiiOptions } from './pii';
export {
  SensitiveWordMatcher,
  TypoMatcher,
  parseWordList,
  parsePairList,
  loadWordListFile,
  loadPairListFile,
  loadDefaultDictionaries,
  DEFAULT_SENSITIVE_WORDS_FILE,
  DEFAULT_TYPOS_FILE,
  type DictionaryHit,
  type TypoHit,
  type MatcherOptions,
} from './dictionary';
export { WordMatcher, Utf16Automaton, COMPLEX_CHAR, type WordHit } from './matcher';
export { checkRequiredFields, checkPublicationMeta, isEmptyValue, PUBLIC_REQUIREMENTS } from './metadata';
export {
  checkAttachments,
  compileAttachmentPolicy,
  extensionOf,
  normalizeExtension,
  DEFAULT_ALLOWED_EXTENSIONS,
  EXTENSION_MIME_TYPES,
  type CompiledAttachmentPolicy,
} from './attachments';
export { makeSnippet, maskNumber, type Span } from './snippet';
export { DEFAULT_FIELD_LABELS, fieldLabel } from './labels';
