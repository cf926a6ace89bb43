/** Attachment file-type check: one finding per attachment whose type is not allowed. */
import type { AttachmentInfo, AttachmentPolicy, FindingDraft } from './types';

/**
 * Default allowed extensions. Archives (zip, rar, 7z) are deliberately not allowed: their content
 * cannot be checked before publication.
 */
export const DEFAULT_ALLOWED_EXTENSIONS: readonly string[] = ['pdf', 'ofd', 'doc', 'docx', 'wps', 'xls', 'xlsx', 'et', 'txt', 'jpg', 'jpeg', 'png'];

/** MIME types known for each extension (what browsers, WPS and Strapi's upload report). */
export const EXTENSION_MIME_TYPES: Readonly<Record<string, readonly string[]>> = {
  pdf: ['application/pdf'],
  ofd: ['application/ofd', 'application/x-ofd', 'application/vnd.ofd'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  wps: ['application/kswps', 'application/vnd.ms-works', 'application/wps-office.*'],
  xls: ['application/vnd.ms-excel'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  et: ['application/kset', 'application/wps-office.*'],
  txt: ['text/plain'],
  jpg: ['image/jpeg', 'image/pjpeg'],
  jpeg: ['image/jpeg', 'image/pjpeg'],
  png: ['image/png'],
  zip: ['application/zip', 'application/x-zip-compressed'],
  ppt: ['application/vnd.ms-powerpoint'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
};

/** MIME types that say nothing about the content; they are never held against an attachment. */
const GENERIC_MIME = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown', 'application/x-download']);

export function normalizeExtension(ext: string | undefined | null): string {
  return (ext ?? '').trim().replace(/^\.+/, '').toLowerCase();
}

/** Extension of a file name (after the last dot), lower case; '' when there is none. */
export function extensionOf(name: string): string {
  const base = name.trim().replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : normalizeExtension(base.slice(dot + 1));
}

function normalizeMime(mime: string | undefined | null): string {
  return (mime ?? '').split(';')[0].trim().toLowerCase();
}

export interface CompiledAttachmentPolicy {
  extensions: ReadonlySet<string>;
  /** Allowed MIME types (entries ending in `*` are prefixes); null = MIME types are not checked. */
  mimeTypes: readonly string[] | null;
}

/**
 * Resolves a policy. Without an explicit MIME list, the MIME types known for the allowed extensions
 * are used — unless one of them is unknown, in which case MIME types are not checked at all.
 */
export function compileAttachmentPolicy(policy: AttachmentPolicy = {}): CompiledAttachmentPolicy {
  const extensions = new Set((policy.allowedExtensions ?? DEFAULT_ALLOWED_EXTENSIONS).map(normalizeExtension).filter(Boolean));
  let mimeTypes: string[] | null;
  if (policy.allowedMimeTypes) {
    mimeTypes = policy.allowedMimeTypes.map(normalizeMime).filter(Boolean);
  } else {
    mimeTypes = [];
    for (const ext of extensions) {
      const known = EXTENSION_MIME_TYPES[ext];
      if (!known) {
        mimeTypes = null;
        break;
      }
      mimeTypes.push(...known);
    }
  }
  return { extensions, mimeTypes };
}

function mimeAllowed(mime: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => (a.endsWith('*') ? mime.startsWith(a.slice(0, -1)) : mime === a));
}

/**
 * One finding per disallowed attachment, on field `attachments[i].name`. Both the extension of the
 * name (so `report.pdf.exe` is caught) and the recorded `ext` must be allowed, and a specific MIME
 * type must be allowed too (catches `report.pdf` uploaded as `application/x-msdownload`).
 */
export function checkAttachments(
  attachments: readonly AttachmentInfo[],
  policy: CompiledAttachmentPolicy,
  /** How a name is shown in snippet and message (the pipeline masks personal numbers in it). */
  display: (name: string, index: number) => string = (name) => name,
): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const allowedList = [...policy.extensions].join('、');
  attachments.forEach((att, i) => {
    const name = att.name ?? '';
    const nameExt = extensionOf(name);
    const recordedExt = normalizeExtension(att.ext);
    const mime = normalizeMime(att.mime);
    const problems: string[] = [];
    if (!nameExt) problems.push('文件名没有扩展名');
    else if (!policy.extensions.has(nameExt)) problems.push(`文件类型 .${nameExt} 不在允许范围内`);
    if (recordedExt && recordedExt !== nameExt && !policy.extensions.has(recordedExt)) problems.push(`文件类型 .${recordedExt} 不在允许范围内`);
    if (policy.mimeTypes && !GENERIC_MIME.has(mime) && !mimeAllowed(mime, policy.mimeTypes)) problems.push(`MIME 类型 ${mime} 不在允许范围内`);
    if (problems.length === 0) return;
    const shown = display(name, i);
    drafts.push({
      check: 'attachments.fileType',
      field: `attachments[${i}].name`,
      start: 0,
      end: name.length,
      snippet: shown,
      message: `附件“${shown}”${problems.join('；')}（允许的类型：${allowedList}）`,
    });
  });
  return drafts;
}
