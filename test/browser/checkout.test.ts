// Paying with PayPal (SPEC §5, §8): every outcome of the buyer's trip through PayPal's window, the order
// bodies PayPal receives, "Buy now" and Hosted Buttons, and the checkout lock. Runs dist/dropcart.js in
// Chromium against the PayPal simulator (test/fixtures/paypal-sim), whose buyer is told what to do through
// localStorage `paypal-sim` before each click.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBreakdown, validateOrderBody } from '../fixtures/orders-schema';
import { fixturePage, useShop } from './harness';
import type { ShopFixture } from './harness';
import {
  addToCart,
  buyerWill,
  checkoutArea,
  dialog,
  events,
  formatted,
  hostedButton,
  items,
  openCart,
  paypalButton,
  pollOf,
  recordEvents,
  resetSim,
  retryButton,
  sdkRequests,
  sentBodies,
  shopPage,
  shownLines,
  shownTotals,
  simEvents,
  simOrders,
  textOf,
  visible,
} from './checkout-helpers';

const TEE = { id: 'tee', name: 'Black tee', price: '20.00' };
const MUG = { id: 'mug', name: 'Mug', price: '12.50' };
const CAP = { id: 'cap', name: 'Cap', price: '15.00' };
const EBOOK = { id: 'ebook', name: 'Brew guide', price: '9.99', attrs: 'data-product-shippable="false" data-product-taxable="false"' };

const PAID = 'Thank you! Your payment is complete.';

function useCheckoutShop(): ShopFixture {
  const shop = useShop();
  /** every create-order request body that left the page, including any PayPal would refuse */
  let sent: unknown[] = [];
  beforeEach(async () => {
    shop.context.setDefaultTimeout(10_000);
    await resetSim(shop);
    await recordEvents(shop);
    sent = [];
    shop.context.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/paypal-sim/v2/checkout/orders') sent.push(request.postDataJSON());
    });
  });
  // Whatever a test did, every order sent to PayPal must be one PayPal accepts, with exact amounts.
  afterEach(() => {
    for (const body of sent) {
      expect(validateOrderBody(body)).toEqual([]);
      expect(checkBreakdown(body)).toEqual([]);
    }
  });
  return shop;
}

/** Clicks PayPal's button in the open cart; the simulated buyer does what buyerWill() said. */
async function pay(shop: ShopFixture): Promise<void> {
  await visible(paypalButton(shop.page));
  await paypalButton(shop.page).click();
}

async function payAndWaitForSuccess(shop: ShopFixture): Promise<void> {
  await pay(shop);
  await visible(dialog(shop.page).getByText(PAID));
}

/** A cart of 2 tees and a mug, open. */
async function cartWithTwoLines(shop: ShopFixture, config: Record<string, unknown> = {}): Promise<void> {
  await shop.page.goto(shopPage([TEE, MUG], config));
  await addToCart(shop.page, 'tee', { quantity: 2 });
  await addToCart(shop.page, 'mug');
  await openCart(shop.page);
}

const TWO_LINES = [
  { productId: 'tee', options: {}, quantity: 2 },
  { productId: 'mug', options: {}, quantity: 1 },
];

