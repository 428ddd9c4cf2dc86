// Server mode (SPEC §7): the page sends only what the buyer chose — product ids, options, quantities and
// the shipping method — to the owner's checkout handler (src/server), which prices the order from the
// catalog and talks to PayPal with the owner's secret. What the page shows never decides what PayPal charges.

import type { Locked } from './index';

/** A call to the handler that did not succeed: its HTTP status (0 = no answer) and `error.code`. */
export interface ServerError extends Error {
  status: number;
  code: string;
}

async function post(url: string, body?: unknown): Promise<Record<string, any>> {
  const failure = (status: number, code: string, message: string): ServerError => Object.assign(new Error(`${url} ${message}`), { status, code });
  let response: Response;
  try {
    // A capture sends no body: no Content-Type, so a cross-origin capture needs no CORS preflight.
    response = await fetch(url, body === undefined ? { method: 'POST' } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (cause) {
    throw failure(0, '', `could not be reached (${cause})`);
  }
  const json = await response.json().catch(() => null);
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
