/**
 * The pre-publication check pipeline. `createCheckPipeline(config)` compiles the dictionaries once;
 * `run(doc)` is synchronous, allocation-light and safe to call concurrently (no shared mutable state).
 */
import { performance } from 'perf_hooks';
import { checkAttachments, compileAttachmentPolicy } from './attachments';
import { SensitiveWordMatcher, TypoMatcher } from './dictionary';
import { fieldLabel } from './labels';
import { checkCatalogue, checkPublicationMeta, checkRequiredFields } from './metadata';
import { findPii, maskSpans, type PiiKind, type PiiMatch } from './pii';
import { makeSnippet, maskNumber } from './snippet';
import {
  CHECK_IDS,
  DEFAULT_SEVERITY,
  LOCKED_CHECKS,
  type CheckConfig,
  type CheckDocument,
  type CheckId,
  type CheckResult,
  type Finding,
  type FindingDraft,
  type SeveritySetting,
} from './types';

export interface CheckPipeline {
  run(doc: CheckDocument): CheckResult;
  /** Effective severity of every check. */
  readonly severity: Readonly<Record<CheckId, SeveritySetting>>;
  /** Number of compiled dictionary entries. */
  readonly dictionarySize: { sensitiveWords: number; typos: number };
}

const PII_CHECK: Record<PiiKind, CheckId> = { idCard: 'pii.idCard', mobile: 'pii.mobile', bankCard: 'pii.bankCard' };

const PII_MESSAGE: Record<PiiKind | 'idCardSuspect', (label: string, masked: string) => string> = {
  idCard: (label, masked) => `${label}含有居民身份证号码（${masked}），公开前应删除或作去标识化处理`,
  idCardSuspect: (label, masked) => `${label}含有疑似身份证号（校验位不符）（${masked}），可能是输错一位的身份证号码，公开前应删除或作去标识化处理`,
  mobile: (label, masked) => `${label}含有手机号码（${masked}），请确认是否为可公开的工作联系方式，否则应删除或作去标识化处理`,
  bankCard: (label, masked) => `${label}含有疑似银行卡号（${masked}），公开前应删除或作去标识化处理`,
};

const SEVERITY_VALUES = new Set<SeveritySetting>(['blocking', 'warning', 'off']);

function resolveSeverity(config: CheckConfig): Record<CheckId, SeveritySetting> {
  const resolved = { ...DEFAULT_SEVERITY } as Record<CheckId, SeveritySetting>;
  for (const id of LOCKED_CHECKS) resolved[id] = 'blocking';
  for (const [id, value] of Object.entries(config.severity ?? {})) {
    if (!(CHECK_IDS as readonly string[]).includes(id)) throw new RangeError(`未知的检查项：${id}`);
    if ((LOCKED_CHECKS as readonly string[]).includes(id)) throw new RangeError(`检查项 ${id} 为公开发布的强制阻断项，不能配置级别`);
    if (!SEVERITY_VALUES.has(value as SeveritySetting)) throw new RangeError(`检查项 ${id} 的级别无效：${String(value)}`);
    resolved[id as CheckId] = value as SeveritySetting;
  }
  return resolved;
}