describe('an approved payment', () => {
  const shop = useCheckoutShop();

  it('shows the success view with the PayPal order id and removes the paid lines', async () => {
    await cartWithTwoLines(shop);
    await payAndWaitForSuccess(shop);
    const [order] = await simOrders(shop);
    expect(order?.status).toBe('COMPLETED');
    await visible(dialog(shop.page).getByText(`PayPal order ${order!.id}`));
    expect(await items(shop.page)).toEqual([]);
  });

  it('sets [data-cart-count] to 0', async () => {
    await shop.page.goto(shopPage([TEE, MUG]));
    await shop.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<span id="count" data-cart-count></span>'));
    await addToCart(shop.page, 'tee', { quantity: 2 });
    await pollOf(() => textOf(shop.page.locator('#count'))).toBe('2');
    await shop.page.evaluate(() => window.DropCart.open());
    await payAndWaitForSuccess(shop);
    await pollOf(() => textOf(shop.page.locator('#count'))).toBe('0');
  });

  it('emits dropcart:checkout, then dropcart:approve with the order id, items, totals and capture', async () => {
    await cartWithTwoLines(shop);
    await payAndWaitForSuccess(shop);
    const [order] = await simOrders(shop);
    const paying = await events(shop.page, ['checkout', 'approve']);
    expect(paying.map((e) => e.name)).toEqual(['checkout', 'approve']);
    const totals = { count: 3, subtotal: '52.50', shipping: '0.00', tax: '0.00', total: '52.50', currency: 'USD' };
    const lines = [
      expect.objectContaining({ productId: 'tee', name: 'Black tee', price: '20.00', quantity: 2, options: {} }),
      expect.objectContaining({ productId: 'mug', name: 'Mug', price: '12.50', quantity: 1, options: {} }),
    ];
    expect(paying[0]!.detail).toEqual({ items: lines, totals });
    const approve = paying[1]!.detail;
    expect(approve).toEqual({ orderId: order!.id, items: lines, totals, capture: expect.anything() });
    expect(approve.capture).toMatchObject({
      id: order!.id,
      status: 'COMPLETED',
      purchase_units: [{ payments: { captures: [{ status: 'COMPLETED', amount: { currency_code: 'USD', value: '52.50' } }] } }],
    });
  });

  it('visits successUrl with ?order=<PayPal order id> when one is configured', async () => {
    const thanks = fixturePage('<!doctype html><title>Thanks</title><h1>Thanks for your order</h1>');
    await cartWithTwoLines(shop, { successUrl: `${thanks}?from=shop` });
    await pay(shop);
    await shop.page.waitForURL((url) => url.pathname === thanks, { timeout: 5000 });
    const [order] = await simOrders(shop);
    const url = new URL(shop.page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ from: 'shop', order: order!.id });
    expect(order!.status).toBe('COMPLETED');
  });
});

