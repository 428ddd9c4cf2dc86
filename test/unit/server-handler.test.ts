// @vitest-environment node
// The server-mode checkout handler (SPEC §7) against the PayPal simulator's REST side on a local port: the
// buyer's page sends only ids, options and quantities; PayPal must receive the catalog's prices; every bad
// request gets a clean 4xx; a capture is verified and reported to the owner once.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckoutHandler } from '../../src/server';
import type { CheckoutHandlerOptions, PayPalOrder } from '../../src/server/types';
import { checkBreakdown, validateOrderBody, validateOrderResponse } from '../fixtures/orders-schema';
import { createPaypalSim } from '../fixtures/paypal-sim/server.mjs';

const SECRET = 'sim-secret-Zq9v';
const SHOP = 'https://shop.example';
const catalog = {
  version: 1,
  store: {
    currency: 'USD',
    shipping: { methods: [{ id: 'standard', label: 'Standard', amount: '4.95', freeOver: '50.00' }, { id: 'express', label: 'Express', amount: '12.00' }] },
    tax: { rate: '8.25' },
    maxQuantity: 99,
  },
  products: [
    { id: 'house-blend', name: 'House Blend', price: '16.00', options: [{ name: 'Size', values: [{ value: '250 g' }, { value: '500 g', delta: '11.00' }] }, { name: 'Grind', values: [{ value: 'Whole bean' }, { value: 'Espresso' }] }] },
    { id: 'mug', name: 'Everyday Mug', price: '34.00' },
    { id: 'guide', name: 'Brew Guide (PDF)', price: '9.00', shippable: false, taxable: false },
    { id: 'class', name: 'Wheel Class', price: '85.00', shippable: false, maxQuantity: 4 },
  ],
};

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

let logged: unknown[][];
beforeEach(() => {
  sim.reset();
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
});
afterEach(() => vi.restoreAllMocks());

interface Sent {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/** Replaces PayPal's answer to one kind of request; undefined = let it through. */
type Tamper = (request: Sent, forward: () => Promise<Response>) => Promise<Response | undefined> | Response | undefined;

/** The handler's fetch: to the simulator, recording every request and letting a test tamper with answers. */
function paypalFetch(tamper?: Tamper) {
  const sent: Sent[] = [];
  const stub = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname.replace('/paypal-sim', '');
    const body = typeof init?.body === 'string' && init.body.startsWith('{') ? JSON.parse(init.body) : init?.body;
    const request = { method: init?.method ?? 'GET', path, headers: new Headers(init?.headers), body };
    sent.push(request);
    const forward = () => fetch(input, init);
    return (tamper && (await tamper(request, forward))) ?? forward();
  }) as typeof fetch;
  return { stub, sent, creates: () => sent.filter((r) => r.method === 'POST' && r.path === '/v2/checkout/orders'), captures: () => sent.filter((r) => r.path.endsWith('/capture')) };
}

function setup(options: Partial<CheckoutHandlerOptions> & { tamper?: Tamper } = {}) {
  const paypal = paypalFetch(options.tamper);
  const captured: PayPalOrder[] = [];
  const handler = createCheckoutHandler({
    catalog,
    clientId: 'sim-client',
    clientSecret: SECRET,
    environment: 'sandbox',
    apiBaseUrl: `${base}/paypal-sim`,
    fetch: paypal.stub,
    sleep: async () => undefined,
    onCaptured: (order) => void captured.push(order),
    ...options,
  });
  return { handler, paypal, captured };
}

const URL_BASE = 'https://api.shop.example/api/checkout';

function post(path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  const json = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Request(URL_BASE + path, {
    method: 'POST',
    headers: json === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    ...(json === undefined ? {} : { body: json }),
  });
}

async function answer(response: Response) {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : null };
}

const approve = (id: string, instrument = 'ok') =>
  fetch(`${base}/paypal-sim/buyer/orders/${id}/approve`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ instrument }) });

async function createOrder(handler: (r: Request) => Promise<Response>, body: unknown = { lines: [{ productId: 'mug', quantity: 1 }] }): Promise<string> {
  const created = await answer(await handler(post('/orders', body)));
  expect(created.status).toBe(201);
  return created.json.id as string;
}

/** The body PayPal received for the last created order. */
const lastOrderBody = () => sim.orders().at(-1)?.body as { purchase_units: Array<{ amount: { value: string; breakdown: Record<string, { value: string }> }; items: Array<Record<string, unknown>> }> };

