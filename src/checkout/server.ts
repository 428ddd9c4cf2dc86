// Server mode (SPEC §7): the page sends only what the buyer chose — product ids, options, quantities and
// the shipping method — to the owner's checkout handler (src/server), which prices the order from the
// catalog and talks to PayPal with the owner's secret. What the page shows never decides what PayPal charges.

import type { Locked } from './index';

/** A call to the handler that did not succeed: its HTTP status (0 = no answer) and `error.code`. */
export interface ServerError extends Error {
  status: number;
  code: string;
}

/** How long the page waits for the handler's answer, in ms. The handler's own worst case with its defaults is
 * about 61 s (three attempts of a token and a call at PayPal, 10 s each); a browser alone may wait minutes on a
 * connection that went silent, with the buyer looking at PayPal's spinner. A wait cut short counts as no
 * answer: the buyer can try again, and a capture is asked again (never captured twice). */
export const SERVER_TIMEOUT_MS = 90_000;

async function post(url: string, body?: unknown): Promise<Record<string, any>> {
  const failure = (status: number, code: string, message: string): ServerError => Object.assign(new Error(`${url} ${message}`), { status, code });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), SERVER_TIMEOUT_MS);
  let response: Response;
  let json: Record<string, any> | null;
  try {
    // A capture sends no body: no Content-Type, so a cross-origin capture needs no CORS preflight.
    const init: RequestInit = body === undefined ? { method: 'POST' } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    response = await fetch(url, { ...init, signal: controller.signal });
    // Not JSON (a platform's error page) is answered below by status; a body cut off by the timeout is no answer.
    json = await response.json().catch((cause) => {
      if (controller.signal.aborted) throw cause;
      return null;
    });
  } catch (cause) {
    throw failure(0, '', controller.signal.aborted ? `gave no answer within ${SERVER_TIMEOUT_MS / 1000} s` : `could not be reached (${cause})`);
  } finally {
    clearTimeout(timer);
  }
  if (response.ok && json) return json;
  // The handler answers { error: { code, message } }; a platform's error page (a 503 from a proxy) does not.
  const { code = '', message = '' } = json?.error ?? {};
  throw failure(response.status, String(code), `answered ${response.status}${code ? ` ${code}: ${message}` : ''}`);
}

/** `POST {serverUrl}/orders` with the locked lines → the PayPal order id. */
export async function createServerOrder(serverUrl: string, { lines, shippingMethodId }: Locked): Promise<string> {
  const { id } = await post(`${serverUrl}/orders`, {
    lines: lines.map(({ productId, choices, quantity }) => ({
      productId,
      ...(choices.length > 0 ? { options: Object.fromEntries(choices.map((c) => [c.name, c.value])) } : {}),
      quantity,
    })),
    ...(shippingMethodId ? { shippingMethod: shippingMethodId } : {}),
  });
  return id;
}

/** `POST {serverUrl}/orders/{id}/capture` → the captured Orders v2 order. When no answer arrives the capture
 * may still have happened, so it is asked again (the handler never captures an order twice): the buyer
 * learns whether they paid instead of being told to start over and pay a second time. */
export async function captureServerOrder(serverUrl: string, orderId: string, attempt = 0): Promise<Record<string, any>> {
  try {
    return await post(`${serverUrl}/orders/${encodeURIComponent(orderId)}/capture`);
  } catch (cause) {
    const { status } = cause as ServerError;
    // No answer, or the platform's "unavailable" / "gateway timeout"; 502 is the handler's own verdict.
    if (attempt < 2 && (status === 0 || status > 502)) {
      await new Promise((resolve) => setTimeout(resolve, 1000 << attempt));
      return captureServerOrder(serverUrl, orderId, attempt + 1);
    }
    throw cause;
  }
}
