import { pinyin } from 'pinyin-pro';
import slugify from 'slugify';

/** A readable pinyin slug for a Chinese title: "关于做好2025年政务公开工作的通知" → "guan-yu-zuo-hao-2025-nian-…". */
export function pinyinSlug(title: string, maxLength = 80): string {
  const syllables = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const joined = syllables.join(' ');
  let slug = slugify(joined, { lower: true, strict: true, trim: true });
  if (slug.length > maxLength) {
    slug = slug.slice(0, maxLength);
    const cut = slug.lastIndexOf('-');
    if (cut > maxLength / 2) slug = slug.slice(0, cut);
  }
  return slug.replace(/-+$/g, '') || 'item';
}

/** Pick a unique slug given the set of slugs already taken with the same base. */
export function uniqueSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
