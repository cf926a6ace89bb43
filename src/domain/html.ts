/** Text for HTML and XML: the five characters with a meaning in markup, escaped (the one escapeHtml of the server). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