describe('the order PayPal receives', () => {
  const shop = useCheckoutShop();

  /** The single body the page handed to PayPal, checked against the official schema and PayPal's 422 rules. */
  async function theOrderBody(): Promise<any> {
    const bodies = await sentBodies(shop.page);
    expect(bodies).toHaveLength(1);
    const body = bodies[0];
    expect(validateOrderBody(body)).toEqual([]);
    expect(checkBreakdown(body)).toEqual([]);
    expect((await simOrders(shop)).map((order) => order.body)).toEqual([body]);
    return body;
  }

  /** Each breakdown amount, formatted as the page formats money, is what the cart showed. */
  async function expectShown(shown: Record<string, string>, amount: any, labels: Record<string, string>): Promise<void> {
    const currency = amount.currency_code;
    const expected: Record<string, string> = {};
    for (const [label, key] of Object.entries(labels)) {
      expected[label] = key === '' ? '' : await formatted(shop.page, key === 'total' ? amount.value : amount.breakdown[key].value, currency);
    }
    expect(shown).toEqual(expected);
  }

  it('matches the cart in USD with options, a chosen shipping method and tax on goods and shipping', async () => {
    const config = {
      shipping: { methods: [
        { id: 'standard', label: 'Standard', amount: '4.95', freeOver: '100.00' },
        { id: 'express', label: 'Express', amount: '12.00' },
      ] },
      tax: { rate: '8.25', shipping: true },
    };
    const tee = { ...TEE, attrs: 'data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]"' };
    await shop.page.goto(shopPage([tee, MUG, EBOOK], config));
    await addToCart(shop.page, 'tee', { quantity: 2, options: { Size: 'L' } });
    await addToCart(shop.page, 'mug');
    await addToCart(shop.page, 'ebook');
    await openCart(shop.page);
    await dialog(shop.page).getByRole('radio', { name: /Express/ }).check();
    const shown = await shownTotals(shop.page);
    await payAndWaitForSuccess(shop);

    const body = await theOrderBody();
    const unit = body.purchase_units[0];
    // 2 × 22.00 + 12.50 + 9.99 = 66.49; tax 8.25 % of (44.00 + 12.50 + 12.00 shipping) = 5.65125 → 5.65
    expect(unit.amount).toEqual({
      currency_code: 'USD',
      value: '84.14',
      breakdown: {
        item_total: { currency_code: 'USD', value: '66.49' },
        shipping: { currency_code: 'USD', value: '12.00' },
        tax_total: { currency_code: 'USD', value: '5.65' },
      },
    });
    expect(unit.items).toEqual([
      { name: 'Black tee', unit_amount: { currency_code: 'USD', value: '22.00' }, quantity: '2', sku: 'tee', description: 'Size: L', category: 'PHYSICAL_GOODS' },
      { name: 'Mug', unit_amount: { currency_code: 'USD', value: '12.50' }, quantity: '1', sku: 'mug', category: 'PHYSICAL_GOODS' },
      { name: 'Brew guide', unit_amount: { currency_code: 'USD', value: '9.99' }, quantity: '1', sku: 'ebook', category: 'DIGITAL_GOODS' },
    ]);
    expect(body.payment_source).toBeUndefined();
    await expectShown(shown, unit.amount, { Subtotal: 'item_total', Shipping: 'shipping', Tax: 'tax_total', Total: 'total' });
    expect(shown.Total).toBe('$84.14');
  });

  it('matches the cart in JPY, a currency without decimals', async () => {
    const config = { currency: 'JPY', shipping: { methods: [{ id: 'std', label: 'Post', amount: '500' }] }, tax: { rate: '10' } };
    await shop.page.goto(shopPage([{ id: 'bowl', name: 'Tea bowl', price: '1200' }], config));
    await addToCart(shop.page, 'bowl', { quantity: 3 });
    await openCart(shop.page);
    const shown = await shownTotals(shop.page);
    await payAndWaitForSuccess(shop);

    const unit = (await theOrderBody()).purchase_units[0];
    expect(unit.amount).toEqual({
      currency_code: 'JPY',
      value: '4460',
      breakdown: {
        item_total: { currency_code: 'JPY', value: '3600' },
        shipping: { currency_code: 'JPY', value: '500' },
        tax_total: { currency_code: 'JPY', value: '360' },
      },
    });
    expect(unit.items[0].unit_amount).toEqual({ currency_code: 'JPY', value: '1200' });
    await expectShown(shown, unit.amount, { Subtotal: 'item_total', 'Shipping (Post)': 'shipping', Tax: 'tax_total', Total: 'total' });
    expect(shown.Total).toBe('¥4,460');
  });

  it('sends prices as shown and no tax_total when prices include tax', async () => {
    const config = { currency: 'EUR', shipping: { methods: [{ id: 'std', label: 'Standard', amount: '5.00' }] }, tax: { rate: '19', included: true } };
    await shop.page.goto(shopPage([{ id: 'vase', name: 'Vase', price: '59.90' }], config));
    await addToCart(shop.page, 'vase', { quantity: 2 });
    await openCart(shop.page);
    const shown = await shownTotals(shop.page);
    await payAndWaitForSuccess(shop);

    const unit = (await theOrderBody()).purchase_units[0];
    expect(unit.amount).toEqual({
      currency_code: 'EUR',
      value: '124.80',
      breakdown: { item_total: { currency_code: 'EUR', value: '119.80' }, shipping: { currency_code: 'EUR', value: '5.00' } },
    });
    await expectShown(shown, unit.amount, { Subtotal: 'item_total', 'Shipping (Standard)': 'shipping', 'Tax included': '', Total: 'total' });
  });

  it('charges no shipping once the subtotal reaches the method’s freeOver', async () => {
    const config = { shipping: { methods: [{ id: 'std', label: 'Standard', amount: '4.95', freeOver: '50.00' }] } };
    await shop.page.goto(shopPage([TEE], config));
    await addToCart(shop.page, 'tee', { quantity: 3 });
    await openCart(shop.page);
    const shown = await shownTotals(shop.page);
    await payAndWaitForSuccess(shop);

    const unit = (await theOrderBody()).purchase_units[0];
    expect(unit.amount).toEqual({
      currency_code: 'USD',
      value: '60.00',
      breakdown: { item_total: { currency_code: 'USD', value: '60.00' }, shipping: { currency_code: 'USD', value: '0.00' } },
    });
    expect(shown).toEqual({ Subtotal: '$60.00', 'Shipping (Standard)': 'Free', Total: '$60.00' });
  });

  it('asks PayPal for no shipping address when the cart holds only digital goods', async () => {
    const config = { shipping: { methods: [{ id: 'std', label: 'Standard', amount: '4.95' }] } };
    await shop.page.goto(shopPage([TEE, EBOOK], config));
    await addToCart(shop.page, 'ebook', { quantity: 2 });
    await openCart(shop.page);
    await payAndWaitForSuccess(shop);

    const body = await theOrderBody();
    expect(body.payment_source).toEqual({ paypal: { experience_context: { shipping_preference: 'NO_SHIPPING' } } });
    expect(body.purchase_units[0].amount).toEqual({
      currency_code: 'USD',
      value: '19.98',
      breakdown: { item_total: { currency_code: 'USD', value: '19.98' } },
    });
    expect(body.purchase_units[0].items.map((item: any) => item.category)).toEqual(['DIGITAL_GOODS']);
  });
});

