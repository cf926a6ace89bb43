import type { WorkingDayCalendar } from '../working-days/calendar';

/** How the application reached the agency (第三十一条). */
export type Channel = 'inPerson' | 'post' | 'online' | 'fax' | 'other';

export const CHANNELS: readonly Channel[] = ['inPerson', 'post', 'online', 'fax', 'other'];

/** Channel → the Chinese label used on forms and in statistics. */
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  inPerson: '当面',
  post: '邮寄',
  online: '网络',
  fax: '传真',
  other: '其他',
};

/** The dates 第三十一条 may need; which one counts depends on the channel. */
export interface ReceiptFacts {
  /** 当面: the day the applicant handed it in. */
  submittedDate?: string;
  /** 邮寄: the day the agency signed for the letter. */
  signedForDate?: string;
  /** 网络/传真 (and 邮寄 by ordinary letter without signature): the day both sides confirmed receipt. */
  confirmedDate?: string;
  /** 其他: the date entered by the clerk. */
  givenDate?: string;
}

export type ClockEventType =
  | 'accepted'
  | 'correctionRequested'
  | 'correctionReceived'
  | 'extended'
  | 'consultationSent'
  | 'consultationAnswered'
  | 'feeNoticeSent'
  | 'replied'
  | 'closed';

export const CLOCK_EVENT_TYPES: readonly ClockEventType[] = [
  'accepted',
  'correctionRequested',
  'correctionReceived',
  'extended',
  'consultationSent',
  'consultationAnswered',
  'feeNoticeSent',
  'replied',
  'closed',
];

export const CLOCK_EVENT_LABELS: Readonly<Record<ClockEventType, string>> = {
  accepted: '登记受理',
  correctionRequested: '告知补正',
  correctionReceived: '收到补正',
  extended: '延长答复期限',
  consultationSent: '征求意见',
  consultationAnswered: '收到意见',
  feeNoticeSent: '发出收费通知',
  replied: '答复',
  closed: '办结',
};

export interface ClockEvent {
  type: ClockEventType;
  /** 'YYYY-MM-DD' */
  date: string;
  note?: string;
  /**
   * Working days, by event type:
   * - extended: length of the extension (1–20; absent = 20);
   * - correctionRequested: the 补正期限 given to the applicant (第三十条 “合理的补正期限”);
   * - consultationSent: after this many working days an unanswered consultation lapses and the
   *   pause ends (e.g. 15 for a third party, 第三十二条); absent = the pause lasts until answered;
   * - feeNoticeSent: payment period (absent = 20).
   */
  days?: number;
  /** extended: who approved (head of the disclosure office, 第三十三条第二款). */
  approvedBy?: string;
  /** extended: the applicant was told — `true`, or the 'YYYY-MM-DD' day of the notice. */
  applicantNotified?: boolean | string;
  /** closed (required) / replied (optional): 表三 result key. */
  resultKey?: string;
  /** feeNoticeSent: the day the fee was received, if it was. */
  paidAt?: string;
}

export interface RequestClockInput {
  /** Date of receipt under 第三十一条 (see `receiptDate`). */
  receivedDate: string;
  events: ClockEvent[];
}

export interface ComputeClockOptions {
  calendar: WorkingDayCalendar;
  /** 'YYYY-MM-DD' in China (see todayInChina in ../law-status). */
  today: string;
}

/** Who approved an extension, when, and when the applicant was told (第三十三条第二款). */
export interface ExtensionRecord {
  days: number;
  approvedBy: string | null;
  approvedAt: string;
  applicantNotifiedAt: string | null;
  /** The applicant was told (true also when only `applicantNotified: true` was recorded, without a date). */
  applicantNotified: boolean;
}

/**
 * Time not counted (第三十三条第三款): the working days after `from` up to and including `to`.
 * `to === null`: still running (open-ended consultation not answered yet).
 */
export interface PauseInterval {
  from: string;
  to: string | null;
}

export type ClockState = 'open' | 'awaitingCorrection' | 'paused' | 'replied' | 'closed';

export interface DueDateChange {
  /** Day of the event that changed the due date. */
  date: string;
  /** The due date from then on; null while awaiting a correction or during an open-ended consultation. */
  dueDate: string | null;
  /** Why, in Chinese, citing the article. */
  reason: string;
}

export interface ClockResult {
  /**
   * The reply deadline, or null when it cannot be known: while awaiting the applicant's
   * correction (第三十条: the period restarts from the correction's receipt) or while an
   * open-ended consultation (no `days`) is unanswered and the period had not run out before it.
   */
  dueDate: string | null;
  /** The computation touched a year whose official holiday arrangement is not known (the predicted arrangement was used). */
  dueDateProvisional: boolean;
  /**
   * Working days from `today` (or, once replied/closed, from the reply/closing day) to dueDate;
   * 0 = due that day; negative when overdue (a non-working day right after the due date counts as −1).
   * While paused with an unknown due date: the working days left on the frozen clock.
   * null when there is no clock (awaiting correction).
   */
  daysLeft: number | null;
  /** Open: today > dueDate. Replied/closed: reply (else closing) day > dueDate. */
  overdue: boolean;
  dueDateHistory: DueDateChange[];
  /** Chinese. */
  warnings: string[];
  state: ClockState;
  /** The day the 20 working days count from: receipt, or receipt of the correction. */
  clockStart: string | null;
  /** Working days allowed: 20 plus any extension. */
  allowedWorkingDays: number;
  extension: ExtensionRecord | null;
  /** Merged time-not-counted intervals (overlapping consultations are merged, see mergePauses). */
  pauses: PauseInterval[];
  /** Working days excluded by those pauses before the due date. */
  pausedWorkingDays: number;
  /** Outcome the case may be closed with because the applicant let a period lapse, if any. */
  suggestedOutcome: 'other.noCorrection' | 'other.unpaidFee' | null;
}
