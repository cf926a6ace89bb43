/**
 * 办理结果 keys: the result rows of 表三 (三、收到和处理政府信息公开申请情况) of the 2021 annual-report
 * format (国办公开办函〔2021〕30号). Every closed 依申请公开 case carries exactly one of them. The list
 * itself lives once, with the format (src/domain/annual-report-2021/keys.ts).
 */
import { RESULT_KEYS, type ResultKey } from '../annual-report-2021/keys';

export { RESULT_KEYS, type ResultKey };

const RESULT_KEY_SET: ReadonlySet<string> = new Set(RESULT_KEYS);

export function isResultKey(value: unknown): value is ResultKey {
  return typeof value === 'string' && RESULT_KEY_SET.has(value);
}
