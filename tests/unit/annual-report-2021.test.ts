import {
  APPLICANT_KEYS,
  AnnualReportValidationError,
  RESULT_GROUPS,
  RESULT_KEYS,
  RESULT_ROW_KEYS,
  SECTION_HEADINGS,
  TABLE2_COLUMN_LABELS,
  TABLE2_ROW_LABELS,
  TABLE2_SUBTABLES,
  TABLE3_COLUMN_KEYS,
  TABLE3_COLUMN_LABELS,
  TABLE3_ROW_KEYS,
  TABLE3_ROW_LABELS,
  TABLE3_ROW_QUALIFIED_LABELS,
  TABLE3_TOP_LEFT_LABEL,
  TABLE4_COLUMN_LABELS,
  TABLE4_GROUP_LABELS,
  assertValidAnnualReport,
  computeTotals,
  emptyTables,
  extractOverviewFigures,
  renderTablesHtml,
  validateAnnualReport,
  type AnnualReportTables,
  type ApplicantKey,
  type Table3RowKey,
  type Violation,
} from '../../src/domain/annual-report-2021';

/** A full, consistent report (totals derived by computeTotals). */
function fullReport(): AnnualReportTables {
  const t = emptyTables();
  t.table2.regulations = { issued: 2, repealed: 1, inForce: 11 };
  t.table2.normativeDocuments = { issued: 5, repealed: 2, inForce: 30 };
  t.table2.licensing.decisions = 120;
  t.table2.penalty.decisions = 35;
  t.table2.enforcement.decisions = 3;
  t.table2.fees.feesWan = 1.25;

  const set = (row: Table3RowKey, values: Partial<Record<ApplicantKey, number>>) => Object.assign(t.table3[row], values);
  set('newReceived', { natural: 10, business: 3, research: 1, legalService: 2, otherOrg: 1 });
  set('carriedOver', { natural: 2, business: 1 });
  set('disclosed', { natural: 4, business: 2 });
  set('partial', { natural: 2, business: 1 });
  set('refused.stateSecret', { natural: 1 });
  set('refused.thirdParty', { legalService: 1 });
  set('unable.notHeld', { natural: 2 });
  set('unable.needsCreation', { research: 1 });
  set('notProcessed.duplicate', { natural: 1 });
  set('notProcessed.petition', { otherOrg: 1 });
  set('other.noCorrection', { legalService: 1 });
  set('carriedForward', { natural: 2, business: 1 });

  t.table4.review = { upheld: 1, corrected: 1, other: 0, pending: 1, total: 0 };
  t.table4.suitDirect = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 0 };
  t.table4.suitAfterReview = { upheld: 0, corrected: 0, other: 1, pending: 0, total: 0 };
  return computeTotals(t);
}

const only = (vs: Violation[], rule: number) => vs.filter((v) => v.rule === rule);
const where = (vs: Violation[]) => vs.map((v) => `${v.rule}:${v.table}.${v.row}.${v.column}`).sort();

