// @vitest-environment node
// The simulator's server must answer like PayPal's Orders v2 API, or the checkout tests built on it prove
// nothing. Node's own http and fetch: happy-dom's fetch would add browser rules that PayPal's API never sees.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOrderBody } from '../../src/checkout/order';
import { parseConfig } from '../../src/config';
import type { CartLine } from '../../src/model';
import { validateOrderResponse } from '../fixtures/orders-schema';
import { createPaypalSim, parseSettings } from '../fixtures/paypal-sim/server.mjs';

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

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => sim.reset());

const BEARER = { Authorization: 'Bearer A21AA-sim-test' };

function line(overrides: Partial<CartLine> = {}): CartLine {
  return {
    id: 'tee', productId: 'tee', name: 'Black tee', unitPrice: 2199, quantity: 2, choices: [], image: null,
    url: 'https://shop.example/tee', sku: 'tee', maxQuantity: 99, shippable: true, taxable: true, ...overrides,
  };
}

const body = (overrides: Partial<CartLine> = {}) =>
  buildOrderBody([line(overrides)], parseConfig({ currency: 'USD', tax: { rate: '8.25' } }), null);

async function call(method: string, path: string, json?: unknown, headers: Record<string, string> = BEARER) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : null };
}

async function createdOrder(overrides: Partial<CartLine> = {}): Promise<string> {
  const created = await call('POST', '/paypal-sim/v2/checkout/orders', body(overrides));
  expect(created.status).toBe(201);
  return created.json.id as string;
}

const approve = (id: string, instrument = 'ok') => call('POST', `/paypal-sim/buyer/orders/${id}/approve`, { instrument }, {});
const capture = (id: string, headers: Record<string, string> = {}) =>
  call('POST', `/paypal-sim/v2/checkout/orders/${id}/capture`, {}, { ...BEARER, Prefer: 'return=representation', ...headers });

