// URLs from markup and config pass an allow-list (SPEC §3): http, https, or relative. Anything else —
// javascript:, data:, vbscript:, blob: — is refused, so no owner typo or injected attribute can turn an
// image or link into script.

/** Returns the URL resolved against the page (so `<base href>` applies) when it is http(s), else null. */
export function safeUrl(text: string, base?: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || /[\u0000-\u001f]/.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed, base ?? (typeof document === 'undefined' ? 'http://localhost/' : document.baseURI));
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
