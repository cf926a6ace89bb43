/**
 * From the curated corpus (scripts/seed-corpus.ts) to documents: the publish date relative to the seed day,
 * the year tokens of titles and points, and the Markdown body each kind of document has in an agency's own
 * layout (salutation, numbered points, articles, headed sections, tables). Pure functions of the corpus, the
 * organisation and the seed day, so the seed, its tests and the search team's judged queries agree.
 */
import { addDays, yearOf } from '../../src/domain/dates';
import { PROFILES, type CorpusItem } from '../seed-corpus';
import { rng } from '../seed-data';

export interface DocOrg {
  name: string;
  shortName?: string | null;
  code: string;
  abbr: string;
  contactPhone?: string | null;
  contactAddress?: string | null;
  reviewAuthority?: string | null;
  litigationCourt?: string | null;
}

const CN_ORDINAL = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
export const cnNumber = (n: number): string => (n <= 10 ? ['', ...CN_ORDINAL][n] : n < 20 ? `十${CN_ORDINAL[n - 11]}` : `${CN_ORDINAL[Math.floor(n / 10) - 1]}十${n % 10 ? CN_ORDINAL[(n % 10) - 1] : ''}`);
/** 2026-11-20 → 2026年11月20日 */
export const cnDate = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The publish date of a corpus item on the seed day `today`. */
export function publishDateOf(item: Pick<CorpusItem, 'age' | 'on' | 'yearsBack'>, today: string): string {
  if (item.on) {
    let day = `${today.slice(0, 4)}-${item.on}`;
    if (day > today) day = `${yearOf(today) - 1}-${item.on}`;
    return item.yearsBack ? `${yearOf(day) - item.yearsBack}-${item.on}` : day;
  }
  return addDays(today, -(item.age ?? 0));
}

/** Replaces {Y}, {Y-1}, {Y+1} (year of `day`), {PY}/{PM} (the month before) and {PQY}/{PQ} (the quarter before). */
export function resolveTokens(text: string, day: string): string {
  const y = yearOf(day);
  const m = Number(day.slice(5, 7));
  const pm = m === 1 ? 12 : m - 1;
  const py = m === 1 ? y - 1 : y;
  const q = Math.ceil(m / 3);
  const pq = q === 1 ? 4 : q - 1;
  const pqy = q === 1 ? y - 1 : y;
  return text
    .replace(/\{Y-1\}/g, String(y - 1))
    .replace(/\{Y\+1\}/g, String(y + 1))
    .replace(/\{Y\}/g, String(y))
    .replace(/\{PY\}/g, String(py))
    .replace(/\{PM\}/g, String(pm))
    .replace(/\{PQY\}/g, String(pqy))
    .replace(/\{PQ\}/g, CN_ORDINAL[pq - 1]);
}

/** The name of the document a cover note issues: 关于印发《X》的通知 → X. */
export function issuedName(title: string): string | null {
  const m = /关于印发(.+)的通知$/.exec(title);
  return m ? m[1] : null;
}

const table = (t: { head: string[]; rows: string[][] }, day: string) =>
  [`| ${t.head.join(' | ')} |`, `|${t.head.map(() => ' --- ').join('|')}|`, ...t.rows.map((r) => `| ${r.map((c) => resolveTokens(c, day)).join(' | ')} |`)].join('\n');

const closingOf = (title: string) => (/公告$|公示$/.test(title) ? '特此公告。' : /通告$/.test(title) ? '特此通告。' : /通报$/.test(title) ? '特此通报。' : '特此通知。');

/** Salutation of a notice: its organisation's addressees (scripts/seed-corpus.ts PROFILES); 公告 and 通告 address the public. */
function salutation(org: DocOrg, title: string): string | null {
  if (/公告$|公示$|通告$/.test(title)) return null;
  return PROFILES[org.code]?.addressees ?? '各乡镇人民政府，县直有关单位：';
}

/** Generated documents: numbers derived from the organisation's code, so each organisation's figures differ. */
function figures(org: DocOrg, day: string) {
  const r = rng(Number(org.code) * 31 + yearOf(day));
  const total = r.int(420, 9800); // 万元
  const basic = Math.round(total * (0.38 + r.next() * 0.3));
  return { total, basic, project: total - basic, staff: r.int(14, 96), cars: r.int(0, 4), receptions: r.int(2, 11), trips: r.int(1, 6) };
}

