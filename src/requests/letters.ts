/**
 * Reply letters as .docx (docx package), stored with the request.
 *
 * Storage: the letters carry the applicant's name and the request; they are kept in the private
 * content type api::disclosure-request.request-letter (hidden from the Content Manager, content
 * base64 in a private text column, linked to the request), never in the media library — files
 * uploaded there are served without authentication under /uploads. They are downloaded through the
 * admin route only (admin JWT + read permission on 依申请公开).
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { isValidDay } from '../domain/working-days';
import { LETTER_UID } from './config';
import { loadRequest } from './events';
import { LETTER_KINDS, LETTER_SHORT, LetterNotApplicable, answeredEvent, composeLetter, type LetterKind, type LetterText } from './letter-text';
import { parseStoredEvents } from './schemas';
import { fieldError } from '../foundation/errors';
import type { Letter } from './wire';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const BODY_FONT = '仿宋_GB2312';
const TITLE_FONT = '方正小标宋简体';
const SIZE_BODY = 32; // 三号 (16pt), in half-points, as GB/T 9704 prescribes for official documents
const SIZE_TITLE = 44; // 二号

const run = (text: string, opts: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({ text, bold: opts.bold, size: opts.size ?? SIZE_BODY, font: opts.font ?? BODY_FONT });

/** Renders a composed letter to a .docx buffer. */
export async function renderDocx(letter: LetterText): Promise<Buffer> {
  const line = { line: 560 };
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(letter.signature, { size: SIZE_TITLE, font: TITLE_FONT })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(letter.title, { size: SIZE_TITLE, font: TITLE_FONT })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [run(letter.reference)] }),
    new Paragraph({ spacing: line, children: [run(letter.salutation)] }),
    ...letter.paragraphs.map((p) => new Paragraph({ spacing: line, indent: { firstLine: 640 }, children: [run(p)] })),
    new Paragraph({ spacing: { before: 600, ...line }, alignment: AlignmentType.RIGHT, children: [run(letter.signature)] }),
    new Paragraph({ spacing: line, alignment: AlignmentType.RIGHT, children: [run(letter.date)] }),
  ];
  if (letter.contact) children.push(new Paragraph({ spacing: { before: 400 }, children: [run(`（${letter.contact}）`, { size: 28 })] }));
  const doc = new Document({
    creator: letter.signature,
    title: letter.title,
    description: `${letter.reference}；法律依据：${letter.legalBasis}`,
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}

/** A stored letter as the routes answer it (src/requests/wire.ts). */
export type LetterMeta = Letter;

const META_FIELDS = ['documentId', 'kind', 'title', 'fileName', 'mime', 'size', 'sha256', 'legalBasis', 'resultKey', 'letterDate', 'generatedBy', 'createdAt', 'eventKey', 'version', 'voided', 'voidedAt'];

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

const metaOf = (requestDocumentId: string, row: any): LetterMeta => ({
  ...(Object.fromEntries(META_FIELDS.map((f) => [f, row[f] ?? null])) as any),
  createdAt: iso(row.createdAt)!,
  version: row.version ?? 1,
  voided: !!row.voided,
  voidedAt: iso(row.voidedAt),
  status: row.voided ? '已作废' : '有效',
  downloadPath: `/disclosure-requests/${requestDocumentId}/letters/${row.documentId}`,
});

export function isLetterKind(v: unknown): v is LetterKind {
  return typeof v === 'string' && (LETTER_KINDS as readonly string[]).includes(v);
}

/**
 * Generates the letter of `kind` for the request, stores it and returns its metadata.
 *
 * The letter answers one event (letter-text.ts `answeredEvent`): its date defaults to that event's date, and a
 * letter of the same kind already stored for the same event is REPLACED — kept in the history, marked 已作废 —
 * unless `newVersion: true` asks for another valid version beside it.
 */
export async function generateLetter(
  strapi: Core.Strapi,
  documentId: string,
  kind: string,
  body: { date?: unknown; note?: unknown; newVersion?: unknown } = {},
  generatedBy?: string,
): Promise<LetterMeta> {
  if (!isLetterKind(kind)) {
    throw fieldError('kind', `文书类型“${kind}”不正确，可选：${LETTER_KINDS.map((k) => `${k}（${LETTER_SHORT[k]}）`).join('、')}`);
  }
  if (body.date !== undefined && !isValidDay(body.date)) throw fieldError('date', '文书日期格式应为 YYYY-MM-DD 的有效日期');
  if (body.note !== undefined && (typeof body.note !== 'string' || body.note.length > 4000)) {
    throw fieldError('note', '文书补充内容应为不超过4000字的文本');
  }
  const request = await loadRequest(strapi, documentId, { organization: true });
  const parsed = parseStoredEvents(request.events);
  const events = 'events' in parsed ? parsed.events : [];
  const org = request.organization ?? { name: '（未指定受理机关）' };
  let letter: LetterText;
  let answered: ReturnType<typeof answeredEvent>;
  try {
    answered = answeredEvent(kind, { events, receivedDate: request.receivedDate, resultKey: request.resultKey });
    letter = composeLetter(kind, {
      agency: { name: org.name, contactPhone: org.contactPhone, contactAddress: org.contactAddress, reviewAuthority: org.reviewAuthority, litigationCourt: org.litigationCourt },
      trackingNo: request.trackingNo,
      applicantName: request.applicantName,
      applicantCategory: request.applicantCategory,
      channel: request.channel,
      receivedDate: request.receivedDate,
      requestedContent: request.requestedContent,
      dueDate: request.dueDate,
      events,
      resultKey: request.resultKey,
      letterDate: (body.date as string | undefined) ?? answered.date,
      note: (body.note as string | undefined) ?? null,
    });
  } catch (e) {
    if (e instanceof LetterNotApplicable) throw fieldError('kind', e.message);
    throw e;
  }
  const buffer = await renderDocx(letter);
  const row = await strapi.db.transaction(async () => {
    const same: any[] = await strapi.db.query(LETTER_UID as any).findMany({
      where: { request: { id: request.id }, kind, eventKey: answered.key },
      select: ['id', 'version', 'voided'],
    });
    if (body.newVersion !== true) {
      const valid = same.filter((l) => !l.voided).map((l) => l.id);
      if (valid.length) await strapi.db.query(LETTER_UID as any).updateMany({ where: { id: { $in: valid } }, data: { voided: true, voidedAt: new Date() } });
    }
    return strapi.documents(LETTER_UID as any).create({
    data: {
      request: request.documentId,
      kind,
      title: letter.title,
      fileName: `${request.trackingNo}-${LETTER_SHORT[kind]}.docx`,
      mime: DOCX_MIME,
      size: buffer.length,
      sha256: crypto.createHash('sha256').update(buffer).digest('hex'),
      legalBasis: letter.legalBasis.slice(0, 200),
      resultKey: kind === 'reply' ? request.resultKey : null,
      letterDate: (body.date as string | undefined) ?? answered.date,
      generatedBy: generatedBy ?? null,
      content: buffer.toString('base64'),
      eventKey: answered.key,
      version: same.reduce((max, l) => Math.max(max, l.version ?? 1), 0) + 1,
      voided: false,
    } as any,
    });
  });
  return metaOf(request.documentId, row);
}

export async function listLetters(strapi: Core.Strapi, documentId: string): Promise<LetterMeta[]> {
  const request = await loadRequest(strapi, documentId, {});
  const rows: any[] = await strapi.db.query(LETTER_UID as any).findMany({
    where: { request: { id: request.id } },
    select: META_FIELDS,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map((r) => metaOf(request.documentId, r));
}

/** A stored letter by its documentId, or the latest of a kind. */
export async function readLetter(strapi: Core.Strapi, documentId: string, ref: string): Promise<{ meta: LetterMeta; buffer: Buffer }> {
  const request = await loadRequest(strapi, documentId, {});
  const where: Record<string, unknown> = { request: { id: request.id } };
  // by kind: the latest valid letter of that kind (a voided one only by its documentId)
  if (isLetterKind(ref)) Object.assign(where, { kind: ref, voided: false });
  else where.documentId = ref;
  const row: any = await strapi.db.query(LETTER_UID as any).findOne({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  if (!row) throw new errors.NotFoundError('文书不存在');
  return { meta: metaOf(request.documentId, row), buffer: Buffer.from(String(row.content ?? ''), 'base64') };
}
