// @vitest-environment node
// The PayPal REST client of server mode, against the PayPal simulator's REST side on a local port. A fetch
// stub in front of it records every request and injects the failures PayPal and networks produce: 5xx,
// lost answers, expired tokens, silence.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOrderBody } from '../../src/checkout/order';
import { parseConfig } from '../../src/config';
import { createPayPalClient, PayPalApiError, type PayPalClientOptions } from '../../src/server/paypal';
import { createPaypalSim } from '../fixtures/paypal-sim/server.mjs';

const SECRET = 'sim-secret-Zq9v';
const sim = createPaypalSim();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!sim.routes(req, res)) res.writeHead(404).end('not the simulator');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => sim.reset());

interface Sent {
  method: string;
  path: string;
  headers: Headers;
}

/** What a fault does with a request: answer in place of PayPal, or let it through and replace the answer. */
type Fault = (request: Sent, forward: () => Promise<Response>) => Promise<Response> | Response | undefined;
/** Lets a request through untouched (usually the token request before the one a test breaks). */
const PASS = undefined;

/** A fetch that forwards to the simulator, records what was sent, and applies `faults` in order, one per
 * request (a fault returning undefined lets that request through untouched). */
function stubFetch(faults: Array<Fault | undefined> = []) {
  const sent: Sent[] = [];
  const stub = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const request = { method: init?.method ?? 'GET', path: url.pathname.replace('/paypal-sim', ''), headers: new Headers(init?.headers) };
    sent.push(request);
    const forward = () => fetch(input, init);
    const fault = faults.shift();
    return (fault && (await fault(request, forward))) ?? forward();
  }) as typeof fetch;
  return { stub, sent, apiCalls: () => sent.filter((r) => r.path !== '/v1/oauth2/token'), tokenCalls: () => sent.filter((r) => r.path === '/v1/oauth2/token') };
}