describe('a payment that does not go through', () => {
  const shop = useCheckoutShop();

  it('returns to the cart with a message and everything kept when the buyer cancels, and emits dropcart:cancel', async () => {
    await cartWithTwoLines(shop);
    await buyerWill(shop.page, 'cancel');
    await pay(shop);
    const message = checkoutArea(shop.page).locator('[part~="status"]');
    await visible(message);
    expect(await textOf(message)).toBe('Payment cancelled. Your cart is still here.');
    const [order] = await simOrders(shop);
    expect((await events(shop.page, ['cancel', 'approve', 'error'])).map((e) => [e.name, e.detail])).toEqual([['cancel', { orderId: order!.id }]]);
    expect(order!.status).toBe('CREATED');
    expect(await items(shop.page)).toEqual(TWO_LINES);
    expect((await shownLines(shop.page)).map((line) => [line.name, line.quantity])).toEqual([['Black tee', '2'], ['Mug', '1']]);
    expect(await paypalButton(shop.page).isVisible()).toBe(true);
    expect(await dialog(shop.page).getByRole('button', { name: 'Increase quantity of Black tee' }).isEnabled()).toBe(true);
  });

  it('completes the payment when the first funding source is declined and the buyer picks another, reporting paypal_declined', async () => {
    await cartWithTwoLines(shop);
    await buyerWill(shop.page, 'scenario=decline&declineOnce=1');
    await payAndWaitForSuccess(shop);
    const [order] = await simOrders(shop);
    expect(order!.status).toBe('COMPLETED');
    expect(await simEvents(shop.page)).toContain('restart');
    const outcome = await events(shop.page, ['error', 'approve', 'cancel']);
    expect(outcome.map((e) => e.name === 'error' ? e.detail.code : e.name)).toEqual(['paypal_declined', 'approve']);
    expect(await items(shop.page)).toEqual([]);
  });

  it('shows the declined message with a retry and keeps the cart when every funding source is declined', async () => {
    await cartWithTwoLines(shop);
    await buyerWill(shop.page, 'decline');
    await pay(shop);
    await pollOf(() => textOf(checkoutArea(shop.page).getByRole('alert'))).toContain('Your payment method was declined.');
    await visible(retryButton(shop.page));
    const outcome = await events(shop.page, ['error', 'approve', 'cancel']);
    expect(outcome.map((e) => [e.name, e.detail.code])).toEqual([['error', 'paypal_declined']]);
    expect(await items(shop.page)).toEqual(TWO_LINES);
    expect((await simOrders(shop))[0]!.status).not.toBe('COMPLETED');
    expect(await dialog(shop.page).getByRole('button', { name: 'Increase quantity of Black tee' }).isEnabled()).toBe(true);
  });

  it('shows an error with a retry and keeps the cart when PayPal fails, emitting paypal_error', async () => {
    await cartWithTwoLines(shop);
    await buyerWill(shop.page, 'error');
    await pay(shop);
    await pollOf(() => textOf(checkoutArea(shop.page).getByRole('alert'))).toContain('The payment could not be completed. Nothing was charged.');
    await visible(retryButton(shop.page));
    const outcome = await events(shop.page, ['error', 'approve', 'cancel']);
    expect(outcome.map((e) => [e.name, e.detail.code])).toEqual([['error', 'paypal_error']]);
    expect(await items(shop.page)).toEqual(TWO_LINES);
    expect((await shownLines(shop.page)).map((line) => line.quantity)).toEqual(['2', '1']);
  });

  it('renders PayPal’s buttons afresh on retry, and the buyer can then pay', async () => {
    await cartWithTwoLines(shop);
    await buyerWill(shop.page, 'error');
    await pay(shop);
    await visible(retryButton(shop.page));
    const before = await simEvents(shop.page);
    expect(before.filter((type) => type === 'rendered')).toHaveLength(1);

    await buyerWill(shop.page, 'approve');
    await retryButton(shop.page).click();
    await pollOf(async () => (await simEvents(shop.page)).slice(before.length)).toEqual(['closed', 'rendered']);
    await pollOf(() => checkoutArea(shop.page).getByRole('alert').count()).toBe(0);
    await payAndWaitForSuccess(shop);
    expect((await simOrders(shop)).map((order) => order.status)).toEqual(['CREATED', 'COMPLETED']);
  });
});

