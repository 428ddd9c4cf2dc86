// A small client for the three PayPal REST calls server mode needs (Orders v2 create, get, capture), with
// the habits PayPal asks of integrations:
// - OAuth 2.0 client credentials, the token reused until shortly before it expires
//   (https://developer.paypal.com/api/rest/authentication/), fetched again once when PayPal says 401;
// - a `PayPal-Request-Id` per create and capture, the same on every retry, so a retry after a lost answer
//   returns the first result instead of a second order or a second capture
//   (https://developer.paypal.com/api/rest/reference/idempotency/);
// - a timeout per request, and retries with exponential backoff on 5xx, 429, timeouts and network errors;
// - PayPal's error `name`, `details[].issue` and `debug_id` in the error, for the owner's logs.
// The client secret goes into the token request's Authorization header and nowhere else: no message, error
// or log line built here contains it.
// Web APIs only (fetch, AbortController, btoa), so it runs unchanged on Node, Deno, Bun and Workers.

import type { PayPalOrder } from './types';

export const PAYPAL_API_BASE = {
  sandbox: 'https://api-m.sandbox.paypal.com',
  production: 'https://api-m.paypal.com',
} as const;

export interface PayPalClientOptions {
  clientId: string;
  clientSecret: string;
  environment: 'sandbox' | 'production';
  apiBaseUrl?: string;
  fetch?: typeof fetch;
  /** per request, ms */
  timeoutMs?: number;
  /** retries after a retryable failure; attempts = retries + 1 */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** the clock of token expiry (tests move it) */
  now?: () => number;
}

export interface PayPalClient {
  createOrder(body: unknown, requestId: string): Promise<PayPalOrder>;
  getOrder(id: string): Promise<PayPalOrder>;
  captureOrder(id: string, requestId: string): Promise<PayPalOrder>;
}

