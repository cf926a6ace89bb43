/**
 * Bad input, one rule: HTTP 400 as Strapi's `errors.ValidationError(message, { errors: [{ path, message,
 * name: 'ValidationError', value? }] })` — every field at fault named by its path, every message Chinese.
 * Server code builds that shape only here:
 *
 *  - `fieldError(field, message, value?)`  one field (`throw fieldError('year', '年度应为四位数字')`);
 *  - `FieldErrors`                          collect the faults of a whole write, throw once;
 *  - `parseOrThrow(schema, input)`          a zod schema's issues, one item per issue;
 *  - `validationFailure(items)`             items already built (e.g. by a pure domain check).
 *
 * The summary message (the one Strapi shows) is the first item's, with “（另有 N 处错误）” when a collection
 * holds more than one; zod parses keep the first issue's message alone unless asked to count.
 */
import { errors } from '@strapi/utils';
import type { z } from 'zod';

export type FieldErrorItem = { path: string[]; message: string; name: 'ValidationError'; value?: unknown };

/** A field: 'a.b.c' (split on dots) or its path as an array (kept as is, e.g. a key that may hold a dot). */
export type FieldPath = string | readonly (string | number)[];

const pathOf = (field: FieldPath): string[] => (typeof field === 'string' ? (field ? field.split('.') : []) : field.map(String));

/** One error item in Strapi's shape (`value` only when given). */
export function errorItem(field: FieldPath, message: string, value?: unknown): FieldErrorItem {
  const item: FieldErrorItem = { path: pathOf(field), message, name: 'ValidationError' };
  if (value !== undefined) item.value = value;
  return item;
}

/** “first message（另有 N 处错误）” — the summary of several faults. */
export function countedSummary(items: readonly FieldErrorItem[]): string {
  const first = items[0]?.message ?? '输入有误';
  return items.length > 1 ? `${first}（另有 ${items.length - 1} 处错误）` : first;
}

/**
 * The ValidationError of these items (returned, for `throw`). `message` replaces the counted summary;
 * `details` adds keys beside `errors` (e.g. the review checks' findings).
 */
export function validationFailure(items: FieldErrorItem[], options: { message?: string; details?: Record<string, unknown> } = {}): errors.ValidationError {
  return new errors.ValidationError(options.message ?? countedSummary(items), { errors: items, ...options.details });
}

/** The ValidationError of one field (returned, for `throw fieldError(...)`). */
export function fieldError(field: FieldPath, message: string, value?: unknown): errors.ValidationError {
  return validationFailure([errorItem(field, message, value)]);
}

/** Collects field errors and throws Strapi's ValidationError (HTTP 400, Strapi's error shape, field named, Chinese). */
export class FieldErrors {
  private list: FieldErrorItem[] = [];

  add(field: string, message: string, value?: unknown) {
    this.list.push(errorItem(field, message, value));
    return this;
  }

  get size() {
    return this.list.length;
  }

  throwIfAny(): void {
    if (this.list.length) throw validationFailure(this.list);
  }
}

type Issue = z.core.$ZodIssue;

export interface ParseOptions {
  /** The Chinese message of an issue. Default: the schema's own message; unknown keys “未知参数：a、b”. */
  describe?: (issue: Issue) => string;
  /** Word before the unknown keys with the default `describe` (default 未知参数; 未知字段 for bodies). */
  unknownKeys?: string;
  /** Path prepended to every issue's path (a nested value parsed on its own). */
  prefix?: string[];
  /** Summary message: the first issue's (default) or counted (“（另有 N 处错误）”). */
  summary?: 'first' | 'counted';
}

/** zod issues → error items, one per issue, each named by its path. */
export function issueItems(issues: readonly Issue[], options: ParseOptions = {}): FieldErrorItem[] {
  const unknown = options.unknownKeys ?? '未知参数';
  const describe = options.describe ?? ((i: Issue) => (i.code === 'unrecognized_keys' ? `${unknown}：${i.keys.join('、')}` : i.message));
  return issues.map((issue) => errorItem([...(options.prefix ?? []), ...issue.path.map(String)], describe(issue)));
}

/** Parses `input` (absent = {}) with a zod schema or throws the ValidationError naming every field at fault. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, options: ParseOptions = {}): z.infer<T> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const items = issueItems(r.error.issues, options);
  throw validationFailure(items, options.summary === 'counted' ? {} : { message: items[0].message });
}
