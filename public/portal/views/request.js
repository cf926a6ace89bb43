/**
 * 依申请公开: the application form (#/request?org=) and the status query (#/request/status?no=).
 * Validation is the server's (Chinese messages per field); the query code never goes into the URL.
 */
import { APPLICANT_CATEGORIES, DELIVERY_METHODS, GovApiError } from '../vendor/gov-client/index.js';
import { alertBox, formValues, h, href, metaList, notice, title } from '../dom.js';
import { orgSelect, organisations } from './home.js';

const LABELS = {
  organization: '受理机关',
  applicantCategory: '申请人类别',
  applicantName: '申请人姓名或名称',
  applicantIdType: '证件类型',
  applicantIdNumber: '身份证件号码或统一社会信用代码',
  applicantPhone: '联系电话',
  applicantEmail: '电子邮箱',
  applicantAddress: '通讯地址',
  requestedContent: '所需政府信息的名称、文号或便于查询的其他特征性描述',
  purpose: '所需信息的用途',
  deliveryMethod: '获取信息的方式',
};

/** A labelled control with an optional hint and a slot for the server's error message. */
function field(name, control, { hint, required } = {}) {
  const id = `r-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  control.id = id;
  control.name = name;
  control.setAttribute('aria-describedby', describedBy);
  if (required) control.setAttribute('aria-required', 'true');
  return h(
    'div',
    { class: 'field', 'data-field': name },
    h('label', { for: id }, LABELS[name], required ? h('span', { class: 'required' }, '（必填）') : null),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    h('p', { class: 'field-error', id: `${id}-error` }),
    control,
  );
}

/** 证件类型 (server: ENUMS.applicantIdType); an organisation may leave 居民身份证 and type its 统一社会信用代码. */
const ID_TYPES = ['居民身份证', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证', '统一社会信用代码', '其他'];

const options = (values, selected) => values.map((v) => h('option', { value: v, selected: v === selected }, v));

/** Marks the fields named in a 400 and lists the problems in a summary that links to them. */
function showErrors(form, summary, err) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  const problems = err instanceof GovApiError && Array.isArray(err.details.errors) && err.details.errors.length ? err.details.errors : [{ path: [], message: err.message }];
  const items = problems.map(({ path, message }) => {
    const control = form.elements[path?.[0]];
    if (!control) return h('li', {}, message);
    control.setAttribute('aria-invalid', 'true');
    form.querySelector(`#${control.id}-error`).textContent = message;
    const focusField = (event) => {
      event.preventDefault(); // keep the route in the hash
      control.focus();
    };
    return h('li', {}, h('a', { href: `#${control.id}`, onclick: focusField }, message));
  });
  const retry = err instanceof GovApiError && err.retryAfter ? `请 ${err.retryAfter} 秒后再试。` : null;
  // replaceChildren() writes a null argument as the text "null": leave the absent retry line out instead
  summary.replaceChildren(...[h('h2', {}, '提交未成功，请修改以下内容'), h('ul', {}, items), retry ? h('p', {}, retry) : null].filter(Boolean));
  summary.hidden = false;
  summary.focus();
}

function receipt({ trackingNo, queryCode }) {
  return h(
    'section',
    { class: 'receipt', 'data-testid': 'request-receipt', 'aria-labelledby': 'receipt-heading' },
    h('h2', { id: 'receipt-heading', tabindex: '-1' }, '申请已提交'),
    metaList([
      ['受理编号', h('strong', { class: 'code', 'data-testid': 'tracking-no' }, trackingNo)],
      ['查询码', h('strong', { class: 'code', 'data-testid': 'query-code' }, queryCode)],
    ]),
    notice('查询码只显示这一次，请立即抄写或截图保存。凭受理编号和查询码可以查询办理进度。'),
    h('p', {}, h('a', { href: href('request/status', { no: trackingNo }) }, '查询办理进度')),
  );
}

