import type { Core } from '@strapi/strapi';

/**
 * The reference portal's government site frame (public/portal; read with strapi.config.get('portal.site')),
 * served to it as GET /portal/site.json and checked at boot by src/domain/site-frame.ts (a wrong 网站标识码,
 * ICP or 公安备案号 stops the start with a Chinese message naming the setting). Empty values are not shown.
 * The demo (DEMO_MODE) fills the frame with invented numbers of the demo county; a real site sets its own.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const demo = env.bool('DEMO_MODE', false);
  const pick = (name: string, demoValue: string) => env(name, demo ? demoValue : '');
  return {
    site: {
      /** 网站名称 (header, page titles). */
      name: env('PORTAL_SITE_NAME', demo ? '青山县人民政府' : '政府信息公开'),
      /** 网站标志: a path on this server (the CSP allows images from the site itself only). */
      emblem: env('PORTAL_EMBLEM', './emblem.svg'),
      /** 主办单位 / 承办单位 */
      sponsor: pick('PORTAL_SPONSOR', '青山县人民政府办公室'),
      organizer: pick('PORTAL_ORGANIZER', '青山县政务服务和数据管理局'),
      /** 网站标识码 (10 characters, from the national government-website census). */
      siteCode: pick('PORTAL_SITE_CODE', '6399000001'),
      /** ICP 备案编号, linked to beian.miit.gov.cn. */
      icp: pick('PORTAL_ICP', '青ICP备00000001号'),
      /** 公安机关备案号, linked to its record on beian.mps.gov.cn. */
      psb: pick('PORTAL_PSB', '青公网安备 63990002000001号'),
      /** 联系我们 */
      contact: {
        address: pick('PORTAL_CONTACT_ADDRESS', '青山县人民路 1 号青山县人民政府办公室'),
        postcode: pick('PORTAL_CONTACT_POSTCODE', '810000'),
        phone: pick('PORTAL_CONTACT_PHONE', '0971-6123456'),
        email: pick('PORTAL_CONTACT_EMAIL', 'zwgk@qingshan.example.gov.cn'),
        hours: pick('PORTAL_CONTACT_HOURS', '工作日 8:30—12:00，14:30—18:00'),
      },
    },
  };
};
