/**
 * The text of the letters of a 依申请公开 case (pure; rendered to .docx by ./letters.ts):
 * 登记回执 (receipt), 补正告知书 (第三十条), 延期答复告知书 (第三十三条第二款) and the 答复书 for each
 * outcome (the provision from replyArticle, 第三十六条 and related articles).
 */
import { CHANNEL_LABELS, replyArticle, type ClockEvent } from '../domain/request-clock';
import { isValidDay } from '../domain/working-days';

export const LETTER_KINDS = ['receipt', 'correction', 'extension', 'reply'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_TITLES: Record<LetterKind, string> = {
  receipt: '政府信息公开申请登记回执',
  correction: '政府信息公开申请补正告知书',
  extension: '政府信息公开申请延期答复告知书',
  reply: '政府信息公开申请答复书',
};

/** Short names used in file names. */
export const LETTER_SHORT: Record<LetterKind, string> = {
  receipt: '登记回执',
  correction: '补正告知书',
  extension: '延期答复告知书',
  reply: '答复书',
};

const REGULATION = '《中华人民共和国政府信息公开条例》';

export interface LetterInput {
  agency: {
    name: string;
    contactPhone?: string | null;
    contactAddress?: string | null;
    /** 行政复议机关 of the agency (organisation setting), named in the reply */
    reviewAuthority?: string | null;
    /** the court for 行政诉讼 against the agency (organisation setting), named in the reply */
    litigationCourt?: string | null;
  };
  trackingNo: string;
  applicantName?: string | null;
  /** 申请人类别: 自然人 is addressed as 你, any organisation as 你单位 */
  applicantCategory?: string | null;
  channel?: string | null;
  receivedDate: string;
  requestedContent?: string | null;
  dueDate?: string | null;
  events: ClockEvent[];
  resultKey?: string | null;
  /** Date printed on the letter (YYYY-MM-DD). */
  letterDate: string;
  /** Free text added by the clerk (what to correct, reason of the extension, reasons of a refusal …). */
  note?: string | null;
}

export interface LetterText {
  kind: LetterKind;
  title: string;
  /** 文号-like line under the title. */
  reference: string;
  salutation: string;
  paragraphs: string[];
  /** The provision the letter rests on (e.g. 第三十六条第（二）项). */
  legalBasis: string;
  signature: string;
  date: string;
  contact: string | null;
}

/** 2025-10-30 → 2025年10月30日 */
export function chineseDate(d: string): string {
  if (!isValidDay(d)) return d;
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

export class LetterNotApplicable extends Error {}

const channelLabel = (c?: string | null): string => {
  if (!c) return '';
  const fromKey = (CHANNEL_LABELS as Record<string, string>)[c];
  return fromKey ?? c;
};

const outcomeSentence = (resultKey: string, you: string): string => {
  if (resultKey === 'disclosed') return `${you}申请公开的政府信息，本机关予以公开，现随本答复书提供（或告知获取该政府信息的方式、途径和时间）。`;
  if (resultKey === 'partial') return `${you}申请公开的政府信息中，可以公开的部分随本答复书提供；其余部分不予公开，理由如下。`;
  if (resultKey.startsWith('refused.')) return `经审查，${you}申请公开的信息属于不予公开的范围，本机关决定不予公开，理由如下。`;
  if (resultKey === 'unable.notHeld') return `经检索，本机关没有${you}申请公开的政府信息。`;
  if (resultKey === 'unable.needsCreation') return `${you}申请提供的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供。`;
  if (resultKey === 'unable.unclear') return `经补正，${you}的申请内容仍不明确，本机关无法确定${you}所申请的政府信息。`;
  if (resultKey === 'notProcessed.duplicate') return `本机关已就${you}申请公开的相同政府信息作出答复，对本次重复申请不予重复处理。`;
  if (resultKey === 'notProcessed.publication') return `${you}要求提供的是公开出版物，请通过相应途径获取。`;
  if (resultKey.startsWith('notProcessed.')) return `${you}的申请不作为政府信息公开申请处理。`;
  if (resultKey === 'other.noCorrection') return `${you}无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。`;
  if (resultKey === 'other.unpaidFee') return `${you}逾期未按收费通知要求缴纳信息处理费，本机关不再处理该政府信息公开申请。`;
  return `本机关对${you}的申请处理如下。`;
};

/** The event a letter answers: its key (one valid letter of a kind per event) and date (the letter's default date). */
export interface AnsweredEvent {
  key: string;
  date: string;
  event: ClockEvent | null;
}

const lastOf = (events: ClockEvent[], types: string[]) => [...events].reverse().find((e) => types.includes(e.type)) ?? null;
const keyOf = (e: ClockEvent & { id?: string }) => `${e.type}:${e.id ?? e.date}`;

/**
 * Which event a letter of `kind` answers: 登记回执 the receipt; 补正告知书 the latest 告知补正; 延期答复告知书 the latest
 * 延长答复期限; 答复书 the latest 答复 (or 办结 with a result). Throws LetterNotApplicable when there is none.
 */
export function answeredEvent(kind: LetterKind, input: Pick<LetterInput, 'events' | 'receivedDate' | 'resultKey'>): AnsweredEvent {
  switch (kind) {
    case 'receipt':
      return { key: 'receipt', date: input.receivedDate, event: null };
    case 'correction': {
      const ev = lastOf(input.events, ['correctionRequested']);
      if (!ev) throw new LetterNotApplicable('尚未登记“告知补正”事项，不能生成补正告知书');
      return { key: keyOf(ev), date: ev.date, event: ev };
    }
    case 'extension': {
      const ev = lastOf(input.events, ['extended']);
      if (!ev) throw new LetterNotApplicable('尚未登记“延长答复期限”事项，不能生成延期答复告知书');
      return { key: keyOf(ev), date: ev.date, event: ev };
    }
    case 'reply': {
      if (!input.resultKey) throw new LetterNotApplicable('尚未登记办理结果（表三结果项），不能生成答复书');
      const ev = lastOf(input.events, ['replied', 'closed']);
      if (!ev) throw new LetterNotApplicable('尚未登记“答复”或“办结”事项，不能生成答复书');
      return { key: keyOf(ev), date: ev.date, event: ev };
    }
    default:
      throw new LetterNotApplicable(`未知的文书类型：${String(kind)}`);
  }
}

/**
 * 救济途径 of the reply: 行政复议 within 60 days (《行政复议法》第二十条) and 行政诉讼 within 6 months (《行政诉讼法》
 * 第四十六条), naming the 复议机关 and the court configured for the organisation; generic when not configured.
 */
export function remedySentence(you: string, agency: LetterInput['agency']): string {
  const review = agency.reviewAuthority?.trim() ? `向${agency.reviewAuthority.trim()}` : '依法';
  const court = agency.litigationCourt?.trim() ? `向${agency.litigationCourt.trim()}` : '依法向人民法院';
  return `${you}如对本答复不服，可以自收到本答复之日起60日内${review}申请行政复议，或者自收到本答复之日起6个月内${court}提起行政诉讼。`;
}

export function composeLetter(kind: LetterKind, input: LetterInput): LetterText {
  const applicant = input.applicantName?.trim() || '申请人';
  // 自然人 is addressed as 你; 法人或者其他组织 (every other 申请人类别) as 你单位
  const you = !input.applicantCategory || input.applicantCategory === '自然人' ? '你' : '你单位';
  const received = chineseDate(input.receivedDate);
  const ref = `受理编号：${input.trackingNo}`;
  const contact = [input.agency.contactAddress ? `地址：${input.agency.contactAddress}` : '', input.agency.contactPhone ? `联系电话：${input.agency.contactPhone}` : '']
    .filter(Boolean)
    .join('　') || null;
  const content = input.requestedContent?.trim() ? `“${input.requestedContent.trim()}”` : '相关政府信息';
  const note = input.note?.trim();
  const base = { kind, title: LETTER_TITLES[kind], reference: ref, salutation: `${applicant}：`, signature: input.agency.name, date: chineseDate(input.letterDate), contact };

  switch (kind) {
    case 'receipt': {
      const via = channelLabel(input.channel);
      const paragraphs = [
        `${you}${via ? `以${via}方式` : ''}提出的政府信息公开申请，本机关已于${received}收到（${REGULATION}第三十一条），受理编号为${input.trackingNo}。申请公开的内容：${content}。`,
        input.dueDate
          ? `根据${REGULATION}第三十三条第二款的规定，本机关将自收到申请之日起20个工作日内（即${chineseDate(input.dueDate)}前）予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知${you}，延长的期限最长不超过20个工作日。`
          : `根据${REGULATION}第三十三条第二款的规定，本机关将自收到申请之日起20个工作日内予以答复（需要补正的，自收到补正的申请之日起计算）。`,
        '行政机关征求第三方和其他机关意见所需时间不计算在答复期限内（第三十三条第三款）。请妥善保管本回执，凭受理编号和查询码查询办理进度。',
      ];
      if (note) paragraphs.push(note);
      return { ...base, paragraphs, legalBasis: `${REGULATION}第三十一条、第三十三条` };
    }
    case 'correction': {
      const ev = answeredEvent(kind, input).event!;
      const what = note || ev.note?.trim() || '申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述';
      const period = ev.days ? `请于收到本告知书之日起${ev.days}个工作日内` : '请在合理期限内';
      return {
        ...base,
        paragraphs: [
          `${you}于${received}提出的政府信息公开申请（受理编号：${input.trackingNo}）收悉。经审查，${you}的申请内容不明确。`,
          `根据${REGULATION}第二十九条第二款、第三十条的规定，请${you}对以下内容作出补正：${what}。`,
          `${period}向本机关提交补正材料。答复期限自本机关收到补正的申请之日起计算。${you}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
        ],
        legalBasis: `${REGULATION}第三十条`,
      };
    }
    case 'extension': {
      const ev = answeredEvent(kind, input).event!;
      const days = Math.min(ev.days ?? 20, 20);
      const reason = note || ev.note?.trim() || '所申请的政府信息需要进一步检索、审核';
      return {
        ...base,
        paragraphs: [
          `${you}于${received}提出的政府信息公开申请（受理编号：${input.trackingNo}）收悉。因${reason}，本机关不能在规定期限内作出答复。`,
          `根据${REGULATION}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人${ev.approvedBy ? `（${ev.approvedBy}）` : ''}同意，答复期限延长${days}个工作日${input.dueDate ? `，延长后的答复期限为${chineseDate(input.dueDate)}` : ''}。`,
          '特此告知。',
        ],
        legalBasis: `${REGULATION}第三十三条第二款`,
      };
    }
    case 'reply': {
      const resultKey = input.resultKey;
      if (!resultKey) throw new LetterNotApplicable('尚未登记办理结果（表三结果项），不能生成答复书');
      const art = replyArticle(resultKey);
      const paragraphs = [
        `${you}于${received}提出的政府信息公开申请（受理编号：${input.trackingNo}）收悉，申请公开${content}。经审查，现答复如下：`,
        outcomeSentence(resultKey, you),
      ];
      if (note) paragraphs.push(note);
      paragraphs.push(`依据：${REGULATION}${art.article}：${art.text}。`);
      paragraphs.push(remedySentence(you, input.agency));
      return { ...base, paragraphs, legalBasis: `${REGULATION}${art.article}` };
    }
    default:
      throw new LetterNotApplicable(`未知的文书类型：${String(kind)}`);
  }
}