export async function requestForm({ api, query }) {
  const orgs = await organisations(api);
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const submit = h('button', { type: 'submit' }, '提交申请');
  const form = h(
    'form',
    { class: 'request-form', novalidate: true, 'aria-describedby': 'request-intro' },
    field('organization', orgSelect(orgs, { selected: query.get('org') ?? '' }), { required: true }),
    field('applicantCategory', h('select', {}, options(APPLICANT_CATEGORIES, '自然人'))),
    field('applicantName', h('input', { type: 'text', autocomplete: 'name' }), { required: true }),
    field('applicantIdType', h('select', {}, options(ID_TYPES, '居民身份证'))),
    field('applicantIdNumber', h('input', { type: 'text', autocomplete: 'off' })),
    h(
      'fieldset',
      {},
      h('legend', {}, '联系方式（至少填写一项）'),
      field('applicantPhone', h('input', { type: 'tel', autocomplete: 'tel' })),
      field('applicantEmail', h('input', { type: 'email', autocomplete: 'email' })),
      field('applicantAddress', h('input', { type: 'text', autocomplete: 'street-address' })),
    ),
    field('requestedContent', h('textarea', { rows: 5, maxlength: 5000 }), { required: true, hint: '5 至 5000 字，请尽量写明文件名称、文号或时间、事项等特征。' }),
    field('purpose', h('textarea', { rows: 3, maxlength: 2000 })),
    field('deliveryMethod', h('select', {}, options(DELIVERY_METHODS, '电子邮件'))),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    submit.textContent = '正在提交……';
    try {
      const { data } = await api.submitRequest(formValues(form));
      const done = receipt(data);
      summary.remove();
      form.replaceWith(done);
      done.querySelector('h2').focus();
    } catch (err) {
      showErrors(form, summary, err);
    } finally {
      submit.disabled = false;
      submit.textContent = '提交申请';
    }
  });
  return {
    title: '依申请公开',
    content: [
      title('政府信息公开申请'),
      h(
        'p',
        { id: 'request-intro' },
        '依据《中华人民共和国政府信息公开条例》，可以向行政机关申请获取政府信息。行政机关自收到申请之日起 20 个工作日内予以答复。',
      ),
      h('p', {}, '已提交过申请？', h('a', { href: href('request/status') }, '查询办理进度')),
      summary,
      form,
    ],
  };
}

function statusView(s) {
  const due = s.dueDate ? `${s.dueDate}${s.dueDateProvisional ? '（暂定：该年度节假日安排尚未公布）' : ''}` : null;
  return h(
    'section',
    { class: 'status-result', 'data-testid': 'request-status', 'aria-labelledby': 'status-heading' },
    h('h2', { id: 'status-heading', tabindex: '-1' }, '办理进度'),
    s.overdue ? notice('已超过答复期限。') : null,
    metaList([
      ['受理编号', s.trackingNo],
      ['受理机关', s.organization],
      ['收到申请日期', s.receivedDate],
      ['办理状态', h('strong', {}, s.handlingStatus)],
      ['答复期限', due],
      ['剩余工作日', s.state === 'open' && s.daysLeft !== null ? `${s.daysLeft} 个工作日` : null],
      ['答复日期', s.repliedDate],
      ['办结日期', s.closedDate],
      ['办理结果', s.result?.label],
    ]),
    h('h3', {}, '办理记录'),
    s.timeline.length ? h('ol', { class: 'timeline' }, s.timeline.map((e) => h('li', {}, h('time', { datetime: e.date }, e.date), ' ', e.label))) : notice('暂无办理记录。'),
  );
}

export async function requestStatus({ api, query }) {
  const result = h('div', { class: 'status-slot' });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': '查询办理进度' },
    h('div', { class: 'field' }, h('label', { for: 'q-no' }, '受理编号'), h('input', { id: 'q-no', name: 'no', type: 'text', required: true, autocomplete: 'off', value: query.get('no') ?? '' })),
    h('div', { class: 'field' }, h('label', { for: 'q-code' }, '查询码'), h('input', { id: 'q-code', name: 'code', type: 'text', required: true, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '查询')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { no = '', code = '' } = formValues(form);
    try {
      const { data } = await api.requestStatus(no, code);
      result.replaceChildren(statusView(data));
      result.querySelector('h2').focus();
    } catch (err) {
      const retry = err instanceof GovApiError && err.retryAfter ? `请 ${err.retryAfter} 秒后再试。` : '';
      result.replaceChildren(alertBox(err instanceof GovApiError ? `${err.message}${retry}` : '网络异常，请稍后重试。'));
    }
  });
  return {
    title: '查询办理进度',
    content: [title('查询办理进度'), h('p', {}, '请输入提交申请时获得的受理编号和查询码。'), form, result],
  };
}
