import { LOG_PREFIX } from './constants';

// Problems an owner can cause are reported once each (STYLE.md 7): a MutationObserver rescanning the same
// broken product must not flood the console.
const reported = new Set<string>();

function report(level: 'warn' | 'error', message: string, subject?: unknown): void {
  const key = level + message;
  if (reported.has(key)) return;
  reported.add(key);
  try {
    // The element goes to the console as an object, so DevTools can reveal it in the page.
    if (subject === undefined) console[level](`${LOG_PREFIX} ${message}`);
    else console[level](`${LOG_PREFIX} ${message}`, subject);
  } catch {
    // a host page that replaced console with something broken must not break dropcart
  }
}

/** For tests only: forgets what was reported, so each test sees its own messages regardless of order. */
export function resetReported(): void {
  reported.clear();
}

export const warn = (message: string, subject?: unknown): void => report('warn', message, subject);
export const error = (message: string, subject?: unknown): void => report('error', message, subject);

/** A text as it appears in a message: in double quotes, with what needs it escaped. */
export const quote = (text: string): string => JSON.stringify(text);

/** Short description of an element for messages: <div id="tee" data-product-id="tee-1">, and for the
 * markup of SPEC §9 <button data-item-id="tee"> or <div itemtype="https://schema.org/Product">. */
export function describe(el: Element): string {
  const key = ['data-product-id', 'data-item-id', 'itemtype'].find((name) => el.hasAttribute(name));
  return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${key ? ` ${key}="${el.getAttribute(key)}"` : ''}>`;
}
