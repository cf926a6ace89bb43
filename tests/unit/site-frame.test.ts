/**
 * The government site frame (src/domain/site-frame.ts): the numbers a government site shows in its footer are
 * checked against their formats, linked to their registries, and a wrong one is refused naming the setting.
 */
import { checkSiteFrame, ICP_REGISTRY_URL, siteFrame } from '../../src/domain/site-frame';

const valid = {
  name: '青山县人民政府',
  emblem: './emblem.svg',
  sponsor: '青山县人民政府办公室',
  siteCode: '6399000001',
  icp: '青ICP备00000001号-2',
  psb: '青公网安备63990002000001号',
  contact: { address: '人民路 1 号', postcode: '810000', phone: '0971-6123456', email: 'zwgk@example.gov.cn', hours: '工作日' },
};

it('gives the frame with the registries’ links: ICP to the MIIT system, 公安备案号 to its own record', () => {
  const frame = siteFrame(valid);
  expect(frame).toMatchObject({
    name: '青山县人民政府',
    emblem: './emblem.svg',
    sponsor: '青山县人民政府办公室',
    organizer: null,
    siteCode: '6399000001',
    icp: { number: '青ICP备00000001号-2', url: ICP_REGISTRY_URL },
    // written the standard way (a space before the number), linked by its 14 digits
    psb: { number: '青公网安备 63990002000001号', url: 'https://beian.mps.gov.cn/#/query/webSearch?code=63990002000001' },
    contact: { postcode: '810000', phone: '0971-6123456', email: 'zwgk@example.gov.cn' },
  });
});

it('accepts a State Council department’s 网站标识码 (bm + 8 digits) and leaves empty settings out', () => {
  const frame = siteFrame({ name: '某部门门户', siteCode: 'bm14000001', icp: '', psb: '  ', contact: {} });
  expect(frame).toMatchObject({ siteCode: 'bm14000001', icp: null, psb: null, sponsor: null, contact: { address: null, phone: null } });
});

it.each([
  [{ name: '' }, ['name'], '网站名称不能为空'],
  [{ siteCode: '63990001' }, ['siteCode'], '网站标识码应为 10 位'],
  [{ icp: 'ICP备12345678号' }, ['icp'], 'ICP 备案编号格式不正确'],
  [{ psb: '青公网安备 6399000200000号' }, ['psb'], '公安机关备案号格式不正确'],
  [{ emblem: 'https://cdn.example.com/emblem.png' }, ['emblem'], '网站标志须为本站图片路径'],
  [{ emblem: '//cdn.example.com/emblem.png' }, ['emblem'], '网站标志须为本站图片路径'],
  [{ contact: { email: 'zwgk@' } }, ['contact', 'email'], '电子邮箱格式不正确'],
  [{ contact: { postcode: '8100' } }, ['contact', 'postcode'], '邮政编码应为 6 位数字'],
  [{ contact: { phone: '1234' } }, ['contact', 'phone'], '电话格式不正确'],
])('refuses %j, naming the setting', (change, path, message) => {
  const { problems } = checkSiteFrame({ ...valid, ...change });
  expect(problems).toEqual([{ path, message: expect.stringContaining(message) }]);
  expect(() => siteFrame({ ...valid, ...change })).toThrow(`portal.site.${path.join('.')}`);
});
