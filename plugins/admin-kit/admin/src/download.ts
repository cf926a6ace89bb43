import type { FetchClient } from '@strapi/strapi/admin';

type Get = FetchClient['get'];

/** The Chinese message of an error answer read as a Blob (binary routes answer errors in JSON). */
async function blobError(blob: Blob, status: number): Promise<Error> {
  try {
    const body = JSON.parse(await blob.text());
    return new Error(body?.error?.message ?? `HTTP ${status}`);
  } catch {
    return new Error(`HTTP ${status}`);
  }
}

/**
 * GET a binary admin route with the admin JWT (a plain link would not carry it) and save it under
 * `filename`. Letters hold personal data: they are never put where a URL alone would reach them.
 */
export async function downloadFile(get: Get, url: string, filename: string, params?: Record<string, string>): Promise<void> {
  // 401 still throws so that the fetch client refreshes the token; other errors are read from the body
  const res = await get(url, { params, responseType: 'blob', validateStatus: (s) => s !== 401 });
  if (res.status && res.status >= 400) throw await blobError(res.data, res.status);
  const href = URL.createObjectURL(res.data);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * Open an HTML admin route in a new tab. The tab is opened synchronously (inside the click, so popup
 * blockers allow it) and pointed at a blob: URL of the fetched page once it has arrived.
 */
export async function previewHtml(get: Get, url: string, loadingText: string): Promise<void> {
  const tab = window.open('', '_blank');
  if (tab) {
    tab.document.title = loadingText;
    tab.document.body.textContent = loadingText;
  }
  try {
    const res = await get(url, { responseType: 'blob', validateStatus: (s) => s !== 401 });
    if (res.status && res.status >= 400) throw await blobError(res.data, res.status);
    const href = URL.createObjectURL(new Blob([res.data], { type: 'text/html;charset=utf-8' }));
    if (tab) tab.location.replace(href);
    else window.open(href, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(href), 5 * 60_000);
  } catch (e) {
    tab?.close();
    throw e;
  }
}

/** A file name without characters that file systems refuse. */
export const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');
