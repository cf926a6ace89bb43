/*
 * 大字版 (适老化): a larger-text mode, toggled by the header button and kept in localStorage.
 * A classic script in <head>, so the stored choice applies before the first paint.
 */
(() => {
  const KEY = 'gov-portal:large-text';
  const root = document.documentElement;

  const stored = () => {
    try {
      return localStorage.getItem(KEY) === 'on';
    } catch {
      return false; // storage disabled: the mode still works for this page view
    }
  };

  const apply = (on) => {
    root.classList.toggle('large-text', on);
    document.getElementById('text-size')?.setAttribute('aria-pressed', String(on));
  };

  apply(stored());
  document.addEventListener('DOMContentLoaded', () => {
    apply(root.classList.contains('large-text'));
    document.getElementById('text-size').addEventListener('click', () => {
      const on = !root.classList.contains('large-text');
      apply(on);
      try {
        localStorage.setItem(KEY, on ? 'on' : 'off');
      } catch {
        /* not persisted */
      }
    });
  });
})();
