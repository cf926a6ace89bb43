/**
 * 主题词 (metadata.md: at most 5 per document). One home for the rule: the Document Service
 * (src/foundation/validators.ts normaliseKeywords) and the admin's tag input (plugins/gov-fields) split
 * and count the same way, so what the editor sees as tags is what is stored.
 */
export const MAX_KEYWORDS = 5;
export const MAX_KEYWORD_LENGTH = 20;

/** Editors type Chinese or ASCII commas and semicolons, 顿号 or spaces between words. */
export const KEYWORD_SEPARATORS = /[，,；;、\s]+/;

/** The words of a typed text, trimmed, empty ones dropped (duplicates kept: the caller decides). */
export function splitKeywords(text: string): string[] {
  return text
    .split(KEYWORD_SEPARATORS)
    .map((w) => w.trim())
    .filter(Boolean);
}