export function createCheckPipeline(config: CheckConfig = {}): CheckPipeline {
  const severity = resolveSeverity(config);
  const radius = config.snippetRadius ?? 20;
  const cap = config.maxFindingsPerCheck ?? 200;
  if (!Number.isInteger(radius) || radius < 0) throw new RangeError('snippetRadius 必须是非负整数');
  if (!(cap > 0)) throw new RangeError('maxFindingsPerCheck 必须大于 0');
  const labels = config.fieldLabels;
  const engine = config.engine ?? 'auto';

  // Compiled once, here — never per run.
  const sensitive = severity['dictionary.sensitive'] !== 'off' ? new SensitiveWordMatcher(config.sensitiveWords ?? [], { engine }) : undefined;
  const typos = severity['dictionary.typo'] !== 'off' ? new TypoMatcher(config.typos ?? [], { engine }) : undefined;
  const attachmentPolicy = compileAttachmentPolicy(config.attachments);
  const piiEnabled = (['idCard', 'mobile', 'bankCard'] as const).some((k) => severity[PII_CHECK[k]] !== 'off');

  function run(doc: CheckDocument): CheckResult {
    const t0 = performance.now();
    const findings: Finding[] = [];
    const counts = new Map<CheckId, number>();
    const truncated: Partial<Record<CheckId, number>> = {};

    const emit = (draft: FindingDraft): void => {
      const level = severity[draft.check];
      if (level === 'off') return;
      const n = (counts.get(draft.check) ?? 0) + 1;
      counts.set(draft.check, n);
      if (n > cap) {
        truncated[draft.check] = (truncated[draft.check] ?? 0) + 1;
        return;
      }
      findings.push({ ...draft, severity: level });
    };

    // Text attributes, then attachment names (scanned like text: file names leak data too).
    const texts: [string, string][] = [];
    for (const [field, value] of Object.entries(doc.fields ?? {})) if (typeof value === 'string' && value) texts.push([field, value]);
    (doc.attachments ?? []).forEach((a, i) => {
      if (typeof a?.name === 'string' && a.name) texts.push([`attachments[${i}].name`, a.name]);
    });

    const piiByField = new Map<string, Array<{ start: number; end: number }>>();
    for (const [field, text] of texts) {
      const label = fieldLabel(field, labels);
      // PII is always located (cheap) so that no snippet, of any check, shows a personal number.
      const found = findPii(text);
      // snippets mask every number of ID, mobile or card shape, not only the findings
      const pii = maskSpans(text, found);
      piiByField.set(field, pii);
      const drafts: FindingDraft[] = [];
      if (piiEnabled) {
        for (const m of found) {
          const masked = maskNumber(m.text);
          drafts.push({
            check: PII_CHECK[m.kind],
            field,
            start: m.start,
            end: m.end,
            snippet: makeSnippet(text, m.start, m.end, radius, pii),
            message: PII_MESSAGE[m.checkDigitMismatch ? 'idCardSuspect' : m.kind](label, masked),
            suggestion: masked,
          });
        }
      }
      if (sensitive) {
        for (const h of sensitive.find(text)) {
          drafts.push({
            check: 'dictionary.sensitive',
            field,
            start: h.start,
            end: h.end,
            snippet: makeSnippet(text, h.start, h.end, radius, pii),
            message: `${label}含有敏感词“${h.word}”，请核实是否涉及国家秘密、工作秘密或其他不宜公开的内容`,
          });
        }
      }
      if (typos) {
        for (const h of typos.find(text)) {
          const draft: FindingDraft = {
            check: 'dictionary.typo',
            field,
            start: h.start,
            end: h.end,
            snippet: makeSnippet(text, h.start, h.end, radius, pii),
            message: h.right ? `${label}中“${h.word}”为错别字或不规范表述，建议改为“${h.right}”` : `${label}含有禁用表述“${h.word}”，请修改或删除`,
          };
          if (h.right) draft.suggestion = h.right;
          drafts.push(draft);
        }
      }
      drafts.sort((a, b) => a.start - b.start || CHECK_IDS.indexOf(a.check) - CHECK_IDS.indexOf(b.check));
      drafts.forEach(emit);
    }

    if (severity['metadata.required'] !== 'off') checkRequiredFields(doc, labels).forEach(emit);
    if (severity['metadata.catalogue'] !== 'off') checkCatalogue(doc, labels).forEach(emit);
    if (doc.meta) checkPublicationMeta(doc.meta, labels).forEach(emit);
    if (severity['attachments.fileType'] !== 'off' && doc.attachments?.length) {
      const display = (name: string, i: number) => makeSnippet(name, 0, name.length, 0, piiByField.get(`attachments[${i}].name`) ?? []);
      checkAttachments(doc.attachments, attachmentPolicy, display).forEach(emit);
    }

    const result: CheckResult = {
      findings,
      blocking: findings.some((f) => f.severity === 'blocking'),
      durationMs: performance.now() - t0,
    };
    if (Object.keys(truncated).length > 0) result.truncated = truncated;
    return result;
  }

  return {
    run,
    severity,
    dictionarySize: { sensitiveWords: sensitive?.size ?? 0, typos: typos?.size ?? 0 },
  };
}