describe('POST /orders', () => {
  it('answers 201 with the PayPal order id', async () => {
    const { handler } = setup();
    const created = await answer(await handler(post('/orders', { lines: [{ productId: 'mug', quantity: 1 }] })));
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: sim.orders()[0]?.id });
  });

  it('sends PayPal a valid Orders v2 body with exact arithmetic', async () => {
    const { handler } = setup();
    await createOrder(handler, { lines: [{ productId: 'house-blend', options: { Size: '500 g' }, quantity: 2 }, { productId: 'guide', quantity: 1 }] });
    expect(validateOrderBody(lastOrderBody())).toEqual([]);
    expect(checkBreakdown(lastOrderBody())).toEqual([]);
  });

  it('prices each line from the catalog, options included', async () => {
    const { handler } = setup();
    await createOrder(handler, { lines: [{ productId: 'house-blend', options: { Size: '500 g', Grind: 'Espresso' }, quantity: 2 }] });
    const unit = lastOrderBody().purchase_units[0];
    expect(unit?.items).toEqual([{ name: 'House Blend', unit_amount: { currency_code: 'USD', value: '27.00' }, quantity: '2', sku: 'house-blend', description: 'Size: 500 g, Grind: Espresso', category: 'PHYSICAL_GOODS' }]);
    // 54.00, free shipping over 50.00, 8.25 % tax = 4.455 → 4.46
    expect(unit?.amount.value).toBe('58.46');
  });

  it('charges the catalog price whatever price the page sends', async () => {
    const { handler } = setup();
    await createOrder(handler, { lines: [{ productId: 'mug', quantity: 1, price: '0.01', unitPrice: 1, name: 'Free mug' }], total: '0.01' });
    const unit = lastOrderBody().purchase_units[0];
    expect(unit?.items[0]).toMatchObject({ name: 'Everyday Mug', unit_amount: { value: '34.00' } });
    expect(unit?.amount.value).toBe('41.76'); // 34.00 + 4.95 shipping + 2.81 tax (8.25 % of 34.00 = 2.805)
  });

  it('chooses the first option value for an option the page leaves out', async () => {
    const { handler } = setup();
    await createOrder(handler, { lines: [{ productId: 'house-blend', quantity: 1 }] });
    expect(lastOrderBody().purchase_units[0]?.items[0]).toMatchObject({ description: 'Size: 250 g, Grind: Whole bean', unit_amount: { value: '16.00' } });
  });

  it('charges the first shipping method when the page names none', async () => {
    const { handler } = setup();
    await createOrder(handler, { lines: [{ productId: 'mug', quantity: 1 }] });
    expect(lastOrderBody().purchase_units[0]?.amount.breakdown.shipping?.value).toBe('4.95');
  });

  it('charges the shipping method the page names', async () => {
    const { handler } = setup();
    await createOrder(handler, { lines: [{ productId: 'mug', quantity: 1 }], shippingMethod: 'express' });
    expect(lastOrderBody().purchase_units[0]?.amount.breakdown.shipping?.value).toBe('12.00');
  });

  it('asks PayPal for no shipping address for digital goods only', async () => {
    const { handler } = setup();
    await createOrder(handler, { lines: [{ productId: 'guide', quantity: 1 }] });
    expect(sim.orders()[0]?.body).toMatchObject({ payment_source: { paypal: { experience_context: { shipping_preference: 'NO_SHIPPING' } } } });
  });

  it('accepts the largest quantity the product allows', async () => {
    const { handler } = setup();
    await createOrder(handler, { lines: [{ productId: 'class', quantity: 4 }] });
    expect(lastOrderBody().purchase_units[0]?.items[0]?.quantity).toBe('4');
  });

  it('answers under any path prefix', async () => {
    const { handler } = setup();
    const request = new Request('https://shop.example/.netlify/functions/checkout/orders/', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ lines: [{ productId: 'mug', quantity: 1 }] }),
    });
    expect((await handler(request)).status).toBe(201);
  });

  it('sends one PayPal-Request-Id per order, the same on retries', async () => {
    let failures = 0;
    const { handler, paypal } = setup({
      tamper: async (request, forward) => {
        if (request.path !== '/v2/checkout/orders' || failures >= 2) return undefined;
        failures += 1;
        await forward(); // PayPal creates the order, but its answer is lost
        return new Response('{"name":"INTERNAL_SERVER_ERROR"}', { status: 500 });
      },
    });
    const id = await createOrder(handler);
    const ids = paypal.creates().map((r) => r.headers.get('PayPal-Request-Id'));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(sim.orders().map((o) => o.id)).toEqual([id]);
  });

  it('uses a new PayPal-Request-Id for the next order', async () => {
    const { handler, paypal } = setup();
    await createOrder(handler);
    await createOrder(handler);
    const [first, second] = paypal.creates().map((r) => r.headers.get('PayPal-Request-Id'));
    expect(first).not.toBe(second);
  });

  it('retries a PayPal 5xx and then succeeds', async () => {
    let failures = 0;
    const { handler } = setup({
      tamper: (request) => (request.path === '/v2/checkout/orders' && failures++ < 2 ? new Response('', { status: 503 }) : undefined),
    });
    expect((await handler(post('/orders', { lines: [{ productId: 'mug', quantity: 1 }] }))).status).toBe(201);
  });

  it('answers 502 when PayPal keeps failing', async () => {
    const { handler, paypal } = setup({ tamper: (request) => (request.path === '/v2/checkout/orders' ? new Response('', { status: 503 }) : undefined) });
    const response = await answer(await handler(post('/orders', { lines: [{ productId: 'mug', quantity: 1 }] })));
    expect(response.status).toBe(502);
    expect(response.json.error.code).toBe('paypal_error');
    expect(paypal.creates()).toHaveLength(3);
  });

  it('gets a new token when PayPal says the old one expired', async () => {
    let expired = true;
    const { handler, paypal } = setup({
      tamper: (request) => {
        if (request.path !== '/v2/checkout/orders' || !expired) return undefined;
        expired = false;
        return new Response(JSON.stringify({ name: 'AUTHENTICATION_FAILURE', details: [{ issue: 'INVALID_TOKEN' }] }), { status: 401 });
      },
    });
    await createOrder(handler);
    expect(paypal.sent.filter((r) => r.path === '/v1/oauth2/token')).toHaveLength(2);
  });

  it('answers 502 without the secret when PayPal refuses the credentials', async () => {
    const { handler } = setup({
      tamper: (request) => (request.path === '/v1/oauth2/token' ? new Response(JSON.stringify({ error: 'invalid_client', error_description: 'Client Authentication failed' }), { status: 401 }) : undefined),
    });
    const response = await answer(await handler(post('/orders', { lines: [{ productId: 'mug', quantity: 1 }] })));
    expect(response.status).toBe(502);
    expect(response.json.error.message).toMatch(/invalid_client/);
    expect(response.text).not.toContain(SECRET);
    expect(JSON.stringify(logged.map((args) => args.map(String)))).not.toContain(SECRET);
  });
});

