/**
 * The reference portal: hash routes (README.md) rendered into <main> from the public JSON API through
 * the typed client (compiled into ./vendor by scripts/build-portal.js).
 */
import { GovApiClient, GovApiError, fetchTransport } from './vendor/gov-client/index.js';
import { alertBox, h, markOverflow, title } from './dom.js';
import { home } from './views/home.js';
import { itemList, itemPage } from './views/items.js';
import { lawList, lawPage } from './views/laws.js';
import { reportList, reportPage } from './views/reports.js';
import { requestForm, requestStatus } from './views/request.js';
import { search } from './views/search.js';
import { contact, loadFrame, sitemap } from './views/site.js';

/** The site's name in page titles: the frame's (config/portal.ts) once it has arrived. */
let siteName = '政府信息公开';
const apiBase = new URL(document.querySelector('meta[name="gov-api-base"]').content, location.href).href;
// No conditionalCache: the browser's HTTP cache already revalidates with the API's ETags.
const api = new GovApiClient({ baseUrl: apiBase, transport: fetchTransport() });

/** [pattern on the path after "#/", view, main-navigation entry]. */
const ROUTES = [
  [/^$/, home, ''],
  [/^org\/([^/]+)$/, home, ''],
  [/^items$/, itemList, ''],
  [/^item\/(.+)$/, itemPage, ''],
  [/^search$/, search, 'search'],
  [/^laws$/, lawList, 'laws'],
  [/^law\/(.+)$/, lawPage, 'laws'],
  [/^annual-reports$/, reportList, 'annual-reports'],
  [/^annual-report\/(.+)$/, reportPage, 'annual-reports'],
  [/^request$/, requestForm, 'request'],
  [/^request\/status$/, requestStatus, 'request'],
  [/^contact$/, contact, 'contact'],
  [/^sitemap$/, sitemap, 'sitemap'],
];

const main = document.getElementById('main');
let renderCount = 0;

function notFound() {
  return { title: '页面不存在', content: [title('页面不存在'), h('p', {}, h('a', { href: '#/' }, '返回首页'))] };
}

function failure(err) {
  if (err instanceof GovApiError && err.status === 404) {
    return { title: '未找到', content: [title('未找到'), h('p', {}, err.message), h('p', {}, h('a', { href: '#/' }, '返回首页'))] };
  }
  const message =
    err instanceof GovApiError
      ? err.retryAfter
        ? `${err.message}（请 ${err.retryAfter} 秒后再试）`
        : err.message
      : '网络异常，请检查网络连接后重试。';
  if (!(err instanceof GovApiError)) console.error(err);
  return { title: '加载失败', content: [title('加载失败'), alertBox(message)] };
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function render() {
  const hash = location.hash;
  const routed = hash.startsWith('#/');
  if (hash && !routed && renderCount) return; // an in-page anchor (the skip link), not a route
  const rest = routed ? hash.slice(2) : '';
  const cut = rest.indexOf('?');
  const path = cut < 0 ? rest : rest.slice(0, cut);
  const query = new URLSearchParams(cut < 0 ? '' : rest.slice(cut + 1));
  const route = ROUTES.find(([pattern]) => pattern.test(path));

  const count = ++renderCount;
  main.setAttribute('aria-busy', 'true');
  let page;
  try {
    page = route ? await route[1]({ api, apiBase, params: route[0].exec(path).slice(1).map(decode), query }) : notFound();
  } catch (err) {
    page = failure(err);
  }
  if (count !== renderCount) return; // a newer navigation won
  main.replaceChildren(...[page.content].flat(Infinity).filter((node) => node !== null && node !== undefined));
  main.removeAttribute('aria-busy');
  document.title = `${page.title} - ${siteName}`;
  markOverflow(main);
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (route && link.dataset.nav === route[2]) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // After a navigation (not on the first load), focus the new heading so screen readers announce it.
  if (count > 1) {
    window.scrollTo(0, 0);
    (main.querySelector('h1') ?? main).focus();
  }
}

document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault(); // keep the route in the hash
  main.focus();
});

/**
 * The government site frame (政府网站发展指引): name and emblem in the header; 主办单位, 网站标识码 and the
 * ICP / 公安 备案号 (linked to their registries) in the footer. Without ./site.json the shell's defaults stay.
 */
function drawFrame(frame) {
  if (!frame) return;
  if (frame.name) {
    siteName = frame.name;
    for (const el of document.querySelectorAll('[data-site="name"]')) el.textContent = frame.name;
    document.title = document.title.replace(/ - [^-]*$/, ` - ${frame.name}`);
  }
  const emblem = document.querySelector('.site-emblem');
  if (frame.emblem) emblem.setAttribute('src', frame.emblem);
  else emblem.remove();
  const external = (link, ...text) => h('a', { href: link.url, rel: 'noopener noreferrer', target: '_blank' }, ...text);
  const line = (...parts) => {
    const shown = parts.filter(Boolean);
    return shown.length ? h('p', {}, shown.flatMap((part, i) => (i ? ['　', part] : [part]))) : null;
  };
  const subtitle = document.querySelector('.site-subtitle');
  subtitle.hidden = !frame.name || frame.name === subtitle.textContent;
  const lines = [
    line(frame.sponsor && `主办单位：${frame.sponsor}`, frame.organizer && `承办单位：${frame.organizer}`),
    line(frame.siteCode && h('span', { class: 'nowrap' }, `网站标识码：${frame.siteCode}`), frame.icp && external(frame.icp, frame.icp.number), frame.psb && external(frame.psb, frame.psb.number)),
  ];
  document.querySelector('[data-site="frame"]').replaceChildren(...lines.filter(Boolean));
}

let resizeTimer;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => markOverflow(main), 100);
});
// 大字版 changes the tables' widths without a resize
new MutationObserver(() => markOverflow(main)).observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('hashchange', render);
loadFrame().then(drawFrame);
render();