/** A failed PayPal call. `status` is null when no answer came (network error, timeout). */
export class PayPalApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** PayPal's error name, e.g. "UNPROCESSABLE_ENTITY", or OAuth's "invalid_client" */
    readonly paypalName: string | null = null,
    /** PayPal's `details[].issue`, e.g. ["INSTRUMENT_DECLINED"] */
    readonly issues: readonly string[] = [],
    readonly debugId: string | null = null,
  ) {
    super(message);
    this.name = 'PayPalApiError';
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRIES = 2;
/** First wait between attempts; doubled each time, capped at BACKOFF_MAX_MS. */
const BACKOFF_MS = 250;
const BACKOFF_MAX_MS = 2_000;
/** A token is replaced this long before PayPal says it expires (at most half its life), so a request never
 * leaves with a token that dies on the way. */
const TOKEN_MARGIN_MS = 5 * 60_000;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** 429 and 5xx may succeed later; anything else will fail the same way again. */
const retryable = (status: number): boolean => status === 429 || status >= 500;

/** Basic auth of UTF-8 credentials (btoa alone only takes Latin-1). */
function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

export function createPayPalClient(options: PayPalClientOptions): PayPalClient {
  const base = (options.apiBaseUrl ?? PAYPAL_API_BASE[options.environment]).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const authorization = basicAuth(options.clientId, options.clientSecret);

  let token: { value: string; renewAt: number } | null = null;
  let pendingToken: Promise<string> | null = null;

  /** One HTTP exchange with a timeout covering the answer's body too; returns status and parsed JSON. */
  async function exchange(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: unknown }> {
    const controller = new AbortController();
    // The race ends the wait even under a fetch that ignores the signal (some polyfills and platforms).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error('timeout'));
      }, timeoutMs);
    });
    try {
      const response = await Promise.race([fetchFn(base + path, { method, headers, ...(body !== undefined ? { body } : {}), signal: controller.signal }), timeout]);
      const text = await Promise.race([response.text(), timeout]);
      let json: unknown = null;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        // an HTML error page from a proxy: the status still says what happened
      }
      return { status: response.status, json };
    } catch (cause) {
      const reason = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : cause instanceof Error ? cause.message : String(cause);
      throw new PayPalApiError(`PayPal could not be reached (${method} ${path}): ${reason}`, null);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs `attempt` until it succeeds, fails for good, or the retries are used up. */
  async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures++) {
      try {
        return await attempt();
      } catch (error) {
        const again = error instanceof PayPalApiError && (error.status === null || retryable(error.status));
        if (!again || failures >= retries) throw error;
        await sleep(Math.min(BACKOFF_MS * 2 ** failures, BACKOFF_MAX_MS));
      }
    }
  }

  async function fetchToken(): Promise<string> {
    const path = '/v1/oauth2/token';
    // Not retried here: it runs inside the retried API call, and retrying both would multiply the attempts.
    const { status, json } = await exchange('POST', path, {
      Authorization: authorization,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    }, 'grant_type=client_credentials');
    if (status >= 400) throw errorOf('POST', path, status, json);
    const body = (json ?? {}) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new PayPalApiError(`PayPal's token answer (${status}) has no access_token.`, status);
    }
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : 0;
    token = { value: body.access_token, renewAt: now() + lifetime - Math.min(TOKEN_MARGIN_MS, lifetime / 2) };
    return body.access_token;
  }

  /** The cached token, or a new one; concurrent callers share one token request. */
  function accessToken(): Promise<string> {
    if (token && now() < token.renewAt) return Promise.resolve(token.value);
    pendingToken ??= fetchToken().finally(() => {
      pendingToken = null;
    });
    return pendingToken;
  }

  async function call(method: string, path: string, requestId?: string, body?: unknown): Promise<PayPalOrder> {
    let renewed = false;
    const json = await withRetries(async () => {
      for (;;) {
        const bearer = await accessToken();
        const headers: Record<string, string> = {
          Authorization: `Bearer ${bearer}`,
          Accept: 'application/json',
          // The whole order in the answer, so a capture can be checked without another call.
          Prefer: 'return=representation',
        };
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        if (requestId !== undefined) headers['PayPal-Request-Id'] = requestId;
        const answer = await exchange(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
        // A token PayPal revoked or expired early: forget it and try once more with a fresh one.
        if (answer.status === 401 && !renewed) {
          renewed = true;
          if (token?.value === bearer) token = null;
          continue;
        }
        if (answer.status >= 400) throw errorOf(method, path, answer.status, answer.json);
        return answer.json;
      }
    });
    const order = json as PayPalOrder | null;
    if (!order || typeof order !== 'object' || typeof order.id !== 'string' || typeof order.status !== 'string') {
      throw new PayPalApiError(`PayPal's answer to ${method} ${path} is not an order.`, 200);
    }
    return order;
  }

  const orderPath = (id: string): string => `/v2/checkout/orders/${encodeURIComponent(id)}`;

  return {
    createOrder: (body, requestId) => call('POST', '/v2/checkout/orders', requestId, body),
    getOrder: (id) => call('GET', orderPath(id)),
    // An empty JSON body: PayPal's capture takes an optional payment_source, and answers 415 without a JSON type.
    captureOrder: (id, requestId) => call('POST', `${orderPath(id)}/capture`, requestId, {}),
  };
}

/** PayPal's error answer → PayPalApiError: REST errors { name, message, details: [{ issue }], debug_id },
 * OAuth errors { error, error_description }. */
function errorOf(method: string, path: string, status: number, json: unknown): PayPalApiError {
  const body = (json && typeof json === 'object' ? json : {}) as {
    name?: unknown; message?: unknown; debug_id?: unknown; details?: unknown; error?: unknown; error_description?: unknown;
  };
  const name = typeof body.name === 'string' ? body.name : typeof body.error === 'string' ? body.error : null;
  const issues = Array.isArray(body.details)
    ? body.details.map((d: { issue?: unknown }) => (typeof d?.issue === 'string' ? d.issue : null)).filter((i): i is string => i !== null)
    : [];
  const debugId = typeof body.debug_id === 'string' ? body.debug_id : null;
  const description = typeof body.message === 'string' ? body.message : typeof body.error_description === 'string' ? body.error_description : '';
  const parts = [name, issues.length > 0 ? issues.join(', ') : null].filter(Boolean).join(': ');
  const message = `PayPal answered ${status}${parts ? ` ${parts}` : ''} to ${method} ${path}${description ? ` (${description})` : ''}${debugId ? ` [debug_id ${debugId}]` : ''}`;
  return new PayPalApiError(message, status, name, issues, debugId);
}