function generated(item: CorpusItem, org: DocOrg, day: string, county: boolean): string[] {
  const y = yearOf(day);
  const f = figures(org, day);
  switch (item.kind) {
    case 'guide': {
      const profile = PROFILES[org.code];
      return [
        `为了保障公民、法人和其他组织依法获取${org.name}的政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。本指南每年更新一次。`,
        '## 一、主动公开',
        `${org.shortName ?? org.name}主动公开的重点是${profile?.focus ?? '本机关的规范性文件和工作动态'}，具体范围以青山县人民政府门户网站上本机关的公开目录为准${county ? '，并在县档案馆、县图书馆和县政务服务中心设立查阅点' : ''}。信息自形成或者变更之日起20个工作日内公开。`,
        '## 二、依申请公开',
        `受理机构：${profile?.office ?? `${org.shortName ?? org.name}办公室`}（${org.contactAddress ?? '青山县人民路1号'}，${org.contactPhone ?? '0571-88001234'}）。申请可在线提交，也可以信函或者当面提交；能够当场答复的当场答复，不能当场答复的，自收到申请之日起20个工作日内答复。`,
        '## 三、监督和救济',
        `认为${org.shortName ?? org.name}在政府信息公开工作中侵犯其合法权益的，可以向${org.reviewAuthority ?? '青山县人民政府'}申请行政复议，或者向${org.litigationCourt ?? '青山县人民法院'}提起行政诉讼。`,
      ];
    }
    case 'budget': {
      const what = item.points[0];
      if (what === '三公') {
        return [
          `${y}年县级部门“三公”经费财政拨款预算合计${(f.total / 100).toFixed(1)}万元，比上年下降4.2%，主要是严控公务接待和公务用车运行维护支出。`,
          table({ head: ['项目', `${y}年预算（万元）`, '比上年增减'], rows: [['因公出国（境）费', '0', '持平'], ['公务用车购置及运行维护费', `${(f.total / 160).toFixed(1)}`, '-3.6%'], ['公务接待费', `${(f.total / 400).toFixed(1)}`, '-6.1%']] }, day),
          '因公出国（境）费预算为零，是因为县级部门本年度无因公出国（境）计划；公务用车购置费为零，本年度不新增公务用车。',
        ];
      }
      if (what === '预算' || what === '部门预算') {
        return [
          `${org.name}${y}年收支预算总额${f.total}万元，其中一般公共预算拨款${Math.round(f.total * 0.93)}万元，其他收入${f.total - Math.round(f.total * 0.93)}万元。`,
          '## 一、收支总体情况',
          table({ head: ['项目', '预算数（万元）'], rows: [['收入合计', String(f.total)], ['基本支出', String(f.basic)], ['项目支出', String(f.project)]] }, day),
          '## 二、“三公”经费预算',
          f.cars
            ? `${org.name}${y}年“三公”经费预算${(f.cars * 2.6 + f.receptions * 0.4).toFixed(1)}万元，其中公务用车运行维护费${(f.cars * 2.6).toFixed(1)}万元（保有公务用车${f.cars}辆），公务接待费${(f.receptions * 0.4).toFixed(1)}万元，无因公出国（境）费。`
            : `${org.name}${y}年“三公”经费预算${(f.receptions * 0.4).toFixed(1)}万元，全部为公务接待费；本单位未保有公务用车，无因公出国（境）费。`,
          '## 三、名词解释',
          `基本支出是指${org.shortName ?? org.name}为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出；项目支出是指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。`,
        ];
      }
      // 决算
      const spent = Math.round(f.total * 0.97);
      return [
        `${org.name}${y - 1}年度收入决算${f.total}万元，支出决算${spent}万元，年末结转和结余${f.total - spent}万元。`,
        table({ head: ['项目', '决算数（万元）', '占支出比重'], rows: [['基本支出', String(f.basic), `${Math.round((f.basic / spent) * 100)}%`], ['项目支出', String(spent - f.basic), `${Math.round(((spent - f.basic) / spent) * 100)}%`]] }, day),
        `${y - 1}年度${org.shortName ?? org.name}“三公”经费实际支出比预算减少${(f.staff / 10).toFixed(1)}万元，主要原因是压减公务接待${f.receptions}批次、减少公务用车使用。`,
        `年末${org.shortName ?? org.name}实有人员${f.staff}人，国有资产总额${(f.total * 1.8).toFixed(0)}万元，政府采购支出${Math.round(f.project * 0.3)}万元，其中授予中小企业合同金额占比${70 + (f.staff % 20)}%。`,
      ];
    }
    case 'annual': {
      const active = 80 + f.staff * 6;
      const requests = f.trips + 1;
      return [
        '## 一、总体情况',
        `${y - 1}年，${org.name}共主动公开政府信息${active}条，其中规范性文件${f.receptions % 4}件、政策解读${1 + (f.staff % 5)}篇；受理政府信息公开申请${requests}件，全部在法定期限内答复。`,
        '## 二、主动公开政府信息情况',
        table({ head: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], rows: [['规章', '0', '0', '0'], ['行政规范性文件', String(f.receptions % 4), String(f.cars % 2), String(4 + (f.staff % 6))]] }, day),
        '## 三、存在的主要问题及改进情况',
        `${org.shortName ?? org.name}在${y - 1}年度公开工作中存在政策解读形式较为单一、${f.staff % 2 ? '部分栏目更新不够及时' : '公开内容与群众关切衔接不够'}等问题，${y}年将${f.staff % 2 ? '建立栏目更新台账，按月督促' : '增加图解、问答等解读形式'}。`,
      ];
    }
    default:
      return [];
  }
}