describe('paypal-sim orders API', () => {
  it('creates an order from a valid body with a 17-character id', async () => {
    const created = await call('POST', '/paypal-sim/v2/checkout/orders', body(), { ...BEARER, Prefer: 'return=representation' });
    expect(created.status).toBe(201);
    expect(created.json.id).toMatch(/^[A-Z0-9]{17}$/);
    expect(created.json.status).toBe('CREATED');
    expect(validateOrderResponse(created.json)).toEqual([]);
  });

  it('answers the minimal form without Prefer: return=representation', async () => {
    const created = await call('POST', '/paypal-sim/v2/checkout/orders', body());
    expect(Object.keys(created.json).sort()).toEqual(['id', 'links', 'status']);
  });

  it('refuses a body that breaks the official schema with 400 INVALID_REQUEST', async () => {
    const bad = body();
    bad.purchase_units[0]!.items[0]!.quantity = '0';
    const created = await call('POST', '/paypal-sim/v2/checkout/orders', bad);
    expect(created.status).toBe(400);
    expect(created.json.name).toBe('INVALID_REQUEST');
    expect(created.json.details[0]).toMatchObject({ field: '/purchase_units/0/items/0/quantity', issue: 'INVALID_PARAMETER_SYNTAX' });
  });

  it('refuses a body whose amounts do not add up with 422 UNPROCESSABLE_ENTITY', async () => {
    const bad = body();
    bad.purchase_units[0]!.amount.value = '47.62'; // the breakdown adds up to 47.61
    const created = await call('POST', '/paypal-sim/v2/checkout/orders', bad);
    expect(created.status).toBe(422);
    expect(created.json.name).toBe('UNPROCESSABLE_ENTITY');
    expect(created.json.details.map((d: { issue: string }) => d.issue)).toEqual(['AMOUNT_MISMATCH']);
  });

  it('refuses malformed JSON with MALFORMED_REQUEST_JSON', async () => {
    const response = await fetch(`${base}/paypal-sim/v2/checkout/orders`, { method: 'POST', headers: { ...BEARER, 'Content-Type': 'application/json' }, body: '{"intent":' });
    expect(response.status).toBe(400);
    expect((await response.json()).details[0].issue).toBe('MALFORMED_REQUEST_JSON');
  });

  it('requires a bearer token', async () => {
    const created = await call('POST', '/paypal-sim/v2/checkout/orders', body(), {});
    expect(created.status).toBe(401);
    expect(created.json.name).toBe('AUTHENTICATION_FAILURE');
  });

  it('issues tokens for client credentials, as server mode needs', async () => {
    const response = await fetch(`${base}/paypal-sim/v1/oauth2/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('client:secret').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = await response.json();
    const created = await call('POST', '/paypal-sim/v2/checkout/orders', body(), { Authorization: `Bearer ${token}` });
    expect(created.status).toBe(201);
  });

  it('records every create-order body it receives', async () => {
    const sent = body();
    const id = await createdOrder();
    const listed = await call('GET', '/paypal-sim/orders');
    expect(listed.json).toEqual([{ id, status: 'CREATED', body: sent }]);
  });

  it('forgets recorded orders on DELETE /paypal-sim/orders', async () => {
    await createdOrder();
    await call('DELETE', '/paypal-sim/orders');
    expect((await call('GET', '/paypal-sim/orders')).json).toEqual([]);
  });

  it('refuses to capture an order the buyer has not approved', async () => {
    const id = await createdOrder();
    const captured = await capture(id);
    expect(captured.status).toBe(422);
    expect(captured.json.details[0].issue).toBe('ORDER_NOT_APPROVED');
  });

  it('captures an approved order for exactly the amount created', async () => {
    const id = await createdOrder();
    await approve(id);
    const captured = await capture(id);
    expect(captured.status).toBe(201);
    expect(captured.json.status).toBe('COMPLETED');
    expect(captured.json.purchase_units[0].payments.captures[0]).toMatchObject({
      status: 'COMPLETED',
      amount: { currency_code: 'USD', value: body().purchase_units[0]!.amount.value },
    });
    expect(validateOrderResponse(captured.json)).toEqual([]);
  });

  it('refuses a second capture with ORDER_ALREADY_CAPTURED', async () => {
    const id = await createdOrder();
    await approve(id);
    await capture(id);
    const again = await capture(id);
    expect(again.status).toBe(422);
    expect(again.json.details[0].issue).toBe('ORDER_ALREADY_CAPTURED');
  });

  it('repeats the first answer to a capture retried with the same PayPal-Request-Id', async () => {
    const id = await createdOrder();
    await approve(id);
    const first = await capture(id, { 'PayPal-Request-Id': 'retry-1' });
    const retried = await capture(id, { 'PayPal-Request-Id': 'retry-1' });
    expect(retried.status).toBe(200);
    expect(retried.json).toEqual(first.json);
  });

  it('declines the capture when the buyer approved with a declining instrument', async () => {
    const id = await createdOrder();
    await approve(id, 'declines');
    const captured = await capture(id);
    expect(captured.status).toBe(422);
    expect(captured.json.details[0].issue).toBe('INSTRUMENT_DECLINED');
  });

  it('captures after the buyer approves again with another instrument', async () => {
    const id = await createdOrder();
    await approve(id, 'declines');
    await capture(id);
    await approve(id, 'ok');
    expect((await capture(id)).json.status).toBe('COMPLETED');
  });

  it('honours PayPal-Mock-Response for negative testing', async () => {
    const id = await createdOrder();
    await approve(id);
    const captured = await capture(id, { 'PayPal-Mock-Response': '{"mock_application_codes":"INSTRUMENT_DECLINED"}' });
    expect(captured.json.details[0].issue).toBe('INSTRUMENT_DECLINED');
  });

  it('ships to the payer unless the order asks for no shipping', async () => {
    const physical = await createdOrder();
    const digital = await createdOrder({ shippable: false });
    await approve(physical);
    await approve(digital);
    expect((await capture(physical)).json.purchase_units[0].shipping.address.country_code).toBe('US');
    expect((await capture(digital)).json.purchase_units[0].shipping).toBeUndefined();
  });

  it('answers 404 for an unknown order', async () => {
    const fetched = await call('GET', '/paypal-sim/v2/checkout/orders/NOPE');
    expect(fetched.status).toBe(404);
    expect(fetched.json.details[0].issue).toBe('INVALID_RESOURCE_ID');
  });

  it('creates Hosted Button orders from the price registered at "PayPal"', async () => {
    await call('POST', '/paypal-sim/hosted-buttons', { id: 'HB123', name: 'Gift card', amount: { currency_code: 'EUR', value: '25.00' } }, {});
    const order = await call('POST', '/paypal-sim/buyer/hosted-buttons/HB123/orders', undefined, {});
    expect(order.json.purchase_units[0].amount.value).toBe('25.00');
    expect((await call('GET', '/paypal-sim/hosted-buttons/UNKNOWN', undefined, {})).status).toBe(404);
  });
});

describe('paypal-sim SDK route', () => {
  const sdk = (query: string, cookie?: string) =>
    fetch(`${base}/paypal-sim/sdk/js?${query}`, cookie ? { headers: { Cookie: `paypal-sim=${cookie}` } } : {});

  it('serves the SDK for a client id and a supported currency', async () => {
    const response = await sdk('client-id=test&currency=EUR&intent=capture&components=buttons,hosted-buttons');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(await response.text()).toContain('window[namespace] = namespaceObject');
  });

  it('answers 400 without a client id, like PayPal', async () => {
    const response = await sdk('currency=USD');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Expected client-id to be passed');
  });

  it('answers 400 for a currency PayPal does not support', async () => {
    expect((await sdk('client-id=test&currency=XYZ')).status).toBe(400);
  });

  it('answers 400 for an unknown component', async () => {
    expect((await sdk('client-id=test&components=buttons,nope')).status).toBe(400);
  });

  it('fails to load with HTTP 500 in the loadFail scenario', async () => {
    expect((await sdk('client-id=test', 'scenario=loadFail')).status).toBe(500);
  });

  it('serves a script that defines no namespace in the noGlobal scenario', async () => {
    const response = await sdk('client-id=test', 'noGlobal');
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain('window[namespace]');
  });

  it('waits the given delay in the slow scenario', async () => {
    const started = Date.now();
    await (await sdk('client-id=test', encodeURIComponent('scenario=slow&delay=300'))).text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('parseSettings', () => {
  it('reads a query string', () => {
    expect(parseSettings('scenario=decline&declineOnce=1')).toEqual({ scenario: 'decline', declineOnce: true, delay: 1500 });
  });

  it('reads JSON', () => {
    expect(parseSettings('{"scenario":"slow","delay":50}')).toEqual({ scenario: 'slow', declineOnce: false, delay: 50 });
  });

  it('reads a bare scenario name', () => {
    expect(parseSettings('cancel').scenario).toBe('cancel');
  });

  it('approves when the scenario is unknown', () => {
    expect(parseSettings('scenario=explode').scenario).toBe('approve');
  });
});
