/** Snippet extraction and masking of personal numbers shown in findings. */

export interface Span {
  start: number;
  end: number;
}

const MASKABLE = /[0-9Xx\uFF10-\uFF19\uFF38\uFF58]/;

/**
 * Masks a number (ID, mobile, card), keeping its first 3 and last 4 digits. Separators and any
 * other characters are kept, so the result has the same length: `138-0013-8000` → `138-****-8000`.
 */
export function maskNumber(value: string): string {
  const positions: number[] = [];
  for (let i = 0; i < value.length; i++) if (MASKABLE.test(value[i])) positions.push(i);
  if (positions.length <= 7) return value.replace(/[0-9Xx\uFF10-\uFF19\uFF38\uFF58]/g, '*');
  const chars = value.split('');
  for (let k = 3; k < positions.length - 4; k++) chars[positions[k]] = '*';
  return chars.join('');
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * `text[start, end)` with up to `radius` code units of context on each side (never splitting a
 * surrogate pair). Every span in `masks` (sorted by start) that overlaps the window is masked with
 * `maskNumber`, so a snippet never discloses a personal number, whichever check produced it.
 * Line breaks and tabs become spaces (same length).
 */
export function makeSnippet(text: string, start: number, end: number, radius: number, masks: readonly Span[] = []): string {
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  if (from > 0 && isLow(text.charCodeAt(from)) && isHigh(text.charCodeAt(from - 1))) from--;
  if (to < text.length && isLow(text.charCodeAt(to)) && isHigh(text.charCodeAt(to - 1))) to++;
  let out = '';
  let cursor = from;
  for (const span of firstOverlapping(masks, from)) {
    if (span.start >= to) break;
    if (span.end <= from) continue;
    const masked = maskNumber(text.slice(span.start, span.end));
    const a = Math.max(span.start, cursor);
    const b = Math.min(span.end, to);
    if (a >= b) continue;
    out += text.slice(cursor, a) + masked.slice(a - span.start, b - span.start);
    cursor = b;
  }
  out += text.slice(cursor, to);
  return out.replace(/[\r\n\t]/g, ' ');
}

/** Iterates `spans` (sorted by start) from the first one that may end after `from`. */
function* firstOverlapping(spans: readonly Span[], from: number): Generator<Span> {
  // Spans do not overlap each other, so ends are sorted too: binary search the first end > from.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < spans.length; i++) yield spans[i];
}