/** The Markdown body of a corpus item published by `org` on `day` (`issuer` signs notices). */
export function bodyOf(item: CorpusItem, org: DocOrg, day: string, opts: { county: boolean; issuer: string }): string {
  const p = item.points.map((s) => resolveTokens(s, day));
  const title = resolveTokens(item.title, day);
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  const blocks: string[] = [];
  switch (item.kind) {
    case 'news': {
      // the lead says who did what when (the title as a sentence); the points are the report's own paragraphs
      const lead = title.replace(/\s+/g, '，').replace(/[。，]?$/, '。');
      blocks.push(`${month}月${date}日，${/^\d/.test(lead) ? `据${opts.issuer}消息，${lead}` : lead}`, ...p);
      break;
    }
    case 'notice':
      blocks.push(salutation(org, title) ?? '', p[0], p.slice(1).map((s, i) => `${i + 1}. ${s}`).join('\n'), closingOf(title), `${opts.issuer}  \n${cnDate(day)}`);
      break;
    case 'policy': {
      const name = issuedName(title);
      if (name) {
        blocks.push(salutation(org, title) ?? '', `现将《${name}》印发给你们，请结合实际认真贯彻执行。`, `${opts.issuer}  \n${cnDate(day)}`, `## ${name}`);
        p.forEach((s, i) => blocks.push(`**第${cnNumber(i + 1)}条** ${s}`));
      } else {
        blocks.push(salutation(org, title) ?? '', p[0]);
        p.slice(1).forEach((s, i) => blocks.push(`## ${CN_ORDINAL[i]}、${s.replace(/[，。].*$/, '').slice(0, 16)}`, s));
        blocks.push(`${opts.issuer}  \n${cnDate(day)}`);
      }
      break;
    }
    case 'reading':
    case 'plan':
    case 'report': {
      const headings = item.headings ?? [];
      if (item.kind === 'reading' && item.interprets) {
        const name = issuedName(item.interprets) ?? item.interprets.replace(/^青山县[^关]*关于/, '关于');
        blocks.push(`${month}月${date}日，${opts.issuer}印发《${name}》。现将文件的起草背景、主要内容和适用范围解读如下。`);
      }
      // points per heading: `split`, else one each with the extra points under the middle heading of a 解读
      // (主要内容) or under the last heading of a plan or report
      const split = item.split ?? headings.map((_, i) => {
        const extra = Math.max(0, p.length - headings.length);
        const wide = item.kind === 'reading' && headings.length > 2 ? 1 : headings.length - 1;
        return i === wide ? 1 + extra : 1;
      });
      let at = 0;
      headings.forEach((h, i) => {
        blocks.push(`## ${CN_ORDINAL[i]}、${h}`);
        const mine = p.slice(at, at + split[i]);
        at += split[i];
        if (mine.length > 1) blocks.push(mine.map((s) => `- ${s}`).join('\n'));
        else if (mine[0]) blocks.push(mine[0]);
      });
      if (!headings.length) blocks.push(...p);
      if (item.table) blocks.push(table(item.table, day));
      break;
    }
    case 'record':
      blocks.push(p[0]);
      if (item.table) blocks.push(table(item.table, day));
      blocks.push(...p.slice(1));
      break;
    case 'duties':
      blocks.push(p.map((s, i) => `${i + 1}. ${s}`).join('\n'));
      break;
    default:
      blocks.push(...generated(item, org, day, opts.county));
  }
  return blocks.filter(Boolean).join('\n\n');
}

/**
 * Paragraphs of a Markdown body that could be boilerplate: prose blocks of 30 characters or more (list items
 * one by one), not headings, table rows, salutations or signatures. The seed's test requires each to appear in
 * one body only.
 */
export function proseParagraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .flatMap((block) => (/^\s*(\d+\.|-)\s/.test(block) ? block.split('\n').map((l) => l.replace(/^\s*(\d+\.|-)\s+/, '')) : [block]))
    .map((b) => b.trim())
    .filter((b) => b.length >= 30 && !b.startsWith('#') && !b.startsWith('|') && !b.endsWith('：'));
}
