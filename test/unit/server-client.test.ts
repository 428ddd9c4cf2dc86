// The page's side of server mode (src/checkout/server.ts): a handler that goes silent does not leave the buyer
// waiting for ever; a capture that got no answer is asked again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureServerOrder, createServerOrder, SERVER_TIMEOUT_MS, type ServerError } from '../../src/checkout/server';
import type { Locked } from '../../src/checkout';

const locked = { lines: [{ productId: 'tee', choices: [], quantity: 1 }], shippingMethodId: null } as unknown as Locked;

/** A fetch whose answer never comes (nor its body, when `headersOnly`), until its signal aborts it. */
function silentFetch(headersOnly = false) {
  return vi.fn((_url: string, init: RequestInit) => {
    const aborted = new Promise<never>((_, reject) =>
      init.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError'))),
    );
    if (!headersOnly) return aborted;
    return Promise.resolve({ ok: true, status: 200, json: () => aborted } as unknown as Response);
  });
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('server mode, a handler that gives no answer', () => {
  it.each([
    ['no answer at all', false],
    ['headers but never the body', true],
  ])('creating an order gives up after SERVER_TIMEOUT_MS with %s, as no answer (status 0)', async (_what, headersOnly) => {
    const fetch = silentFetch(headersOnly);
    vi.stubGlobal('fetch', fetch);
    const result = createServerOrder('/checkout', locked).catch((cause: ServerError) => cause);
    await vi.advanceTimersByTimeAsync(SERVER_TIMEOUT_MS - 1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await Promise.race([result, 'still waiting'])).toBe('still waiting');
    await vi.advanceTimersByTimeAsync(1);
    const error = (await result) as ServerError;
    expect(error.status).toBe(0);
    expect(error.message).toBe('/checkout/orders gave no answer within 90 s');
  });

  it('a capture with no answer is asked twice more (1 s, then 2 s apart), then reported as no answer', async () => {
    const fetch = silentFetch();
    vi.stubGlobal('fetch', fetch);
    const result = captureServerOrder('/checkout', 'ORDER-1').catch((cause: ServerError) => cause);
    await vi.advanceTimersByTimeAsync(SERVER_TIMEOUT_MS + 1000);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(SERVER_TIMEOUT_MS + 2000);
    expect(fetch).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(SERVER_TIMEOUT_MS);
    expect(((await result) as ServerError).status).toBe(0);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(Array(3).fill('/checkout/orders/ORDER-1/capture'));
  });

  it('an answer in time is used, and its timer does not outlive it', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => ({ ok: true, status: 201, json: async () => ({ id: 'ORDER-2' }) }) as unknown as Response));
    await expect(createServerOrder('/checkout', locked)).resolves.toBe('ORDER-2');
    expect(vi.getTimerCount()).toBe(0);
  });
});
