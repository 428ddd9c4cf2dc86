// Server mode (SPEC §7) end to end: dist/dropcart.js in Chromium with `paypal.serverUrl`, the built handler
// (dist/server.mjs, as owners deploy it) mounted at /api/checkout on the test server, and the PayPal
// simulator as both the SDK the page loads and the REST API the handler calls. The page may only send ids,
// options and quantities; PayPal must receive the catalog's prices, whatever the page shows.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createCheckoutHandler } from 'dropcart/server';
import type { CheckoutHandler, PayPalOrder } from 'dropcart/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBreakdown, validateOrderBody } from '../fixtures/orders-schema';
import { useShop } from './harness';
import {
  addToCart,
  buyerWill,
  checkoutArea,
  dialog,
  events,
  items,
  openCart,
  paypalButton,
  pollOf,
  recordEvents,
  resetSim,
  retryButton,
  sentBodies,
  shopPage,
  simEvents,
  simOrders,
  textOf,
  visible,
} from './checkout-helpers';

const SHIPPING = { methods: [{ id: 'standard', label: 'Standard', amount: '4.95' }, { id: 'express', label: 'Express', amount: '12.00' }] };
const TAX = { rate: '8.25' };
const catalog = {
  version: 1,
  store: { currency: 'USD', shipping: SHIPPING, tax: TAX },
  products: [
    { id: 'tee', name: 'Black tee', price: '20.00', options: [{ name: 'Size', values: [{ value: 'S' }, { value: 'M' }, { value: 'L', delta: '2.00' }] }] },
    { id: 'mug', name: 'Mug', price: '12.50' },
  ],
};
const TEE = { id: 'tee', name: 'Black tee', price: '20.00', attrs: 'data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]"' };
const MUG = { id: 'mug', name: 'Mug', price: '12.50' };
/** On the page but not in the catalog: a product added after the catalog was built. */
const POSTER = { id: 'poster', name: 'Poster', price: '8.00' };
const PAID = 'Thank you! Your payment is complete.';
const SERVER_URL = '/api/checkout';

/** The handler's world, shared by the server's route and the tests. */
const server = {
  handler: null as CheckoutHandler | null,
  captured: [] as PayPalOrder[],
  /** true: every request to the handler has its connection dropped, as when the function is down */
  down: false,
};

/** node:http → the Web-standard handler, as demo/server/server.mjs mounts it. Created at the first request,
 * when the server's port (and so the simulator's REST URL) is known. */
async function checkoutRoute(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (!req.url?.startsWith(`${SERVER_URL}/`)) return false;
  if (server.down) {
    req.socket.destroy();
    return true;
  }
  const origin = `http://${req.headers.host}`;
  server.handler ??= createCheckoutHandler({
    catalog,
    clientId: 'sim-client',
    clientSecret: 'sim-secret',
    environment: 'sandbox',
    apiBaseUrl: `${origin}/paypal-sim`,
    onCaptured: (order) => void server.captured.push(order),
  });
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const response = await server.handler(
    new Request(origin + req.url, {
      method: req.method ?? 'GET',
      headers: Object.entries(req.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value] as [string, string]] : [])),
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit),
  );
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
  return true;
}

const shop = useShop({ routes: checkoutRoute });
/** What the page sent to the handler: `POST …/orders` bodies, and the paths of every call. */
let toHandler: { path: string; body: unknown }[] = [];

beforeEach(async () => {
  shop.context.setDefaultTimeout(10_000);
  server.captured = [];
  server.down = false;
  toHandler = [];
  await resetSim(shop);
  await recordEvents(shop);
  shop.context.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith(SERVER_URL)) toHandler.push({ path, body: request.postData() === null ? null : request.postDataJSON() });
  });
});

afterEach(async () => {
  // Every order PayPal received passed its Orders v2 schema (the simulator refuses others with a 400) and
  // PayPal's amount rules; checked again here so a lenient simulator cannot hide a bad body.
  for (const order of await simOrders(shop)) {
    expect(validateOrderBody(order.body)).toEqual([]);
    expect(checkBreakdown(order.body)).toEqual([]);
  }
  expect(shop.errors).toEqual([]);
});

const page = () => shopPage([TEE, MUG, POSTER], { paypal: { clientId: 'sim-client', sdkBaseUrl: '/paypal-sim/sdk/js', serverUrl: SERVER_URL }, shipping: SHIPPING, tax: TAX });

async function pay(): Promise<void> {
  await visible(paypalButton(shop.page));
  await paypalButton(shop.page).click();
}