describe('bad requests', () => {
  const lines = (line: Record<string, unknown>) => ({ lines: [{ productId: 'mug', quantity: 1, ...line }] });
  const cases: Array<[string, unknown, number, string, RegExp?]> = [
    ['an unknown product', lines({ productId: 'yacht' }), 400, 'unknown_product', /"yacht"/],
    ['an unknown option', lines({ productId: 'house-blend', options: { Colour: 'Red' } }), 400, 'unknown_option', /"Colour"/],
    ['an option on a product without options', lines({ options: { Size: 'L' } }), 400, 'unknown_option', /has no option "Size"/],
    ['an unknown option value', lines({ productId: 'house-blend', options: { Size: '5 kg' } }), 400, 'unknown_option_value', /"5 kg"/],
    ['an option value that is not a string', lines({ productId: 'house-blend', options: { Size: 500 } }), 400, 'unknown_option_value'],
    ['options as a list', lines({ productId: 'house-blend', options: ['500 g'] }), 400, 'bad_request'],
    ['a quantity of 0', lines({ quantity: 0 }), 400, 'bad_quantity', /from 1 to 99/],
    ['a negative quantity', lines({ quantity: -1 }), 400, 'bad_quantity'],
    ['a fractional quantity', lines({ quantity: 1.5 }), 400, 'bad_quantity'],
    ['a quantity as a string', lines({ quantity: '2' }), 400, 'bad_quantity'],
    ['a missing quantity', { lines: [{ productId: 'mug' }] }, 400, 'bad_quantity'],
    ['a quantity above the store cap', lines({ quantity: 100 }), 400, 'bad_quantity'],
    ['a quantity above the product cap', lines({ productId: 'class', quantity: 5 }), 400, 'bad_quantity', /from 1 to 4/],
    ['a huge quantity', lines({ quantity: 1e300 }), 400, 'bad_quantity'],
    ['the same line twice', { lines: [{ productId: 'mug', quantity: 1 }, { productId: 'mug', quantity: 2 }] }, 400, 'duplicate_line'],
    ['an unknown shipping method', { ...lines({}), shippingMethod: 'teleport' }, 400, 'unknown_shipping_method', /"teleport"/],
    ['a shipping method that is not a string', { ...lines({}), shippingMethod: 1 }, 400, 'bad_request'],
    ['no lines', { lines: [] }, 400, 'bad_request'],
    ['lines that are not a list', { lines: { productId: 'mug' } }, 400, 'bad_request'],
    ['a line that is not an object', { lines: ['mug'] }, 400, 'bad_request'],
    ['a product id that is not a string', lines({ productId: 7 }), 400, 'bad_request'],
    ['a body that is a list', [], 400, 'bad_request'],
    ['a body that is null', 'null', 400, 'bad_request'],
    ['too many lines', { lines: Array.from({ length: 101 }, (_, i) => ({ productId: 'house-blend', quantity: 1, options: { Size: '250 g', Grind: `x${i}` } })) }, 400, 'bad_request'],
    ['malformed JSON', '{"lines": [', 400, 'malformed_json'],
    ['a product id inherited from Object', lines({ productId: '__proto__' }), 400, 'unknown_product'],
  ];

  for (const [what, body, status, code, message] of cases) {
    it(`answers ${status} ${code} to ${what}`, async () => {
      const { handler, paypal } = setup();
      const response = await answer(await handler(post('/orders', body)));
      expect(response.status).toBe(status);
      expect(response.json.error.code).toBe(code);
      if (message) expect(response.json.error.message).toMatch(message);
      expect(paypal.creates()).toHaveLength(0);
    });
  }

  it('answers an error as JSON { error: { code, message } }', async () => {
    const { handler } = setup();
    const response = await answer(await handler(post('/orders', { lines: [] })));
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(Object.keys(response.json)).toEqual(['error']);
    expect(Object.keys(response.json.error).sort()).toEqual(['code', 'message']);
  });

  it('answers 400 to an order above the largest amount PayPal accepts', async () => {
    const big = { ...catalog, products: [{ id: 'yacht', name: 'Yacht', price: '99999999.99', maxQuantity: 9999 }] };
    const { handler } = setup({ catalog: big });
    const response = await answer(await handler(post('/orders', { lines: [{ productId: 'yacht', quantity: 9999 }] })));
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('order_too_large');
  });

  it('answers 415 to a body that is not JSON', async () => {
    const { handler } = setup();
    const response = await answer(await handler(post('/orders', undefined, { 'Content-Type': 'text/plain' })));
    expect([response.status, response.json.error.code]).toEqual([415, 'unsupported_media_type']);
  });

  it('answers 415 to a body without a content type', async () => {
    const { handler } = setup();
    const request = new Request(`${URL_BASE}/orders`, { method: 'POST', body: new Blob(['{"lines":[]}']) });
    expect((await handler(request)).status).toBe(415);
  });

  it('answers 413 to a body over 64 KB by its Content-Length', async () => {
    const { handler } = setup();
    const response = await answer(await handler(post('/orders', JSON.stringify({ lines: [], pad: 'x'.repeat(70_000) }))));
    expect([response.status, response.json.error.code]).toEqual([413, 'payload_too_large']);
  });

  it('answers 413 to a streamed body over 64 KB that declares no length', async () => {
    const { handler } = setup();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16_384;
        controller.enqueue(new TextEncoder().encode(' '.repeat(16_384)));
        if (sent > 1_000_000) controller.close();
      },
    });
    const request = new Request(`${URL_BASE}/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(request.headers.get('Content-Length')).toBeNull();
    expect((await handler(request)).status).toBe(413);
    expect(sent).toBeLessThan(1_000_000); // it stopped reading
  });

  it('answers 413 to a body whose Content-Length lies', async () => {
    const { handler } = setup();
    const request = post('/orders', JSON.stringify({ lines: [], pad: 'x'.repeat(70_000) }), {});
    const lying = new Request(request, { headers: { 'Content-Type': 'application/json', 'Content-Length': '10' } });
    expect((await handler(lying)).status).toBe(413);
  });

  it('answers 405 with Allow to a GET', async () => {
    const { handler } = setup();
    const response = await handler(new Request(`${URL_BASE}/orders`));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST, OPTIONS');
    expect((await answer(response)).json.error.code).toBe('method_not_allowed');
  });

  it('answers 405 to a PUT on a capture', async () => {
    const { handler } = setup();
    expect((await handler(new Request(`${URL_BASE}/orders/ABC/capture`, { method: 'PUT' }))).status).toBe(405);
  });

  it('answers 404 to an unknown path', async () => {
    const { handler } = setup();
    for (const path of ['/', '/order', '/orders/ABC', '/orders/ABC/capture/now', '/orders/ABC/refund']) {
      const response = await answer(await handler(post(path, {})));
      expect([path, response.status, response.json.error.code]).toEqual([path, 404, 'not_found']);
    }
  });

  it('never answers 500 to any JSON body', async () => {
    // PayPal answers instantly here: the property is about the handler's own reading of the body.
    const { handler } = setup({
      tamper: (request) => request.path === '/v1/oauth2/token'
        ? new Response(JSON.stringify({ access_token: 'A21AA-fast', expires_in: 32400 }))
        : new Response(JSON.stringify({ id: 'SIMULATED', status: 'CREATED' }), { status: 201 }),
    });
    const product = fc.constantFrom('mug', 'house-blend', 'class', 'guide', 'nope', '', '__proto__', 'constructor');
    const optionName = fc.constantFrom('Size', 'Grind', 'x', '__proto__');
    const optionValue = fc.oneof({ arbitrary: fc.constantFrom('250 g', '500 g', 'Espresso', 'Whole bean'), weight: 4 }, { arbitrary: fc.anything(), weight: 1 });
    const line = fc.record({
      productId: fc.oneof({ arbitrary: product, weight: 4 }, { arbitrary: fc.anything(), weight: 1 }),
      quantity: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 5 }), weight: 3 }, { arbitrary: fc.integer({ min: -2, max: 120 }), weight: 1 }, { arbitrary: fc.anything(), weight: 1 }),
      options: fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.dictionary(optionName, optionValue, { maxKeys: 3 }), weight: 2 }, { arbitrary: fc.anything(), weight: 1 }),
    }, { requiredKeys: ['productId', 'quantity'] });
    const order = fc.record({
      lines: fc.oneof({ arbitrary: fc.array(line, { minLength: 1, maxLength: 4 }), weight: 4 }, { arbitrary: fc.anything(), weight: 1 }),
      shippingMethod: fc.oneof(fc.constantFrom('standard', 'express', 'x'), fc.anything()),
    }, { requiredKeys: ['lines'] });
    const body = fc.oneof({ arbitrary: order, weight: 4 }, { arbitrary: fc.anything(), weight: 1 });
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const text = JSON.stringify(value) ?? 'null';
        const response = await handler(post('/orders', text));
        expect([201, 400]).toContain(response.status);
      }),
      { numRuns: 300 },
    );
  });
});

describe('POST /orders/{id}/capture', () => {
  it('captures an approved order and returns PayPal\'s order', async () => {
    const { handler } = setup();
    const id = await createOrder(handler);
    await approve(id);
    const captured = await answer(await handler(post(`/orders/${id}/capture`)));
    expect(captured.status).toBe(200);
    expect(captured.json).toMatchObject({ id, status: 'COMPLETED' });
    expect(validateOrderResponse(captured.json)).toEqual([]);
  });

  it('calls onCaptured once with the captured order', async () => {
    const { handler, captured } = setup();
    const id = await createOrder(handler);
    await approve(id);
    const response = await answer(await handler(post(`/orders/${id}/capture`)));
    expect(captured).toEqual([response.json]);
  });

  it('waits for onCaptured before answering', async () => {
    const steps: string[] = [];
    const { handler } = setup({ onCaptured: async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      steps.push('onCaptured');
    } });
    const id = await createOrder(handler);
    await approve(id);
    await handler(post(`/orders/${id}/capture`));
    steps.push('answered');
    expect(steps).toEqual(['onCaptured', 'answered']);
  });

  it('still answers the buyer when onCaptured throws, and logs it', async () => {
    const { handler } = setup({ onCaptured: () => {
      throw new Error('mail server down');
    } });
    const id = await createOrder(handler);
    await approve(id);
    expect((await handler(post(`/orders/${id}/capture`))).status).toBe(200);
    expect(JSON.stringify(logged.map((args) => args.map(String)))).toMatch(/onCaptured failed for order/);
  });

  it('returns the captured order again on a second capture, without capturing or calling onCaptured again', async () => {
    const { handler, captured, paypal } = setup();
    const id = await createOrder(handler);
    await approve(id);
    const first = await answer(await handler(post(`/orders/${id}/capture`)));
    const second = await answer(await handler(post(`/orders/${id}/capture`)));
    expect(second).toMatchObject({ status: 200, json: first.json });
    expect(captured).toHaveLength(1);
    expect(paypal.captures()).toHaveLength(1);
  });

  it('captures once when two captures of one order arrive together', async () => {
    const { handler, captured, paypal } = setup();
    const id = await createOrder(handler);
    await approve(id);
    const answers = await Promise.all([handler(post(`/orders/${id}/capture`)), handler(post(`/orders/${id}/capture`))]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(captured).toHaveLength(1);
    expect(paypal.captures()).toHaveLength(1);
  });

  it('captures an order another instance created (serverless), verified by its seal', async () => {
    const creator = setup();
    const capturer = setup();
    const id = await createOrder(creator.handler);
    await approve(id);
    const response = await answer(await capturer.handler(post(`/orders/${id}/capture`)));
    expect(response.status).toBe(200);
    expect(capturer.captured).toHaveLength(1);
  });

  it('returns an order another instance captured without calling onCaptured again', async () => {
    const first = setup();
    const second = setup();
    const id = await createOrder(first.handler);
    await approve(id);
    await first.handler(post(`/orders/${id}/capture`));
    const again = await answer(await second.handler(post(`/orders/${id}/capture`)));
    expect(again).toMatchObject({ status: 200, json: { id, status: 'COMPLETED' } });
    expect([first.captured.length, second.captured.length]).toEqual([1, 0]);
  });

  it('reports the capture once when PayPal captured but its answer was lost', async () => {
    let lose = true;
    const { handler, captured } = setup({
      retries: 0,
      tamper: async (request, forward) => {
        if (!request.path.endsWith('/capture') || !lose) return undefined;
        lose = false;
        await forward();
        return new Response('', { status: 504 });
      },
    });
    const id = await createOrder(handler);
    await approve(id);
    expect((await handler(post(`/orders/${id}/capture`))).status).toBe(502);
    expect((await handler(post(`/orders/${id}/capture`))).status).toBe(200);
    expect(captured).toHaveLength(1);
  });

  it('reuses the capture\'s PayPal-Request-Id when it retries', async () => {
    let failures = 0;
    const { handler, paypal, captured } = setup({
      tamper: async (request, forward) => {
        if (!request.path.endsWith('/capture') || failures >= 1) return undefined;
        failures += 1;
        await forward(); // captured at PayPal, answer lost
        return new Response('', { status: 500 });
      },
    });
    const id = await createOrder(handler);
    await approve(id);
    expect((await handler(post(`/orders/${id}/capture`))).status).toBe(200);
    const ids = paypal.captures().map((r) => r.headers.get('PayPal-Request-Id'));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(captured).toHaveLength(1);
  });

  it('refuses an order made at PayPal without the handler', async () => {
    const { handler, captured } = setup();
    // What a page can do with the public client id and PayPal's JS SDK: an order at its own price.
    const made = await fetch(`${base}/paypal-sim/v2/checkout/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer A21AA-sim-test' },
      body: JSON.stringify({ intent: 'CAPTURE', purchase_units: [{ amount: { currency_code: 'USD', value: '0.01' } }] }),
    });
    const { id } = (await made.json()) as { id: string };
    await approve(id);
    const response = await answer(await handler(post(`/orders/${id}/capture`)));
    expect([response.status, response.json.error.code]).toEqual([404, 'order_not_found']);
    expect(sim.orders()[0]?.status).toBe('APPROVED');
    expect(captured).toHaveLength(0);
  });

  it('refuses an order whose seal was copied from another order', async () => {
    const creator = setup();
    const capturer = setup();
    const real = await createOrder(creator.handler, { lines: [{ productId: 'guide', quantity: 1 }] });
    const sealed = sim.orders().find((o) => o.id === real)?.body as { purchase_units: Array<Record<string, unknown>> };
    // Same seal and amount, but the mug instead of the guide.
    const forged = structuredClone(sealed);
    (forged.purchase_units[0]?.items as Array<Record<string, unknown>>)[0] = { name: 'Everyday Mug', sku: 'mug', quantity: '1', unit_amount: { currency_code: 'USD', value: '9.00' }, category: 'DIGITAL_GOODS' };
    const made = await fetch(`${base}/paypal-sim/v2/checkout/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer A21AA-sim-test' },
      body: JSON.stringify(forged),
    });
    const { id } = (await made.json()) as { id: string };
    await approve(id);
    expect((await capturer.handler(post(`/orders/${id}/capture`))).status).toBe(404);
  });

  it('refuses before capturing when the order\'s amount changed at PayPal', async () => {
    const { handler, captured, paypal } = setup({
      tamper: async (request, forward) => {
        if (request.method !== 'GET') return undefined;
        const order = (await (await forward()).json()) as PayPalOrder;
        const unit = order.purchase_units?.[0];
        if (unit?.amount) unit.amount.value = '0.01';
        return new Response(JSON.stringify(order), { status: 200 });
      },
    });
    const id = await createOrder(handler);
    await approve(id);
    const response = await answer(await handler(post(`/orders/${id}/capture`)));
    expect([response.status, response.json.error.code]).toEqual([409, 'amount_mismatch']);
    expect(paypal.captures()).toHaveLength(0);
    expect(captured).toHaveLength(0);
  });

  it('answers an error and does not call onCaptured when PayPal captured another amount', async () => {
    const { handler, captured } = setup({
      tamper: async (request, forward) => {
        if (!request.path.endsWith('/capture')) return undefined;
        const order = (await (await forward()).json()) as PayPalOrder;
        const capture = order.purchase_units?.[0]?.payments?.captures?.[0];
        if (capture?.amount) capture.amount.value = '1.00';
        return new Response(JSON.stringify(order), { status: 201 });
      },
    });
    const id = await createOrder(handler);
    await approve(id);
    const response = await answer(await handler(post(`/orders/${id}/capture`)));
    expect([response.status, response.json.error.code]).toEqual([409, 'amount_mismatch']);
    expect(captured).toHaveLength(0);
    expect(JSON.stringify(logged.map((args) => args.map(String)))).toMatch(/refund the payment/);
  });

  it('answers 422 paypal_declined when the buyer\'s payment is declined', async () => {
    const { handler, captured } = setup();
    const id = await createOrder(handler);
    await approve(id, 'declines');
    const response = await answer(await handler(post(`/orders/${id}/capture`)));
    expect([response.status, response.json.error.code]).toEqual([422, 'paypal_declined']);
    expect(response.json.error.message).toMatch(/INSTRUMENT_DECLINED/);
    expect(captured).toHaveLength(0);
  });

  it('captures after the buyer chose another way to pay', async () => {
    const { handler, captured } = setup();
    const id = await createOrder(handler);
    await approve(id, 'declines');
    await handler(post(`/orders/${id}/capture`));
    await approve(id, 'ok');
    expect((await handler(post(`/orders/${id}/capture`))).status).toBe(200);
    expect(captured).toHaveLength(1);
  });

  it('answers 422 order_not_approved before the buyer approved', async () => {
    const { handler } = setup();
    const id = await createOrder(handler);
    const response = await answer(await handler(post(`/orders/${id}/capture`)));
    expect([response.status, response.json.error.code]).toEqual([422, 'order_not_approved']);
  });

  it('answers 404 to an order PayPal does not know', async () => {
    const { handler } = setup();
    const response = await answer(await handler(post('/orders/NOSUCHORDER00000/capture')));
    expect([response.status, response.json.error.code]).toEqual([404, 'order_not_found']);
  });

  it('answers 404 to an order id that cannot be PayPal\'s, without asking PayPal', async () => {
    const { handler, paypal } = setup();
    const response = await handler(post(`/orders/${encodeURIComponent('../../v1/oauth2/token')}/capture`));
    expect(response.status).toBe(404);
    expect(paypal.sent).toHaveLength(0);
  });

  it('answers 415 to a capture with a body that is not JSON', async () => {
    const { handler } = setup();
    expect((await handler(post('/orders/ABC/capture', undefined, { 'Content-Type': 'text/plain' }))).status).toBe(415);
  });

  it('answers 502 when PayPal keeps failing to capture', async () => {
    const { handler, captured } = setup({ tamper: (request) => (request.path.endsWith('/capture') ? new Response('', { status: 500 }) : undefined) });
    const id = await createOrder(handler);
    await approve(id);
    const response = await answer(await handler(post(`/orders/${id}/capture`)));
    expect([response.status, response.json.error.code]).toEqual([502, 'paypal_error']);
    expect(captured).toHaveLength(0);
  });
});

describe('CORS', () => {
  const withOrigin = (origin: string, extra: Record<string, string> = {}) => post('/orders', { lines: [{ productId: 'mug', quantity: 1 }] }, { Origin: origin, ...extra });

  it('lets an allowed origin read the answer', async () => {
    const { handler } = setup({ allowedOrigins: [SHOP] });
    const response = await handler(withOrigin(SHOP));
    expect(response.status).toBe(201);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
    expect(response.headers.get('Vary')).toMatch(/Origin/);
  });

  it('lets an allowed origin read error answers too', async () => {
    const { handler } = setup({ allowedOrigins: [SHOP] });
    const response = await handler(post('/orders', { lines: [] }, { Origin: SHOP }));
    expect(response.status).toBe(400);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
  });

  it('answers the preflight of an allowed origin', async () => {
    const { handler } = setup({ allowedOrigins: [`${SHOP}/`] });
    const response = await handler(new Request(`${URL_BASE}/orders`, {
      method: 'OPTIONS',
      headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    }));
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(response.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('content-type');
  });

  it('refuses another origin with 403 and no PayPal call', async () => {
    const { handler, paypal } = setup({ allowedOrigins: [SHOP] });
    const response = await answer(await handler(withOrigin('https://evil.example')));
    expect([response.status, response.json.error.code]).toEqual([403, 'origin_not_allowed']);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(paypal.sent).toHaveLength(0);
  });

  it('refuses the preflight of another origin', async () => {
    const { handler } = setup({ allowedOrigins: [SHOP] });
    const response = await handler(new Request(`${URL_BASE}/orders`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } }));
    expect(response.status).toBe(403);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('refuses every cross-origin request without allowedOrigins', async () => {
    const { handler } = setup();
    expect((await handler(withOrigin(SHOP))).status).toBe(403);
  });

  it('refuses a sandboxed page (Origin null)', async () => {
    const { handler } = setup({ allowedOrigins: [SHOP] });
    expect((await handler(withOrigin('null'))).status).toBe(403);
  });

  it('accepts a same-origin request, which carries an Origin header', async () => {
    const { handler } = setup();
    const response = await handler(withOrigin(new URL(URL_BASE).origin));
    expect(response.status).toBe(201);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('accepts a same-origin request behind a proxy that changed the URL', async () => {
    const { handler } = setup();
    expect((await handler(withOrigin(SHOP, { 'Sec-Fetch-Site': 'same-origin' }))).status).toBe(201);
  });

  it('accepts a request without Origin, as servers send', async () => {
    const { handler } = setup();
    expect((await handler(post('/orders', { lines: [{ productId: 'mug', quantity: 1 }] }))).status).toBe(201);
  });
});

describe('createCheckoutHandler', () => {
  const options = { catalog, clientId: 'id', clientSecret: SECRET, environment: 'sandbox' as const };

  it('refuses to start on an invalid catalog, listing every problem', () => {
    const bad = { ...catalog, products: [{ id: 'mug', name: 'Mug', price: '1,00' }, { id: 'x', name: '', price: '1' }] };
    expect(() => createCheckoutHandler({ ...options, catalog: bad })).toThrow(/catalog is invalid[\s\S]*"price" "1,00"[\s\S]*"name" must be a non-empty string/);
  });

  it('refuses to start without a catalog', () => {
    expect(() => createCheckoutHandler({ ...options, catalog: undefined })).toThrow(/catalog is invalid/);
  });

  it('refuses to start without the secret', () => {
    expect(() => createCheckoutHandler({ ...options, clientSecret: '' })).toThrow(/clientSecret is missing/);
  });

  it('refuses to start with an unknown environment', () => {
    expect(() => createCheckoutHandler({ ...options, environment: 'live' as 'production' })).toThrow(/"live"/);
  });

  it('refuses an allowedOrigins entry that is not an origin', () => {
    expect(() => createCheckoutHandler({ ...options, allowedOrigins: ['https://shop.example/cart'] })).toThrow(/not an origin/);
    expect(() => createCheckoutHandler({ ...options, allowedOrigins: ['*'] })).toThrow(/not an origin/);
  });

  it('never puts the secret in an answer', async () => {
    const { handler } = setup({ tamper: () => new Response('', { status: 500 }) });
    const requests = [post('/orders', { lines: [{ productId: 'mug', quantity: 1 }] }), post('/orders/ABCDEF/capture'), post('/orders', 'x'), post('/nope', {})];
    for (const request of requests) expect(await (await handler(request)).text()).not.toContain(SECRET);
  });
});

describe('the Node recipe (demo/server/server.mjs)', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    child?.kill();
    child = null;
  });

  it('runs the demo checkout end to end against the simulator', async () => {
    const script = new URL('../../demo/server/server.mjs', import.meta.url).pathname;
    const running = spawn(process.execPath, [script], { env: { ...process.env, PORT: '0', PAYPAL_CLIENT_ID: '', PAYPAL_API_BASE: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child = running;
    let output = '';
    running.stdout?.on('data', (chunk) => (output += chunk));
    running.stderr?.on('data', (chunk) => (output += chunk));
    const started = Date.now();
    while (!/http:\/\/127\.0\.0\.1:\d+\/demo\//.test(output) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    const origin = /(http:\/\/127\.0\.0\.1:\d+)\/demo\//.exec(output)?.[1];
    expect(origin, output).toBeDefined();

    const page = await (await fetch(`${origin}/demo/`)).text();
    expect(page).toMatch(/"serverUrl": "\/api\/checkout"/);
    const catalogFile = JSON.parse(readFileSync(new URL('../../demo/server/catalog.json', import.meta.url), 'utf8'));
    const blend = catalogFile.products.find((p: { id: string }) => p.id === 'house-blend');
    expect(blend.price).toBe('16.00');

    const created = await fetch(`${origin}/api/checkout/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin as string },
      body: JSON.stringify({ lines: [{ productId: 'house-blend', options: { Size: '500 g' }, quantity: 2 }] }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const approved = await fetch(`${origin}/paypal-sim/buyer/orders/${id}/approve`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(approved.status).toBe(200);
    const captured = await fetch(`${origin}/api/checkout/orders/${id}/capture`, { method: 'POST', headers: { Origin: origin as string } });
    expect(await captured.json()).toMatchObject({ id, status: 'COMPLETED', purchase_units: [{ amount: { value: '58.46' } }] });
    const waited = Date.now();
    while (!output.includes(`Paid: order ${id}`) && Date.now() - waited < 2_000) await new Promise((r) => setTimeout(r, 20));
    expect(output).toContain(`Paid: order ${id}, 58.46 USD`);
  }, 20_000);
});