const waits: number[] = [];
function client(fetchStub: typeof fetch, options: Partial<PayPalClientOptions> = {}) {
  waits.length = 0;
  return createPayPalClient({
    clientId: 'sim-client',
    clientSecret: SECRET,
    environment: 'sandbox',
    apiBaseUrl: `${base}/paypal-sim`,
    fetch: fetchStub,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
}

const orderBody = () =>
  buildOrderBody(
    [{ id: 'tee', productId: 'tee', name: 'Black tee', unitPrice: 1999, quantity: 1, choices: [], image: null, url: '', sku: 'tee', maxQuantity: 99, shippable: true, taxable: true }],
    parseConfig({ currency: 'USD' }),
    null,
  );

const status = (code: number, json: unknown = { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred.', debug_id: 'f00d' }) =>
  new Response(JSON.stringify(json), { status: code, headers: { 'Content-Type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<PayPalApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PayPalApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('PayPal client', () => {
  it('asks for a token with the client id and secret as Basic auth', async () => {
    const { stub, tokenCalls } = stubFetch();
    await client(stub).createOrder(orderBody(), 'req-1');
    const [token] = tokenCalls();
    expect(token?.method).toBe('POST');
    expect(token?.headers.get('Authorization')).toBe(`Basic ${Buffer.from(`sim-client:${SECRET}`).toString('base64')}`);
  });

  it('creates an order at PayPal with a bearer token and the request id', async () => {
    const { stub, apiCalls } = stubFetch();
    const order = await client(stub).createOrder(orderBody(), 'req-1');
    expect(sim.orders().map((o) => o.id)).toEqual([order.id]);
    expect(apiCalls()[0]?.headers.get('Authorization')).toMatch(/^Bearer A21AA/);
    expect(apiCalls()[0]?.headers.get('PayPal-Request-Id')).toBe('req-1');
  });

  it('reuses its token for later calls', async () => {
    const { stub, tokenCalls } = stubFetch();
    const paypal = client(stub);
    const order = await paypal.createOrder(orderBody(), 'req-1');
    await paypal.getOrder(order.id);
    expect(tokenCalls()).toHaveLength(1);
  });

  it('shares one token request between concurrent calls', async () => {
    const { stub, tokenCalls } = stubFetch();
    const paypal = client(stub);
    await Promise.all([paypal.createOrder(orderBody(), 'a'), paypal.createOrder(orderBody(), 'b')]);
    expect(tokenCalls()).toHaveLength(1);
  });

  it('fetches a new token when the old one is about to expire', async () => {
    const { stub, tokenCalls } = stubFetch();
    let now = 0;
    const paypal = client(stub, { now: () => now });
    const order = await paypal.createOrder(orderBody(), 'req-1');
    // The simulator's tokens live 32400 s; the client renews them 5 minutes early.
    now = (32400 - 5 * 60) * 1000 + 1;
    await paypal.getOrder(order.id);
    expect(tokenCalls()).toHaveLength(2);
  });

  it('keeps its token until shortly before it expires', async () => {
    const { stub, tokenCalls } = stubFetch();
    let now = 0;
    const paypal = client(stub, { now: () => now });
    const order = await paypal.createOrder(orderBody(), 'req-1');
    now = (32400 - 5 * 60) * 1000 - 1;
    await paypal.getOrder(order.id);
    expect(tokenCalls()).toHaveLength(1);
  });

  it('fetches a new token once when PayPal rejects the current one', async () => {
    const expired: Fault = () => status(401, { name: 'AUTHENTICATION_FAILURE', details: [{ issue: 'INVALID_TOKEN' }] });
    const { stub, tokenCalls } = stubFetch([PASS, expired]);
    const order = await client(stub).createOrder(orderBody(), 'req-1');
    expect(order.status).toBe('CREATED');
    expect(tokenCalls()).toHaveLength(2);
  });

  it('gives up when a fresh token is rejected too', async () => {
    const expired: Fault = () => status(401, { name: 'AUTHENTICATION_FAILURE', details: [{ issue: 'INVALID_TOKEN' }] });
    const { stub, tokenCalls } = stubFetch([PASS, expired, PASS, expired]);
    const error = await failure(client(stub).createOrder(orderBody(), 'req-1'));
    expect(error.status).toBe(401);
    expect(tokenCalls()).toHaveLength(2);
  });

  it('retries a PayPal 5xx with growing waits and then succeeds', async () => {
    const down: Fault = () => status(503);
    const { stub, apiCalls } = stubFetch([PASS, down, down]);
    const order = await client(stub).createOrder(orderBody(), 'req-1');
    expect(order.status).toBe('CREATED');
    expect(apiCalls()).toHaveLength(3);
    expect(waits).toEqual([250, 500]);
  });

  it('sends the same PayPal-Request-Id on every retry', async () => {
    const down: Fault = () => status(500);
    const { stub, apiCalls } = stubFetch([PASS, down, down]);
    await client(stub).createOrder(orderBody(), 'req-7');
    expect(apiCalls().map((r) => r.headers.get('PayPal-Request-Id'))).toEqual(['req-7', 'req-7', 'req-7']);
  });

  it('creates no second order when PayPal created the first but its answer was lost', async () => {
    const lost: Fault = async (_request, forward) => {
      await forward();
      return status(502);
    };
    const { stub } = stubFetch([PASS, lost]);
    const order = await client(stub).createOrder(orderBody(), 'req-1');
    expect(sim.orders().map((o) => o.id)).toEqual([order.id]);
  });

  it('gives up after its retries when PayPal keeps failing', async () => {
    const down: Fault = () => status(503);
    const { stub, apiCalls } = stubFetch([PASS, down, down, down, down]);
    const error = await failure(client(stub).createOrder(orderBody(), 'req-1'));
    expect(error.status).toBe(503);
    expect(apiCalls()).toHaveLength(3);
  });

  it('retries a 429', async () => {
    const { stub, apiCalls } = stubFetch([PASS, () => status(429, { name: 'RATE_LIMIT_REACHED' })]);
    await client(stub).createOrder(orderBody(), 'req-1');
    expect(apiCalls()).toHaveLength(2);
  });

  it('does not retry what PayPal refuses', async () => {
    const { stub, apiCalls } = stubFetch();
    const error = await failure(client(stub).createOrder({ intent: 'CAPTURE', purchase_units: [] }, 'req-1'));
    expect(error.status).toBe(400);
    expect(apiCalls()).toHaveLength(1);
  });

  it('surfaces PayPal\'s error name, issues and debug id', async () => {
    const { stub } = stubFetch();
    const paypal = client(stub);
    const order = await paypal.createOrder(orderBody(), 'req-1');
    const error = await failure(paypal.captureOrder(order.id, 'req-2'));
    expect(error).toMatchObject({ status: 422, paypalName: 'UNPROCESSABLE_ENTITY', issues: ['ORDER_NOT_APPROVED'] });
    expect(error.debugId).toMatch(/^[0-9a-f]{13}$/);
    expect(error.message).toMatch(/422 UNPROCESSABLE_ENTITY: ORDER_NOT_APPROVED .*debug_id/);
  });

  it('times out a request that gets no answer, and retries it', async () => {
    const silent: Fault = () => new Promise<Response>(() => undefined);
    // Silence ends when the client aborts: the stub's never-settling answer is abandoned.
    const { stub, apiCalls } = stubFetch([PASS, silent, silent, silent]);
    const error = await failure(client(stub, { timeoutMs: 30 }).createOrder(orderBody(), 'req-1'));
    expect(error.status).toBeNull();
    expect(error.message).toMatch(/no answer within 30 ms/);
    expect(apiCalls()).toHaveLength(3);
  });

  it('retries network errors', async () => {
    const broken: Fault = () => Promise.reject(new TypeError('fetch failed'));
    const { stub } = stubFetch([PASS, broken]);
    const order = await client(stub).createOrder(orderBody(), 'req-1');
    expect(order.status).toBe('CREATED');
    expect(waits).toEqual([250]);
  });

  it('reports refused credentials without the secret', async () => {
    const { stub } = stubFetch([() => status(401, { error: 'invalid_client', error_description: 'Client Authentication failed' })]);
    const error = await failure(client(stub).createOrder(orderBody(), 'req-1'));
    expect(error).toMatchObject({ status: 401, paypalName: 'invalid_client' });
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(SECRET);
  });

  it('reports an unreachable PayPal without the secret', async () => {
    const { stub } = stubFetch([() => Promise.reject(new TypeError(`fetch failed`)), () => Promise.reject(new TypeError('fetch failed')), () => Promise.reject(new TypeError('fetch failed'))]);
    const error = await failure(client(stub).createOrder(orderBody(), 'req-1'));
    expect(error.status).toBeNull();
    expect(`${error.message} ${error.stack}`).not.toContain(SECRET);
  });

  it('talks to PayPal\'s sandbox or production API by default', async () => {
    for (const [environment, host] of [['sandbox', 'https://api-m.sandbox.paypal.com'], ['production', 'https://api-m.paypal.com']] as const) {
      const urls: string[] = [];
      const paypal = createPayPalClient({
        clientId: 'id', clientSecret: 'secret', environment, retries: 0,
        fetch: (async (input: RequestInfo | URL) => {
          urls.push(String(input));
          return status(400, { error: 'invalid_request' });
        }) as typeof fetch,
      });
      await failure(paypal.getOrder('X'));
      expect(urls).toEqual([`${host}/v1/oauth2/token`]);
    }
  });
});