const alertText = () => textOf(checkoutArea(shop.page).getByRole('alert'));

describe('server mode', () => {
  it('pays through the handler: the page sends ids, options and quantities, and the success view follows', async () => {
    await shop.page.goto(page());
    await addToCart(shop.page, 'tee', { quantity: 2, options: { Size: 'L' } });
    await addToCart(shop.page, 'mug');
    await openCart(shop.page);
    await dialog(shop.page).getByRole('radio', { name: /Express/ }).check();
    await pay();
    await visible(dialog(shop.page).getByText(PAID));

    const [order, ...more] = await simOrders(shop);
    expect(more).toEqual([]);
    expect(order!.status).toBe('COMPLETED');
    await visible(dialog(shop.page).getByText(`PayPal order ${order!.id}`));
    expect(await items(shop.page)).toEqual([]);
    expect(toHandler).toEqual([
      { path: `${SERVER_URL}/orders`, body: { lines: [{ productId: 'tee', options: { Size: 'L' }, quantity: 2 }, { productId: 'mug', quantity: 1 }], shippingMethod: 'express' } },
      { path: `${SERVER_URL}/orders/${order!.id}/capture`, body: null },
    ]);
    // The SDK neither created nor captured anything itself: no order body and no capture left the page for PayPal.
    expect(await sentBodies(shop.page)).toEqual([]);
    expect(shop.requests.filter((url) => url.includes('/paypal-sim/') && url.endsWith('/capture'))).toEqual([]);
    // 2 × 22.00 + 12.50 = 56.50, express 12.00, tax 8.25 % of 56.50 = 4.66
    expect(order!.body.purchase_units[0].amount).toEqual({
      currency_code: 'USD',
      value: '73.16',
      breakdown: { item_total: { currency_code: 'USD', value: '56.50' }, shipping: { currency_code: 'USD', value: '12.00' }, tax_total: { currency_code: 'USD', value: '4.66' } },
    });
    const approve = await events(shop.page, ['checkout', 'approve', 'error']);
    expect(approve.map((e) => e.name)).toEqual(['checkout', 'approve']);
    expect(approve[1]!.detail).toMatchObject({ orderId: order!.id, totals: { total: '73.16' }, capture: { id: order!.id, status: 'COMPLETED' } });
    expect(server.captured.map((o) => o.id)).toEqual([order!.id]);
    expect(shop.dropcartMessages()).toEqual([]);
  });

  it('charges the catalog price when the shopper lowered data-product-price in the page', async () => {
    await shop.page.goto(page());
    await shop.page.evaluate(() => {
      document.querySelector('[data-product-id="tee"]')!.setAttribute('data-product-price', '1.00');
      window.DropCart.scan();
    });
    await addToCart(shop.page, 'tee');
    expect(await shop.page.evaluate(() => window.DropCart.items()[0]!.price)).toBe('1.00');
    await openCart(shop.page);
    await pay();
    await visible(dialog(shop.page).getByText(PAID));

    const [order] = await simOrders(shop);
    const unit = order!.body.purchase_units[0];
    expect(unit.items).toEqual([expect.objectContaining({ sku: 'tee', description: 'Size: S', unit_amount: { currency_code: 'USD', value: '20.00' }, quantity: '1' })]);
    // 20.00 + standard 4.95 + tax 8.25 % of 20.00 = 1.65
    expect(unit.amount.value).toBe('26.60');
    expect(order!.status).toBe('COMPLETED');
    // The owner testing the page learns that page and catalog disagree.
    expect(shop.dropcartMessages()).toEqual([expect.stringContaining(`order ${order!.id}: PayPal charged 26.60, the page showed 6.03.`)]);
  });

  it('names a product the catalog does not sell, keeps the cart, and pays once it is removed', async () => {
    await shop.page.goto(page());
    await addToCart(shop.page, 'mug');
    await addToCart(shop.page, 'poster');
    await openCart(shop.page);
    await pay();
    await pollOf(alertText).toContain('Sorry, Poster cannot be bought right now. Remove it from the cart to pay for the rest.');
    expect((await events(shop.page, ['error'])).map((e) => e.detail)).toEqual([
      { code: 'paypal_error', message: 'Sorry, Poster cannot be bought right now. Remove it from the cart to pay for the rest.' },
    ]);
    expect(await items(shop.page)).toEqual([{ productId: 'mug', options: {}, quantity: 1 }, { productId: 'poster', options: {}, quantity: 1 }]);
    expect(await simOrders(shop)).toEqual([]);
    expect(shop.dropcartMessages()).toEqual([expect.stringMatching(/answered 400 unknown_product: lines\[1\].*"poster".*npx dropcart catalog/)]);

    await dialog(shop.page).getByRole('button', { name: 'Remove Poster' }).click();
    await retryButton(shop.page).click();
    await pay();
    await visible(dialog(shop.page).getByText(PAID));
    expect((await simOrders(shop)).map((order) => [order.status, order.body.purchase_units[0].items.map((item: { sku: string }) => item.sku)])).toEqual([['COMPLETED', ['mug']]]);
  });

  it('tells the buyer to try again and keeps the cart when the handler cannot be reached, and the retry pays', async () => {
    await shop.page.goto(page());
    await addToCart(shop.page, 'mug', { quantity: 3 });
    await openCart(shop.page);
    server.down = true;
    await pay();
    await pollOf(alertText).toContain('The payment could not be completed. Nothing was charged. Please try again.');
    expect((await events(shop.page, ['error'])).map((e) => e.detail.code)).toEqual(['paypal_error']);
    expect(await items(shop.page)).toEqual([{ productId: 'mug', options: {}, quantity: 3 }]);
    expect(shop.dropcartMessages()).toEqual([expect.stringContaining('/api/checkout/orders could not be reached')]);
    expect(await simOrders(shop)).toEqual([]);

    server.down = false;
    await retryButton(shop.page).click();
    await pay();
    await visible(dialog(shop.page).getByText(PAID));
    expect((await simOrders(shop)).map((order) => order.status)).toEqual(['COMPLETED']);
    expect(await items(shop.page)).toEqual([]);
  });

  it('asks again when the answer to a capture is lost, and the order is captured once', async () => {
    let lost = 0;
    await shop.page.route('**/api/checkout/orders/*/capture', async (route) => {
      if (lost++ > 0) return route.continue();
      await route.fetch(); // the handler captures; its answer never reaches the page
      await route.abort('connectionreset');
    });
    await shop.page.goto(page());
    await addToCart(shop.page, 'mug');
    await openCart(shop.page);
    await pay();
    await visible(dialog(shop.page).getByText(PAID));
    expect(lost).toBe(2);
    const [order] = await simOrders(shop);
    expect(order!.status).toBe('COMPLETED');
    expect(server.captured.map((o) => o.id)).toEqual([order!.id]);
    expect((await events(shop.page, ['approve', 'error'])).map((e) => e.name)).toEqual(['approve']);
  });

  it('restarts PayPal when the handler reports a declined payment, and the buyer pays with another source', async () => {
    await shop.page.goto(page());
    await addToCart(shop.page, 'mug');
    await openCart(shop.page);
    await buyerWill(shop.page, 'scenario=decline&declineOnce=1');
    await pay();
    await visible(dialog(shop.page).getByText(PAID));
    expect(await simEvents(shop.page)).toContain('restart');
    const captures = toHandler.filter((call) => call.path.endsWith('/capture'));
    expect(captures).toHaveLength(2);
    const outcome = await events(shop.page, ['error', 'approve', 'cancel']);
    expect(outcome.map((e) => (e.name === 'error' ? e.detail.code : e.name))).toEqual(['paypal_declined', 'approve']);
    expect((await simOrders(shop)).map((order) => order.status)).toEqual(['COMPLETED']);
    expect(await items(shop.page)).toEqual([]);
  });

  it('shows the declined message with a retry and keeps the cart when every funding source is declined', async () => {
    await shop.page.goto(page());
    await addToCart(shop.page, 'mug');
    await openCart(shop.page);
    await buyerWill(shop.page, 'decline');
    await pay();
    await pollOf(alertText).toContain('Your payment method was declined.');
    await visible(retryButton(shop.page));
    expect(await simEvents(shop.page)).toContain('restart');
    const [order] = await simOrders(shop);
    expect(toHandler.map((call) => call.path)).toEqual([`${SERVER_URL}/orders`, `${SERVER_URL}/orders/${order!.id}/capture`]);
    expect((await events(shop.page, ['error', 'approve', 'cancel'])).map((e) => [e.name, e.detail.code])).toEqual([['error', 'paypal_declined']]);
    expect((await simOrders(shop)).map((order) => order.status)).toEqual(['APPROVED']);
    expect(server.captured).toEqual([]);
    expect(await items(shop.page)).toEqual([{ productId: 'mug', options: {}, quantity: 1 }]);
  });
});
