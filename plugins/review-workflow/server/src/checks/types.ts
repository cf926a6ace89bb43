/**
 * Types shared by the pre-publication 保密/质量检查 pipeline.
 *
 * Everything under `checks/` is plain TypeScript: no Strapi imports, no I/O except the explicit
 * file loaders in `dictionary.ts`.
 */

/** Severity of an emitted finding. */
export type Severity = 'blocking' | 'warning';

/** Configured severity of a check; `'off'` disables the check. */
export type SeveritySetting = Severity | 'off';

/** One problem found in a document. Offsets are UTF-16 code-unit offsets into that field's text. */
export interface Finding {
  /** Check identifier, e.g. `'pii.idCard'`. */
  check: CheckId;
  severity: Severity;
  /** Attribute name, e.g. `'body'`, `'secrecyLevel'` or `'attachments[0].name'`. */
  field: string;
  /** Inclusive start offset of the match in the field text (0 for whole-field findings). */
  start: number;
  /** Exclusive end offset of the match in the field text. */
  end: number;
  /** The match with up to ±20 characters of context; personal data inside it is masked. */
  snippet: string;
  /** Human-readable message (Chinese). */
  message: string;
  /** Suggested replacement, when one exists (e.g. for a typo). */
  suggestion?: string;
}

/** Every check the pipeline knows about. */
export const CHECK_IDS = [
  'pii.idCard',
  'pii.mobile',
  'pii.bankCard',
  'dictionary.sensitive',
  'dictionary.typo',
  'metadata.required',
  'metadata.catalogue',
  'metadata.secrecyLevel',
  'metadata.scope',
  'metadata.disclosureMode',
  'attachments.fileType',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/**
 * Checks of editorial completeness that gate 送审 only, not the publish gate (content approved for import keeps
 * the catalogue it came with; what may be public is checked again at publish by all the others).
 */
export const SUBMIT_ONLY_CHECKS: readonly CheckId[] = ['metadata.catalogue'];

/** Publication-gate checks that are always blocking and cannot be configured. */
export const LOCKED_CHECKS = ['metadata.secrecyLevel', 'metadata.scope', 'metadata.disclosureMode'] as const;

export type LockedCheckId = (typeof LOCKED_CHECKS)[number];

/** Checks whose severity may be configured. */
export type ConfigurableCheckId = Exclude<CheckId, LockedCheckId>;

/** Default severities (used for every check not mentioned in `CheckConfig.severity`). */
export const DEFAULT_SEVERITY: Readonly<Record<ConfigurableCheckId, SeveritySetting>> = {
  'pii.idCard': 'blocking',
  // Public notices routinely carry a contact person's mobile number; flag it, do not block it.
  'pii.mobile': 'warning',
  'pii.bankCard': 'blocking',
  'dictionary.sensitive': 'blocking',
  'dictionary.typo': 'warning',
  'metadata.required': 'blocking',
  // 主动公开 items need a 所属目录: without one a published item appears under no column of the catalogue
  'metadata.catalogue': 'blocking',
  'attachments.fileType': 'blocking',
};

/** A "wrong → right" pair; an empty/absent `right` marks a banned expression without a replacement. */
export interface TypoPair {
  wrong: string;
  right?: string;
}

export interface AttachmentPolicy {
  /** Allowed extensions, lower case, without the dot. */
  allowedExtensions?: readonly string[];
  /**
   * Allowed MIME types. A reported MIME type is only checked when it is present and specific
   * (not empty, not `application/octet-stream`); the extension is always checked.
   */
  allowedMimeTypes?: readonly string[];
}

/** Which dictionary engine to use; see `matcher.ts`. */
export type MatcherEngine = 'auto' | 'modern-ahocorasick' | 'utf16';

export interface CheckConfig {
  /** Per-check severity; unspecified checks use `DEFAULT_SEVERITY`. Locked checks cannot be set. */
  severity?: Partial<Record<ConfigurableCheckId, SeveritySetting>>;
  /** Sensitive words (e.g. loaded with `loadWordListFile`). */
  sensitiveWords?: readonly string[];
  /** Typo / banned-expression pairs (e.g. loaded with `loadPairListFile`). */
  typos?: readonly TypoPair[];
  attachments?: AttachmentPolicy;
  /** Chinese labels for attribute names, used in messages (e.g. `{ body: '正文' }`). */
  fieldLabels?: Readonly<Record<string, string>>;
  /** Characters of context on each side of a match in `Finding.snippet`; default 20. */
  snippetRadius?: number;
  /** Cap on findings per check per run (the rest are counted in `truncated`); default 200. */
  maxFindingsPerCheck?: number;
  /** Dictionary engine; default `'auto'` (same results as modern-ahocorasick, much faster on CJK text). */
  engine?: MatcherEngine;
}

export interface AttachmentInfo {
  name: string;
  /** MIME type as reported by the upload (may be empty). */
  mime?: string;
  /** Extension as recorded by the upload, with or without the dot (may be empty). */
  ext?: string;
}

/** Publication metadata of a disclosed item (attribute names of `api::disclosure-item`). */
export interface DisclosureMeta {
  secrecyLevel?: string | null;
  scope?: string | null;
  disclosureMode?: string | null;
  [attribute: string]: unknown;
}

export interface CheckDocument {
  /** Text attributes to scan, keyed by attribute name (plain text; offsets refer to these strings). */
  fields: Record<string, string>;
  attachments?: readonly AttachmentInfo[];
  /**
   * Publication metadata. When present, secrecyLevel/scope/disclosureMode are checked (a missing
   * value is a finding). When absent, those three checks are skipped — pass it when publishing.
   */
  meta?: DisclosureMeta;
  /** 核心要素: attribute names required by the item's catalogue nodes. */
  requiredFields?: readonly string[];
  /** disclosure items: how many 所属目录 (catalogue nodes) the item has; absent for other types */
  catalogueNodes?: number;
}

export interface CheckResult {
  /** Findings, ordered by field (text fields, then metadata, then attachments) and offset. */
  findings: Finding[];
  /** True when at least one finding is blocking. */
  blocking: boolean;
  durationMs: number;
  /** Checks whose findings were capped by `maxFindingsPerCheck`, with the number dropped. */
  truncated?: Partial<Record<CheckId, number>>;
}

/** A finding before the pipeline assigns its severity. */
export type FindingDraft = Omit<Finding, 'severity'>;
