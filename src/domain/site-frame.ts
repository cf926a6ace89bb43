/**
 * The government site frame (《政府网站发展指引》, 国办发〔2017〕47号, and the inspection indicators): every page
 * of a government website names its 主办单位 (and often 承办单位), shows its 网站标识码, ICP 备案编号 and
 * 公安机关备案号 (each linking to its registry), and offers 联系我们 and a 网站地图.
 *
 * The settings come from config/portal.ts (`portal.site`); `siteFrame()` checks them once at boot (a wrong
 * number is refused in Chinese, naming the setting) and gives the portal what it shows, links included.
 */
import { parsePhone } from './phone';

/** Where an ICP number is looked up (工业和信息化部 ICP/IP地址/域名信息备案管理系统). */
export const ICP_REGISTRY_URL = 'https://beian.miit.gov.cn/';
/** Where a 公安机关备案号 is looked up (全国互联网安全管理服务平台), by its 14-digit number. */
export const PSB_REGISTRY_URL = (code: string) => `https://beian.mps.gov.cn/#/query/webSearch?code=${code}`;

/**
 * 网站标识码: 10 characters issued at the national government-website census — 6 digits of the region code
 * and a 4-digit serial for local sites, `bm` + 2 digits of the department + 6 digits for State Council
 * departments (e.g. 3301000001, bm14000001).
 */
const SITE_CODE = /^(?:\d{10}|bm\d{8})$/;
/** ICP 备案编号: province abbreviation, "ICP备", the number, "号", an optional "-n" for one of the sites. */
const ICP = /^[\u4e00-\u9fa5]ICP备\d{6,10}号(?:-\d{1,3})?$/;
/** 公安机关备案号: province abbreviation, "公网安备", the 14-digit number (region code first), "号". */
const PSB = /^([\u4e00-\u9fa5])公网安备\s?(\d{14})号$/;

export interface SiteContact {
  /** 通讯地址 */
  address?: string;
  /** 邮政编码 */
  postcode?: string;
  /** 联系电话 */
  phone?: string;
  /** 电子邮箱 */
  email?: string;
  /** 办公时间 */
  hours?: string;
}

/** config/portal.ts `site`: what an agency sets. Empty strings mean "not shown". */
export interface SiteSettings {
  /** 网站名称, e.g. 青山县人民政府 (the header and every page title). */
  name: string;
  /** The emblem beside the name: a path on this server (the portal's CSP loads images from itself only). */
  emblem?: string;
  /** 主办单位 */
  sponsor?: string;
  /** 承办单位 */
  organizer?: string;
  /** 网站标识码 */
  siteCode?: string;
  /** ICP 备案编号, e.g. 青ICP备12345678号 */
  icp?: string;
  /** 公安机关备案号, e.g. 青公网安备 63010202000001号 */
  psb?: string;
  contact?: SiteContact;
}

/** What the portal shows (GET /portal/site.json), with the registries' links. */
export interface SiteFrame {
  name: string;
  emblem: string | null;
  sponsor: string | null;
  organizer: string | null;
  siteCode: string | null;
  icp: { number: string; url: string } | null;
  psb: { number: string; url: string } | null;
  contact: Required<{ [K in keyof SiteContact]: string | null }>;
}

export interface SiteFrameProblem {
  path: string[];
  message: string;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The frame of these settings, or the settings at fault (Chinese messages, each naming its setting). */
export function checkSiteFrame(settings: Partial<SiteSettings> | undefined): { frame: SiteFrame; problems: SiteFrameProblem[] } {
  const s = settings ?? {};
  const problems: SiteFrameProblem[] = [];
  const bad = (key: string, message: string) => problems.push({ path: key.split('.'), message });

  const name = text(s.name);
  if (!name) bad('name', '网站名称不能为空');
  else if (name.length > 50) bad('name', '网站名称不能超过 50 个字');

  const emblem = text(s.emblem);
  // a path on this server only: an image from elsewhere would need the portal's CSP widened (img-src)
  if (emblem && !/^(?:\.{0,2}\/)(?!\/)[\w./-]+\.(?:svg|png|gif|jpe?g|webp)$/i.test(emblem)) bad('emblem', '网站标志须为本站图片路径（如 ./emblem.svg 或 /uploads/emblem.png）');

  const siteCode = text(s.siteCode);
  if (siteCode && !SITE_CODE.test(siteCode)) bad('siteCode', '网站标识码应为 10 位（地方网站 10 位数字，国务院部门网站 bm 加 8 位数字）');

  const icp = text(s.icp);
  if (icp && !ICP.test(icp)) bad('icp', 'ICP 备案编号格式不正确，应如“青ICP备12345678号”或“青ICP备12345678号-1”');

  const psbText = text(s.psb);
  const psb = psbText ? PSB.exec(psbText) : null;
  if (psbText && !psb) bad('psb', '公安机关备案号格式不正确，应如“青公网安备 63010202000001号”');

  const c = s.contact ?? {};
  const email = text(c.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) bad('contact.email', '联系我们的电子邮箱格式不正确');
  const phone = text(c.phone);
  if (phone && !parsePhone(phone)) bad('contact.phone', '联系我们的电话格式不正确，应为带区号的固定电话或手机号码');
  const postcode = text(c.postcode);
  if (postcode && !/^\d{6}$/.test(postcode)) bad('contact.postcode', '邮政编码应为 6 位数字');

  return {
    frame: {
      name: name ?? '',
      emblem,
      sponsor: text(s.sponsor),
      organizer: text(s.organizer),
      siteCode,
      icp: icp && ICP.test(icp) ? { number: icp, url: ICP_REGISTRY_URL } : null,
      psb: psb ? { number: `${psb[1]}公网安备 ${psb[2]}号`, url: PSB_REGISTRY_URL(psb[2]) } : null,
      contact: { address: text(c.address), postcode, phone, email, hours: text(c.hours) },
    },
    problems,
  };
}

/** The frame, or an Error naming every setting at fault (thrown at boot: a misconfigured site does not start). */
export function siteFrame(settings: Partial<SiteSettings> | undefined): SiteFrame {
  const { frame, problems } = checkSiteFrame(settings);
  if (problems.length) {
    throw new Error(`门户网站框架配置有误（config/portal.ts）：${problems.map((p) => `portal.site.${p.path.join('.')}：${p.message}`).join('；')}`);
  }
  return frame;
}
