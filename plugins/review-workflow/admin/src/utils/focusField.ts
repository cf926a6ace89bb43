/**
 * Jump from a check finding to the field in the Content Manager edit view: find the input by its
 * `name` attribute (string, text, number, date, enumeration, relation inputs carry it); for inputs
 * without one (the Markdown editor, media) by the field's label. Scrolls it into view, focuses it,
 * selects the finding's characters when the offsets fit, and flashes an outline.
 */
interface FocusOptions {
  /** The field's label in the edit view (fallback when no element has the name). */
  label?: string;
  start?: number;
  end?: number;
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/[\s*＊]/g, '');

interface CodeMirrorLike {
  focus(): void;
  posFromIndex(i: number): unknown;
  setSelection(a: unknown, b: unknown): void;
  scrollIntoView(pos: unknown, margin?: number): void;
  getValue(): string;
}

function codeMirrorIn(el: Element | null): CodeMirrorLike | null {
  const cmEl = el?.querySelector('.CodeMirror') as (Element & { CodeMirror?: CodeMirrorLike }) | null | undefined;
  return cmEl?.CodeMirror ?? null;
}

const CONTROL = 'input:not([type="hidden"]), textarea, select, .CodeMirror, [role="combobox"], [role="textbox"], [contenteditable="true"]';

/** The element of the whole field (label + input), to outline: the nearest ancestor holding both. */
function fieldContainer(from: Element, wants: 'label' | 'control'): HTMLElement {
  let el: HTMLElement | null = from as HTMLElement;
  for (let i = 0; i < 8 && el?.parentElement; i++) {
    el = el.parentElement;
    if (wants === 'label' ? el.querySelector('label') : el.querySelector(CONTROL)) return el;
  }
  return from as HTMLElement;
}

function flash(el: HTMLElement) {
  const previous = { outline: el.style.outline, outlineOffset: el.style.outlineOffset, borderRadius: el.style.borderRadius };
  el.style.outline = '2px solid #ee5e52';
  el.style.outlineOffset = '4px';
  el.style.borderRadius = '4px';
  el.setAttribute('data-review-focused', 'true');
  window.setTimeout(() => {
    el.style.outline = previous.outline;
    el.style.outlineOffset = previous.outlineOffset;
    el.style.borderRadius = previous.borderRadius;
    el.removeAttribute('data-review-focused');
  }, 2400);
}

function select(el: HTMLElement, start?: number, end?: number) {
  if (start === undefined || end === undefined || end <= start) return;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    if (el.value.length >= end) {
      try {
        el.setSelectionRange(start, end);
      } catch {
        /* input types without selection (date, number) */
      }
    }
  }
}

export function focusField(field: string, opts: FocusOptions = {}): boolean {
  const base = field.replace(/\[.*$/, '').split('.')[0];
  const scope: ParentNode = document.querySelector('main') ?? document;
  const esc = typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(base) : base.replace(/"/g, '\\"');

  let input = scope.querySelector<HTMLElement>(`[name="${esc}"]`);
  let container: HTMLElement | null = input ? fieldContainer(input, 'label') : null;

  if (!input && opts.label) {
    const wanted = norm(opts.label);
    const label = Array.from(scope.querySelectorAll('label')).find((l) => norm(l.textContent) === wanted || norm(l.textContent).startsWith(wanted));
    if (label) {
      container = fieldContainer(label, 'control');
      const byFor = label.htmlFor ? document.getElementById(label.htmlFor) : null;
      input = byFor ?? container.querySelector<HTMLElement>(CONTROL);
    }
  }
  if (!input && !container) return false;

  const box = container ?? (input as HTMLElement);
  box.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const cm = codeMirrorIn(box);
  if (cm) {
    cm.focus();
    if (opts.start !== undefined && opts.end !== undefined && opts.end > opts.start && cm.getValue().length >= opts.end) {
      const from = cm.posFromIndex(opts.start);
      cm.setSelection(from, cm.posFromIndex(opts.end));
      cm.scrollIntoView(from, 80);
    }
  } else if (input) {
    input.focus({ preventScroll: true });
    select(input, opts.start, opts.end);
  }
  flash(box);
  return true;
}