describe('keys and official labels', () => {
  it('has the six section headings in order', () => {
    expect(Object.values(SECTION_HEADINGS)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
  });

  it('has 表二 captions, headers and rows verbatim', () => {
    expect(TABLE2_SUBTABLES.map((s) => s.caption)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    expect(TABLE2_SUBTABLES.map((s) => s.rows)).toEqual([['regulations', 'normativeDocuments'], ['licensing'], ['penalty', 'enforcement'], ['fees']]);
    expect(TABLE2_COLUMN_LABELS).toEqual({
      issued: '本年制发件数',
      repealed: '本年废止件数',
      inForce: '现行有效件数',
      decisions: '本年处理决定数量',
      feesWan: '本年收费金额（单位：万元）',
    });
    expect(TABLE2_ROW_LABELS.normativeDocuments).toBe('行政规范性文件');
    expect(TABLE2_ROW_LABELS.fees).toBe('行政事业性收费');
  });

  it('has 表三 labels verbatim', () => {
    expect(TABLE3_TOP_LEFT_LABEL).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(TABLE3_ROW_LABELS.partial).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(TABLE3_ROW_LABELS['refused.securityStability']).toBe('3.危及“三安全一稳定”');
    expect(TABLE3_ROW_LABELS['other.unpaidFee']).toBe('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
    expect(TABLE3_ROW_LABELS.newReceived).toBe('一、本年新收政府信息公开申请数量');
    expect(TABLE3_ROW_LABELS.carriedForward).toBe('四、结转下年度继续办理');
    expect(TABLE3_ROW_LABELS.resultsTotal).toBe('（七）总计');
    expect(TABLE3_ROW_QUALIFIED_LABELS['unable.notHeld']).toBe('（四）无法提供 1.本机关不掌握相关政府信息');
    expect(Object.values(TABLE3_COLUMN_LABELS)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(RESULT_GROUPS.map((g) => [g.label, g.rows.length])).toEqual([
      ['（三）不予公开', 8],
      ['（四）无法提供', 3],
      ['（五）不予处理', 5],
      ['（六）其他处理', 3],
    ]);
  });

  it('has the result keys in table order (21 parts + （七）总计 = 22 result rows)', () => {
    expect(RESULT_KEYS).toHaveLength(21);
    expect(RESULT_ROW_KEYS).toHaveLength(22);
    expect(RESULT_KEYS[0]).toBe('disclosed');
    expect(RESULT_KEYS[20]).toBe('other.other');
    expect(RESULT_ROW_KEYS[21]).toBe('resultsTotal');
    expect(APPLICANT_KEYS).toEqual(['natural', 'business', 'research', 'publicInterest', 'legalService', 'otherOrg']);
    expect(TABLE3_ROW_KEYS).toHaveLength(25);
  });

  it('has 表四 labels verbatim', () => {
    expect(TABLE4_GROUP_LABELS).toEqual({ review: '行政复议', suitDirect: '未经复议直接起诉', suitAfterReview: '复议后起诉' });
    expect(Object.values(TABLE4_COLUMN_LABELS)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
  });
});

describe('emptyTables / computeTotals', () => {
  it('emptyTables is all zeros and valid', () => {
    const t = emptyTables();
    for (const r of TABLE3_ROW_KEYS) for (const c of TABLE3_COLUMN_KEYS) expect(t.table3[r][c]).toBe(0);
    expect(t.table2.regulations).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(t.table2.fees).toEqual({ feesWan: 0 });
    expect(t.table4.suitAfterReview).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
    expect(validateAnnualReport(t)).toEqual([]);
    expect(emptyTables()).not.toBe(emptyTables());
  });

  it('computeTotals fills resultsTotal, the total column and 表四 totals, turning an invalid report valid', () => {
    const t = fullReport();
    // wipe every derived cell
    for (const r of TABLE3_ROW_KEYS) t.table3[r].total = 0;
    for (const c of APPLICANT_KEYS) t.table3.resultsTotal[c] = 0;
    t.table4.review.total = 0;
    t.table4.suitDirect.total = 0;
    t.table4.suitAfterReview.total = 0;
    const before = validateAnnualReport(t);
    expect(new Set(before.map((v) => v.rule))).toEqual(new Set([1, 2, 3, 4]));

    const fixed = computeTotals(t);
    expect(validateAnnualReport(fixed)).toEqual([]);
    expect(fixed.table3.resultsTotal).toEqual({ natural: 10, business: 3, research: 1, publicInterest: 0, legalService: 2, otherOrg: 1, total: 17 });
    expect(fixed.table3.newReceived.total).toBe(17);
    expect(fixed.table3.carriedForward.total).toBe(3);
    expect(fixed.table4.review.total).toBe(3);
    expect(fixed.table4.suitAfterReview.total).toBe(1);
    // input not mutated
    expect(t.table3.newReceived.total).toBe(0);
    expect(t.table4.review.total).toBe(0);
  });

  it('computeTotals leaves a total alone when one of its parts is not a number', () => {
    const t = fullReport();
    (t.table3.disclosed as Record<string, unknown>).natural = 'x';
    const out = computeTotals(t);
    expect(out.table3.disclosed.total).toBe(t.table3.disclosed.total);
    expect(out.table3.resultsTotal.natural).toBe(10);
  });
});

describe('validateAnnualReport', () => {
  it('accepts a valid full report', () => {
    const t = fullReport();
    expect(validateAnnualReport(t)).toEqual([]);
    expect(validateAnnualReport(t, { previousInForce: { regulations: 10, normativeDocuments: 27 } })).toEqual([]);
    expect(() => assertValidAnnualReport(t)).not.toThrow();
  });

  it('rule 1: newReceived + carriedOver ≠ resultsTotal + carriedForward, per column', () => {
    const t = emptyTables();
    t.table3.newReceived.natural = 3;
    t.table3.carriedOver.natural = 1;
    t.table3.disclosed.natural = 2;
    t.table3.carriedForward.natural = 1;
    const vs = validateAnnualReport(computeTotals(t));
    expect(where(vs)).toEqual(['1:table3.carriedForward.natural', '1:table3.carriedForward.total']);
    const v = vs.find((x) => x.column === 'natural')!;
    expect(v).toMatchObject({ rule: 1, severity: 'error', rowLabel: '四、结转下年度继续办理', columnLabel: '自然人', expected: 4, actual: 3 });
    expect(v.message).toBe('规则1（本列勾稽关系）不成立：“自然人”列 本年新收(3)+上年结转(1)≠办理结果总计(2)+结转下年度(1)');
    expect(v.relatedRows).toEqual(['newReceived', 'carriedOver', 'resultsTotal', 'carriedForward']);
  });

  it('rule 2: （七）总计 ≠ sum of the result rows', () => {
    const t = fullReport();
    t.table3.resultsTotal.natural = 9; // parts sum to 10
    t.table3.carriedForward.natural = 3; // keep rule 1 balanced for the column
    t.table3.resultsTotal.total = 16;
    t.table3.carriedForward.total = 4; // keep rule 3 and rule 1 balanced for 总计
    const vs = validateAnnualReport(t);
    expect(where(vs)).toEqual(['2:table3.resultsTotal.natural', '2:table3.resultsTotal.total']);
    const v = vs.find((x) => x.column === 'natural')!;
    expect(v).toMatchObject({ rule: 2, severity: 'error', table: 'table3', row: 'resultsTotal', rowLabel: '（七）总计', columnLabel: '自然人', expected: 10, actual: 9 });
    expect(v.message).toContain('规则2');
    expect(v.message).toContain('“（七）总计”行“自然人”列');
  });

  it('rule 3: total column ≠ sum of the applicant columns', () => {
    const t = fullReport();
    t.table3['refused.stateSecret'].total = 2; // natural 1, others 0
    const r3 = only(validateAnnualReport(t), 3);
    expect(r3).toHaveLength(1);
    expect(r3[0]).toMatchObject({
      severity: 'error',
      table: 'table3',
      row: 'refused.stateSecret',
      column: 'total',
      rowLabel: '（三）不予公开 1.属于国家秘密',
      columnLabel: '总计',
      expected: 1,
      actual: 2,
    });
    expect(r3[0].message).toBe('规则3（总计列）不成立：“（三）不予公开 1.属于国家秘密”行“总计”列 各类申请人之和(1)≠总计(2)');
  });

  it('rule 4: 表四 group total ≠ upheld + corrected + other + pending', () => {
    const t = fullReport();
    t.table4.suitDirect.total = 3; // parts sum to 1
    const vs = validateAnnualReport(t);
    expect(where(vs)).toEqual(['4:table4.suitDirect.total']);
    expect(vs[0]).toMatchObject({ severity: 'error', rowLabel: '行政诉讼 未经复议直接起诉', columnLabel: '总计', expected: 1, actual: 3 });
    expect(vs[0].message).toContain('规则4');
    expect(vs[0].message).toContain('结果维持(1)+结果纠正(0)+其他结果(0)+尚未审结(0)≠总计(3)');
  });

  it('rule 5: missing, non-number, negative and non-integer cells; no cascade into rules 1–4', () => {
    const t = fullReport() as unknown as Record<string, Record<string, Record<string, unknown>>>;
    delete t.table3.disclosed.natural;
    t.table3['unable.unclear'].research = -1;
    t.table4.review.pending = 1.5;
    t.table2.licensing.decisions = '120';
    t.table2.penalty.decisions = Number.NaN;
    const vs = validateAnnualReport(t);
    expect(vs.every((v) => v.rule === 5 && v.severity === 'error')).toBe(true);
    expect(where(vs)).toEqual([
      '5:table2.licensing.decisions',
      '5:table2.penalty.decisions',
      '5:table3.disclosed.natural',
      '5:table3.unable.unclear.research',
      '5:table4.review.pending',
    ]);
    const missing = vs.find((v) => v.row === 'disclosed')!;
    expect(missing.message).toBe('规则5（数值须为非负整数）不成立：表三“（一）予以公开”行“自然人”列 缺少数值');
    expect(vs.find((v) => v.row === 'unable.unclear')).toMatchObject({ actual: -1, rowLabel: '（四）无法提供 3.补正后申请内容仍不明确', columnLabel: '科研机构' });
    expect(vs.find((v) => v.row === 'unable.unclear')!.message).toContain('为负数');
    expect(vs.find((v) => v.table === 'table4')!.message).toContain('不是整数');
    expect(vs.find((v) => v.row === 'licensing')!.message).toContain('不是数字');
  });

  it('rule 5: feesWan may be a decimal but not negative', () => {
    const t = fullReport();
    t.table2.fees.feesWan = 0.35;
    expect(validateAnnualReport(t)).toEqual([]);
    t.table2.fees.feesWan = -0.5;
    const vs = validateAnnualReport(t);
    expect(where(vs)).toEqual(['5:table2.fees.feesWan']);
    expect(vs[0].message).toBe('规则5（收费金额须为非负数）不成立：表二“行政事业性收费”行“本年收费金额（单位：万元）”列 值(-0.5)为负数');
    t.table2.regulations.issued = 1.5;
    expect(where(validateAnnualReport(t))).toContain('5:table2.regulations.issued');
  });

  it('rule 5: a missing table or non-object input reports every cell', () => {
    const t = fullReport() as Partial<AnnualReportTables>;
    delete t.table4;
    const vs = validateAnnualReport(t);
    expect(vs).toHaveLength(15);
    expect(vs.every((v) => v.rule === 5 && v.table === 'table4')).toBe(true);
    expect(validateAnnualReport(null)).toHaveLength(2 * 3 + 3 + 1 + 25 * 7 + 15);
  });

  it('rule 6: inForce continuity is a warning, not an error', () => {
    const t = fullReport();
    const vs = validateAnnualReport(t, { previousInForce: { regulations: 9, normativeDocuments: 27 } });
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({
      rule: 6,
      severity: 'warning',
      table: 'table2',
      row: 'regulations',
      column: 'inForce',
      rowLabel: '规章',
      columnLabel: '现行有效件数',
      expected: 10,
      actual: 11,
    });
    expect(vs[0].message).toContain('上年现行有效(9)+本年制发(2)−本年废止(1)=10，本年填报为11');
    expect(() => assertValidAnnualReport(t)).not.toThrow();
    // without previousInForce there is nothing to compare
    expect(validateAnnualReport(t)).toEqual([]);
  });

  it('rule 6: figures quoted in 一、总体情况 are compared with the tables', () => {
    const t = fullReport();
    const ok =
      '2023年，本机关新收政府信息公开申请17件，上年结转3件，共办结17件，结转下年度继续办理3件。' +
      '其中予以公开6件，部分公开3件，不予公开2件，无法提供3件，不予处理2件，其他处理1件。' +
      '全年制发规章2件，废止规章1件，现行有效规章11件；制发行政规范性文件5件。' +
      '被申请行政复议3件，行政诉讼2件。新收申请较上年增加5件，申请按时办结率100%。';
    expect(validateAnnualReport(t, { overviewText: ok })).toEqual([]);
    expect(extractOverviewFigures(ok).map((f) => [f.figure.id, f.quoted])).toEqual([
      ['newReceived', 17],
      ['carriedOver', 3],
      ['resultsTotal', 17],
      ['carriedForward', 3],
      ['disclosed', 6],
      ['partial', 3],
      ['refused', 2],
      ['unable', 3],
      ['notProcessed', 2],
      ['otherHandling', 1],
      ['regulations.issued', 2],
      ['regulations.repealed', 1],
      ['regulations.inForce', 11],
      ['normativeDocuments.issued', 5],
      ['review', 3],
      ['suit', 2],
    ]);

    const wrong = '本年度新收政府信息公开申请２０件，不予公开4件。';
    const vs = validateAnnualReport(t, { overviewText: wrong });
    expect(vs.every((v) => v.rule === 6 && v.severity === 'warning')).toBe(true);
    expect(vs.map((v) => [v.table, v.row, v.column, v.expected, v.actual])).toEqual([
      ['table3', 'newReceived', 'total', 17, 20],
      ['table3', 'refused', 'total', 2, 4],
    ]);
    expect(vs[0].message).toBe(
      '规则6（总体情况与表格一致）提示：总体情况中“新收政府信息公开申请20件”为20，表三“一、本年新收政府信息公开申请数量”行“总计”列为17',
    );
    expect(vs[1].rowLabel).toBe('（三）不予公开');
  });
});

describe('assertValidAnnualReport', () => {
  it('throws AnnualReportValidationError carrying the errors only', () => {
    const t = fullReport();
    t.table4.review.total = 9;
    t.table3.newReceived.business = -2;
    let caught: unknown;
    try {
      assertValidAnnualReport(t);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AnnualReportValidationError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as AnnualReportValidationError;
    expect(err.name).toBe('AnnualReportValidationError');
    expect(err.violations.every((v) => v.severity === 'error')).toBe(true);
    expect(where(err.violations)).toEqual(['4:table4.review.total', '5:table3.newReceived.business']);
    expect(err.message).toContain('2项错误');
    expect(err.message).toContain('规则5');
  });
});

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

interface ParsedCell {
  tag: string;
  text: string;
  colspan: number;
  rowspan: number;
  row?: string;
  col?: string;
}

function decode(s: string) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function parseTables(html: string): Record<string, ParsedCell[][]> {
  const out: Record<string, ParsedCell[][]> = {};
  for (const m of html.matchAll(/<table[^>]*data-table="(\w+)"[^>]*>([\s\S]*?)<\/table>/g)) {
    out[m[1]] = [...m[2].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1].matchAll(/<(th|td)([^>]*)>([\s\S]*?)<\/\1>/g)].map((c) => {
        const attr = (n: string) => c[2].match(new RegExp(`${n}="([^"]*)"`))?.[1];
        return {
          tag: c[1],
          text: decode(c[3]),
          colspan: Number(attr('colspan') ?? 1),
          rowspan: Number(attr('rowspan') ?? 1),
          row: attr('data-row'),
          col: attr('data-col'),
        };
      }),
    );
  }
  return out;
}

/** Width of every row once rowspans from rows above are accounted for. */
function gridWidths(rows: ParsedCell[][]): number[] {
  const carry: number[] = []; // carry[i] = remaining rows for a cell covering column i
  return rows.map((cells) => {
    let col = 0;
    for (const c of cells) {
      while (carry[col] > 0) col++;
      for (let k = 0; k < c.colspan; k++) carry[col + k] = c.rowspan;
      col += c.colspan;
    }
    const width = carry.length;
    for (let i = 0; i < carry.length; i++) if (carry[i] > 0) carry[i]--;
    return width;
  });
}

function findCell(rows: ParsedCell[][], text: string): ParsedCell {
  const c = rows.flat().find((x) => x.text === text);
  if (!c) throw new Error(`no cell ${text}`);
  return c;
}

describe('renderTablesHtml', () => {
  const html = renderTablesHtml(fullReport());
  const tables = parseTables(html);

  it('renders the three tables with their section headings, each a full rectangular grid', () => {
    expect(Object.keys(tables)).toEqual(['table2', 'table3', 'table4']);
    expect(html).toContain('<h2>二、主动公开政府信息情况</h2>');
    expect(html).toContain('<h2>三、收到和处理政府信息公开申请情况</h2>');
    expect(html).toContain('<h2>四、政府信息公开行政复议、行政诉讼情况</h2>');
    expect(renderTablesHtml(fullReport(), { headings: false })).not.toContain('<h2>');
    expect(new Set(gridWidths(tables.table2))).toEqual(new Set([4]));
    expect(new Set(gridWidths(tables.table3))).toEqual(new Set([10]));
    expect(new Set(gridWidths(tables.table4))).toEqual(new Set([15]));
  });

  it('表二: captions span the table, single-value columns span 3', () => {
    const t2 = tables.table2;
    for (const s of TABLE2_SUBTABLES) expect(findCell(t2, s.caption).colspan).toBe(4);
    for (const label of Object.values(TABLE2_ROW_LABELS)) expect(findCell(t2, label).tag).toBe('th');
    expect(findCell(t2, '本年收费金额（单位：万元）').colspan).toBe(3);
    const fees = t2.flat().find((c) => c.row === 'fees' && c.col === 'feesWan')!;
    expect(fees).toMatchObject({ tag: 'td', text: '1.25', colspan: 3 });
    expect(t2.flat().find((c) => c.row === 'regulations' && c.col === 'inForce')!.text).toBe('11');
    expect(t2.flat().filter((c) => c.text === '信息内容')).toHaveLength(4);
  });

  it('表三: official merged header and row-label cells', () => {
    const t3 = tables.table3;
    expect(t3[0][0]).toMatchObject({ text: TABLE3_TOP_LEFT_LABEL, colspan: 3, rowspan: 3 });
    expect(findCell(t3, '申请人情况').colspan).toBe(7);
    expect(findCell(t3, '法人或其他组织').colspan).toBe(5);
    expect(findCell(t3, '自然人').rowspan).toBe(2);
    expect(findCell(t3, '总计').rowspan).toBe(2);
    expect(t3[2].map((c) => c.text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(findCell(t3, '三、本年度办理结果').rowspan).toBe(22);
    expect(findCell(t3, '（三）不予公开').rowspan).toBe(8);
    expect(findCell(t3, '（四）无法提供').rowspan).toBe(3);
    expect(findCell(t3, '（五）不予处理').rowspan).toBe(5);
    expect(findCell(t3, '（六）其他处理').rowspan).toBe(3);
    for (const k of ['newReceived', 'carriedOver', 'carriedForward'] as const) expect(findCell(t3, TABLE3_ROW_LABELS[k]).colspan).toBe(3);
    for (const k of ['disclosed', 'partial', 'resultsTotal'] as const) expect(findCell(t3, TABLE3_ROW_LABELS[k]).colspan).toBe(2);
    // every row label, once, and 3 header rows + 25 body rows
    for (const k of TABLE3_ROW_KEYS) expect(t3.flat().filter((c) => c.tag === 'th' && c.text === TABLE3_ROW_LABELS[k])).toHaveLength(1);
    expect(t3).toHaveLength(3 + 25);
    // the values sit in the right cells, in column order
    const row = (k: string) => t3.flat().filter((c) => c.row === k);
    expect(row('newReceived').map((c) => [c.col, c.text])).toEqual([
      ['natural', '10'],
      ['business', '3'],
      ['research', '1'],
      ['publicInterest', '0'],
      ['legalService', '2'],
      ['otherOrg', '1'],
      ['total', '17'],
    ]);
    expect(row('refused.stateSecret').find((c) => c.col === 'natural')!.text).toBe('1');
  });

  it('表四: 行政复议 (5) | 行政诉讼 (10) with 未经复议直接起诉 / 复议后起诉', () => {
    const t4 = tables.table4;
    expect(t4[0].map((c) => [c.text, c.colspan])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
    expect(t4[1].slice(0, 5).map((c) => [c.text, c.rowspan])).toEqual(Object.values(TABLE4_COLUMN_LABELS).map((l) => [l, 2]));
    expect(t4[1].slice(5).map((c) => [c.text, c.colspan])).toEqual([
      ['未经复议直接起诉', 5],
      ['复议后起诉', 5],
    ]);
    expect(t4[2].map((c) => c.text)).toEqual([...Object.values(TABLE4_COLUMN_LABELS), ...Object.values(TABLE4_COLUMN_LABELS)]);
    expect(t4[3].map((c) => c.text)).toEqual(['1', '1', '0', '1', '3', '1', '0', '0', '0', '1', '0', '0', '1', '0', '1']);
    expect(t4[3][9]).toMatchObject({ row: 'suitDirect', col: 'total' });
  });

  it('escapes text', () => {
    const t = fullReport();
    (t.table3.disclosed as Record<string, unknown>).natural = '<script>alert("x")</script>';
    const out = renderTablesHtml(t);
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});
