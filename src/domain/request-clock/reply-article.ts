/**
 * Which provision the reply letter (政府信息公开申请答复书) must cite for each 表三 result key —
 * 第三十六条's seven answer types, plus 第三十七条 (区分处理), 第三十八条 (需另行制作), 第三十九条
 * (信访举报投诉 / 出版物), 第三十五条 (大量反复申请), 第三十条 (补正) and 第四十二条 (信息处理费).
 * Refusals cite 第三十六条第（三）项 together with the ground in 第十四、十五、十六条.
 */
import type { ResultKey } from './result-keys';
import { isResultKey } from './result-keys';

export interface ReplyArticle {
  /** e.g. '第三十六条第（二）项' (articles of 《中华人民共和国政府信息公开条例》). */
  article: string;
  /** Short paraphrase of what the provision requires the letter to say. */
  text: string;
  /** Another provision that applies in a variant of the same result (e.g. not this agency's information). */
  alternatives?: ReplyArticle[];
  /** Caveat for the clerk. */
  note?: string;
}

const REFUSED = '第三十六条第（三）项';

const REPLY_ARTICLES: Readonly<Record<ResultKey, ReplyArticle>> = {
  disclosed: {
    article: '第三十六条第（二）项',
    text: '可以公开的，向申请人提供该政府信息，或者告知获取的方式、途径和时间',
    alternatives: [{ article: '第三十六条第（一）项', text: '已经主动公开的，告知申请人获取该政府信息的方式、途径' }],
  },
  partial: {
    article: '第三十七条',
    text: '能够作区分处理的，提供可以公开的内容，并对不予公开的内容说明理由',
  },
  'refused.stateSecret': { article: `${REFUSED}、第十四条`, text: '属于国家秘密，不予公开并说明理由' },
  'refused.lawProhibited': { article: `${REFUSED}、第十四条`, text: '法律、行政法规禁止公开，不予公开并说明理由' },
  'refused.securityStability': {
    article: `${REFUSED}、第十四条`,
    text: '公开后可能危及国家安全、公共安全、经济安全、社会稳定，不予公开并说明理由',
  },
  'refused.thirdParty': {
    article: `${REFUSED}、第十五条`,
    text: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，不予公开并说明理由',
  },
  'refused.internalAffairs': {
    article: `${REFUSED}、第十六条第一款`,
    text: '属于人事管理、后勤管理、内部工作流程等内部事务信息，不予公开并说明理由',
  },
  'refused.processInfo': {
    article: `${REFUSED}、第十六条第二款`,
    text: '属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，不予公开并说明理由',
  },
  'refused.enforcementFile': {
    article: `${REFUSED}、第十六条第二款`,
    text: '属于行政执法案卷信息，不予公开并说明理由',
  },
  'refused.queryMatter': {
    article: '第三十六条第（七）项',
    text: '属于工商、不动产登记资料等信息，法律、行政法规对获取有特别规定的，告知依照其规定办理',
  },
  'unable.notHeld': {
    article: '第三十六条第（四）项',
    text: '经检索没有所申请公开信息的，告知申请人该政府信息不存在',
    alternatives: [
      {
        article: '第三十六条第（五）项',
        text: '不属于本机关负责公开的，告知申请人并说明理由；能够确定负责公开的机关的，告知其名称、联系方式',
      },
    ],
  },
  'unable.needsCreation': {
    article: '第三十八条',
    text: '需要对现有政府信息进行加工、分析的，可以不予提供',
  },
  'unable.unclear': {
    article: '第二十九条第二款、第三十条',
    text: '经补正申请内容仍不明确，无法确定所申请的政府信息，告知申请人',
  },
  'notProcessed.petition': {
    article: '第三十九条第一款',
    text: '以政府信息公开申请形式进行信访、投诉、举报的，告知不作为政府信息公开申请处理，并可告知通过相应渠道提出',
  },
  'notProcessed.duplicate': {
    article: '第三十六条第（六）项',
    text: '已就该申请作出答复、申请人重复申请公开相同政府信息的，告知不予重复处理',
  },
  'notProcessed.publication': {
    article: '第三十九条第二款',
    text: '要求提供政府公报、报刊、书籍等公开出版物的，可以告知获取的途径',
  },
  'notProcessed.excessive': {
    article: '第三十五条',
    text: '申请数量、频次明显超过合理范围，经要求说明理由后认为理由不合理的，告知不予处理',
  },
  'notProcessed.confirmation': {
    article: '第二条',
    text: '要求确认或重新出具已获取的信息，不属于申请获取政府信息，告知不作为政府信息公开申请处理',
    note: '条例对此情形无专门条款，各地答复依据不一，请按本地答复文书范本核对',
  },
  'other.noCorrection': {
    article: '第三十条',
    text: '申请人无正当理由逾期不补正的，视为放弃申请，不再处理该政府信息公开申请',
  },
  'other.unpaidFee': {
    article: '第四十二条',
    text: '申请人逾期未按收费通知缴纳信息处理费的，不再处理该政府信息公开申请（国办函〔2020〕109号）',
  },
  'other.other': {
    article: '第三十六条',
    text: '其他处理情形，按实际情况说明处理结果、理由和依据',
    note: '请在答复书中写明具体依据',
  },
};

/** The provision the reply letter must cite for a 表三 result key (throws on an unknown key). */
export function replyArticle(resultKey: ResultKey | string): ReplyArticle {
  if (!isResultKey(resultKey)) throw new RangeError(`无效的办理结果：${String(resultKey)}`);
  return REPLY_ARTICLES[resultKey];
}