describe('PayPal’s window over the open cart', () => {
  const shop = useCheckoutShop();
  const overlay = () => shop.page.locator('[data-paypal-sim="overlay"]');
  /** Whether the cart's dialog is modal (the page inert under it), from inside its shadow root. */
  const cartIsModal = () => shop.page.evaluate(() => document.querySelector('dropcart-cart')!.shadowRoot!.querySelector('dialog')!.matches(':modal'));

  // paypal-js#528: PayPal covers the page with an overlay in <body> while its window is open; under a modal
  // <dialog> that overlay would sit below the top layer, inert, and the buyer could neither see nor use it.
  it('lets the buyer see and use PayPal’s overlay, then makes the cart modal again when they close it', async () => {
    await cartWithTwoLines(shop);
    expect(await cartIsModal()).toBe(true);
    await buyerWill(shop.page, 'hold=1');
    await pay(shop);
    await visible(overlay());
    // on top where the cart is too, and usable: the page is not inert under it
    const topmost = await shop.page.evaluate(() => {
      const at = (x: number, y: number) => document.elementFromPoint(x, y)?.closest('[data-paypal-sim="overlay"]') !== null;
      return [at(10, 10), at(innerWidth - 10, innerHeight / 2)];
    });
    expect(topmost).toEqual([true, true]);
    await overlay().getByRole('button', { name: 'Click to Continue' }).click();
    await overlay().getByRole('button', { name: 'Close PayPal' }).click();

    const message = checkoutArea(shop.page).locator('[part~="status"]');
    await visible(message);
    expect(await textOf(message)).toBe('Payment cancelled. Your cart is still here.');
    expect(await overlay().count()).toBe(0);
    expect(await cartIsModal()).toBe(true);
    expect((await simEvents(shop.page)).filter((type) => type.startsWith('overlay'))).toEqual(['overlayShown', 'overlayContinue', 'overlayClosed']);
    expect(await items(shop.page)).toEqual(TWO_LINES);
  });

  it('makes the cart modal again, with the success view, once the buyer approves', async () => {
    await cartWithTwoLines(shop);
    await buyerWill(shop.page, 'hold=1');
    await pay(shop);
    await visible(overlay());
    expect(await cartIsModal()).toBe(false);
    await shop.page.evaluate(() => (window as unknown as { __paypalSim: { release: () => void } }).__paypalSim.release());
    await visible(dialog(shop.page).getByText(PAID));
    expect(await cartIsModal()).toBe(true);
    // Escape still closes it, as a modal dialog
    await shop.page.keyboard.press('Escape');
    await pollOf(() => dialog(shop.page).count()).toBe(0);
  });
});

describe('Buy now', () => {
  const shop = useCheckoutShop();

  it('pays for that one product in the chosen quantity and leaves the cart’s lines alone', async () => {
    await shop.page.goto(shopPage([TEE, MUG]));
    await addToCart(shop.page, 'tee');
    await shop.page.getByRole('button', { name: 'Buy now: Mug' }).click();
    await visible(dialog(shop.page).getByRole('heading', { name: 'Buy now' }));
    expect(await shop.page.getByRole('dialog', { name: 'Cart: Buy now', exact: true }).count()).toBe(1); // SPEC §6
    expect(await shownLines(shop.page)).toEqual([{ name: 'Mug', quantity: '1', amount: '$12.50' }]);

    await dialog(shop.page).getByRole('button', { name: 'Increase quantity of Mug' }).click();
    await pollOf(() => textOf(dialog(shop.page).locator('[data-total]'))).toBe('$25.00');
    await payAndWaitForSuccess(shop);

    const [order] = await simOrders(shop);
    expect(order!.body.purchase_units[0].items).toEqual([expect.objectContaining({ name: 'Mug', quantity: '2' })]);
    expect(order!.body.purchase_units[0].amount.value).toBe('25.00');
    const [approve] = await events(shop.page, ['approve']);
    expect(approve!.detail.items).toEqual([expect.objectContaining({ productId: 'mug', quantity: 2 })]);
    expect(await items(shop.page)).toEqual([{ productId: 'tee', options: {}, quantity: 1 }]);
  });

  it('pays for the options the buyer chose on the product', async () => {
    const tee = { ...TEE, attrs: 'data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]"' };
    await shop.page.goto(shopPage([tee]));
    await shop.page.locator('dropcart-buttons select').selectOption('L');
    await shop.page.getByRole('button', { name: 'Buy now: Black tee' }).click();
    await visible(dialog(shop.page).getByText('Size: L'));
    expect(await shownLines(shop.page)).toEqual([{ name: 'Black tee', quantity: '1', amount: '$22.00' }]);
    await payAndWaitForSuccess(shop);

    const [order] = await simOrders(shop);
    expect(order!.body.purchase_units[0].items).toEqual([
      expect.objectContaining({ name: 'Black tee', description: 'Size: L', unit_amount: { currency_code: 'USD', value: '22.00' }, quantity: '1' }),
    ]);
    expect(await items(shop.page)).toEqual([]);
  });

  it('renders the product’s PayPal Hosted Button instead of Buttons', async () => {
    const button = { id: 'GIFT25HB7XQ2M', name: 'Gift card', amount: { currency_code: 'USD', value: '25.00' } };
    expect((await fetch(`${shop.url}/paypal-sim/hosted-buttons`, { method: 'POST', body: JSON.stringify(button) })).status).toBe(201);
    const gift = { id: 'gift', name: 'Gift card', price: '25.00', attrs: `data-product-hosted-button-id="${button.id}"` };
    await shop.page.goto(shopPage([gift, MUG]));
    await shop.page.getByRole('button', { name: 'Buy now: Gift card' }).click();

    await visible(hostedButton(shop.page));
    expect(await hostedButton(shop.page).getAttribute('data-hosted-button-id')).toBe(button.id);
    expect(await paypalButton(shop.page).count()).toBe(0);
    expect(sdkRequests(shop).map((url) => url.searchParams.get('components'))).toEqual(['buttons,hosted-buttons']);

    // PayPal, not the page, prices and captures a Hosted Button's order.
    await hostedButton(shop.page).click();
    await pollOf(async () => (await simOrders(shop)).map((order) => [order.status, order.body.purchase_units[0].amount.value])).toEqual([['COMPLETED', '25.00']]);
    expect(await sentBodies(shop.page)).toEqual([]);
  });
});

describe('the checkout lock', () => {
  const shop = useCheckoutShop();

  /** Holds the simulated buyer in PayPal's window (after the order is created) until `release()`. */
  async function holdBuyerInPayPal(): Promise<{ inPayPal: Promise<void>; release: () => void }> {
    let release!: () => void;
    let arrived!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inPayPal = new Promise<void>((resolve) => (arrived = resolve));
    await shop.page.route('**/paypal-sim/buyer/orders/*/approve', async (route) => {
      arrived();
      await gate;
      await route.continue();
    });
    return { inPayPal, release };
  }

  it('charges what was shown when checkout began and removes only the paid quantities, whatever another tab does', async () => {
    const path = shopPage([TEE, MUG, CAP]);
    await shop.page.goto(path);
    await addToCart(shop.page, 'tee', { quantity: 2 });
    await addToCart(shop.page, 'mug');
    await openCart(shop.page);
    const linesBefore = await shownLines(shop.page);
    const totalsBefore = await shownTotals(shop.page);
    expect(totalsBefore.Total).toBe('$52.50');

    const buyer = await holdBuyerInPayPal();
    await pay(shop);
    await buyer.inPayPal;

    const other = await shop.context.newPage();
    await other.goto(path);
    await other.evaluate(async () => {
      await window.DropCart.ready;
      const tee = window.DropCart.items().find((line) => line.productId === 'tee')!;
      window.DropCart.setQuantity(tee.id, 5);
      await window.DropCart.add('mug', { quantity: 2 });
      await window.DropCart.add('cap');
    });
    const changed = [
      { productId: 'tee', options: {}, quantity: 5 },
      { productId: 'mug', options: {}, quantity: 3 },
      { productId: 'cap', options: {}, quantity: 1 },
    ];
    await pollOf(() => items(shop.page)).toEqual(changed); // the change reached this tab…

    expect(await shownLines(shop.page)).toEqual(linesBefore); // …but not what the buyer is paying for
    expect(await shownTotals(shop.page)).toEqual(totalsBefore);
    expect(await dialog(shop.page).getByRole('button', { name: 'Increase quantity of Black tee' }).isDisabled()).toBe(true);

    buyer.release();
    await visible(dialog(shop.page).getByText(PAID));
    const [order] = await simOrders(shop);
    expect(order!.status).toBe('COMPLETED');
    expect(await formatted(shop.page, order!.body.purchase_units[0].amount.value, 'USD')).toBe(totalsBefore.Total);
    const [approve] = await events(shop.page, ['approve']);
    expect(approve!.detail.totals.total).toBe('52.50');

    const left = [
      { productId: 'tee', options: {}, quantity: 3 },
      { productId: 'mug', options: {}, quantity: 2 },
      { productId: 'cap', options: {}, quantity: 1 },
    ];
    expect(await items(shop.page)).toEqual(left);
    await pollOf(() => items(other)).toEqual(left);
  });

  it('removes the paid lines and confirms the payment even when the buyer closed the cart while PayPal’s window was open', async () => {
    await cartWithTwoLines(shop);
    const buyer = await holdBuyerInPayPal();
    await pay(shop);
    await buyer.inPayPal;
    await shop.page.evaluate(() => window.DropCart.close());
    await addToCart(shop.page, 'mug');

    buyer.release();
    await pollOf(async () => (await simOrders(shop)).map((order) => order.status)).toEqual(['COMPLETED']);
    await pollOf(() => events(shop.page, ['approve']).then((list) => list.length)).toBe(1);
    const [approve] = await events(shop.page, ['approve']);
    expect(approve!.detail.totals.total).toBe('52.50');
    expect(approve!.detail.items.map((line: any) => [line.productId, line.quantity])).toEqual([['tee', 2], ['mug', 1]]);
    expect(await items(shop.page)).toEqual([{ productId: 'mug', options: {}, quantity: 1 }]);
    await visible(dialog(shop.page).getByText(PAID)); // the cart opens again to confirm the payment
  });
});
