// Loading PayPal's SDK (SPEC §1, §5): lazily, with the store's settings and dropcart's nonce, with progress
// while it loads, recovering from a failed load, into a light-DOM container; and a cart that keeps working
// when checkout cannot be set up. Runs dist/dropcart.js in Chromium against the PayPal simulator.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixturePage, useShop } from './harness';
import {
  PAYPAL,
  addToCart,
  checkoutArea,
  dialog,
  events,
  items,
  openCart,
  paypalButton,
  product,
  recordEvents,
  retryButton,
  sdkRequests,
  sdkWill,
  shopPage,
  simEvents,
  textOf,
  visible,
  pollOf,
} from './checkout-helpers';

const TEE = { id: 'tee', name: 'Black tee', price: '20.00' };

describe('loading PayPal', () => {
  const shop = useShop();
  beforeEach(() => shop.context.setDefaultTimeout(10_000));

  /** A shopper who filled the cart on an earlier visit comes back: a fresh tab on `path`, fully loaded. */
  async function returningShopper(path: string): Promise<{ page: Page; sdkBefore: number }> {
    await shop.page.goto(path);
    await addToCart(shop.page, 'tee');
    await shop.page.close();
    const page = await shop.context.newPage();
    const sdkBefore = sdkRequests(shop).length; // the first visit may have warmed PayPal up: not counted
    await page.goto(path, { waitUntil: 'networkidle' });
    await page.evaluate(() => window.DropCart.ready);
    return { page, sdkBefore };
  }

  it('does not request PayPal’s SDK while the page loads, even with a cart full from an earlier visit', async () => {
    const { page, sdkBefore } = await returningShopper(shopPage([TEE]));
    expect(await items(page)).toEqual([{ productId: 'tee', options: {}, quantity: 1 }]);
    expect(shop.requests.some((url) => url.endsWith('/dist/dropcart.js'))).toBe(true);
    expect(sdkRequests(shop).length).toBe(sdkBefore);
  });

  it('requests the SDK with the store’s currency, intent=capture and its namespace when the cart opens', async () => {
    const { page, sdkBefore } = await returningShopper(shopPage([TEE], { currency: 'EUR' }));
    expect(sdkRequests(shop).length).toBe(sdkBefore);
    await openCart(page);
    await expect.poll(() => sdkRequests(shop).length).toBe(sdkBefore + 1);
    const url = sdkRequests(shop).at(-1)!;
    expect(url.pathname).toBe('/paypal-sim/sdk/js');
    expect(Object.fromEntries(url.searchParams)).toEqual({ 'client-id': 'sim-client', currency: 'EUR', intent: 'capture', components: 'buttons' });
    const namespace = await page.evaluate(() => document.querySelector('script[src*="/paypal-sim/sdk/js"]')?.getAttribute('data-namespace'));
    expect(namespace).toBe('dropcartPayPal');
    await visible(paypalButton(page));
  });

  it('passes the nonce of its own script tag on to PayPal’s script, which a strict CSP then runs', async () => {
    const config = JSON.stringify({ paypal: PAYPAL });
    const page = fixturePage(
      `<!doctype html><html lang="en-US"><head><meta charset="utf-8">
<script nonce="abc" src="/dist/dropcart.js"></script>
<script type="application/json" id="dropcart-config">${config}</script></head>
<body>${product(TEE)}</body></html>`,
      // Only scripts carrying the nonce may run: PayPal's loads only if dropcart handed the nonce on.
      { headers: { 'Content-Security-Policy': "script-src 'nonce-abc'; object-src 'none'; base-uri 'none'" } },
    );
    await shop.page.goto(page);
    await addToCart(shop.page, 'tee');
    await shop.page.evaluate(() => window.DropCart.open());
    await visible(paypalButton(shop.page));
    const nonce = await shop.page.evaluate(() => (document.querySelector('script[src*="/paypal-sim/sdk/js"]') as HTMLScriptElement).nonce);
    expect(nonce).toBe('abc');
    expect(shop.messages.filter((m) => /Content Security Policy/i.test(m.text))).toEqual([]);
  });

  it('requests the SDK once the browser is idle after the first add, without the cart being opened', async () => {
    await shop.page.goto(shopPage([TEE]), { waitUntil: 'networkidle' });
    expect(sdkRequests(shop)).toEqual([]);
    await shop.page.getByRole('button', { name: 'Add to cart: Black tee' }).click();
    await expect.poll(() => sdkRequests(shop).length, { timeout: 6000 }).toBe(1);
    expect(await dialog(shop.page).isVisible()).toBe(false);
  });

  it('shows progress in the checkout area while the SDK loads, then PayPal’s button', async () => {
    // The SDK is held back until the test has looked at the checkout area (a slow network, made exact).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await shop.page.route((url) => url.pathname === '/paypal-sim/sdk/js', async (route) => {
      await held;
      await route.continue();
    });
    await shop.page.goto(shopPage([TEE]));
    await addToCart(shop.page, 'tee');
    await shop.page.evaluate(() => window.DropCart.open());
    await pollOf(() => checkoutArea(shop.page).getAttribute('aria-busy')).toBe('true');
    await visible(checkoutArea(shop.page).locator('.skeleton'));
    expect(await textOf(checkoutArea(shop.page).getByRole('status'))).toBe('Loading secure checkout…');
    expect(await paypalButton(shop.page).count()).toBe(0);

    release();
    await visible(paypalButton(shop.page));
    await pollOf(() => checkoutArea(shop.page).getAttribute('aria-busy')).toBe('false');
    expect(await checkoutArea(shop.page).locator('.skeleton').count()).toBe(0);
  });

  it('renders PayPal’s buttons once when the cart is closed and opened again while the SDK loads', async () => {
    await sdkWill(shop, 'scenario=slow&delay=800');
    await recordEvents(shop);
    await shop.page.goto(shopPage([TEE]));
    await addToCart(shop.page, 'tee');
    await shop.page.evaluate(() => {
      window.DropCart.open();
      window.DropCart.close();
      window.DropCart.open();
    });
    await visible(paypalButton(shop.page));
    await shop.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect((await simEvents(shop.page)).filter((type) => type === 'rendered')).toHaveLength(1);
    expect(await paypalButton(shop.page).count()).toBe(1);
    expect(await events(shop.page, ['error'])).toEqual([]);
  });

  it('renders PayPal’s button in the light DOM, visible inside the open cart dialog', async () => {
    await shop.page.goto(shopPage([TEE]));
    await addToCart(shop.page, 'tee');
    await openCart(shop.page);
    const button = paypalButton(shop.page);
    await visible(button);
    const where = await button.evaluate((el) => {
      const container = el.closest('[slot="checkout"]');
      const slot = container?.assignedSlot;
      const dialogElement = slot?.closest('dialog');
      return {
        lightDom: el.getRootNode() === document,
        inCartHost: container?.parentElement?.localName,
        slotInShadowRoot: slot?.getRootNode() instanceof ShadowRoot,
        dialogOpen: dialogElement?.open,
      };
    });
    expect(where).toEqual({ lightDom: true, inCartHost: 'dropcart-cart', slotInShadowRoot: true, dialogOpen: true });
    // Measured together once the dialog has slid in: the button lies within the dialog's box.
    const inside = await button.evaluate(async (el) => {
      const dialogElement = el.closest('[slot="checkout"]')!.assignedSlot!.closest('dialog')!;
      await Promise.all(dialogElement.getAnimations({ subtree: true }).map((animation) => animation.finished));
      const [b, d] = [el.getBoundingClientRect(), dialogElement.getBoundingClientRect()];
      return b.width > 0 && b.height > 0 && b.left >= d.left && b.right <= d.right && b.top >= d.top && b.bottom <= d.bottom;
    });
    expect(inside).toBe(true);
  });
});

describe('when PayPal’s SDK does not load', () => {
  const shop = useShop();
  beforeEach(() => shop.context.setDefaultTimeout(10_000));

  for (const scenario of ['loadFail', 'noGlobal'] as const) {
    it(`shows a message and a retry, keeps the cart and emits paypal_load_failed (${scenario})`, async () => {
      await recordEvents(shop);
      await sdkWill(shop, scenario);
      await shop.page.goto(shopPage([TEE]));
      await addToCart(shop.page, 'tee', { quantity: 2 });
      await shop.page.evaluate(() => window.DropCart.open());
      await pollOf(() => textOf(checkoutArea(shop.page).getByRole('alert'))).toContain('Secure checkout could not be loaded.');
      await visible(retryButton(shop.page));
      expect(await paypalButton(shop.page).count()).toBe(0);
      expect(await items(shop.page)).toEqual([{ productId: 'tee', options: {}, quantity: 2 }]);
      expect((await events(shop.page, ['error'])).map((e) => e.detail.code)).toEqual(['paypal_load_failed']);
    });
  }

  it('does not fetch the SDK again at idle after the open cart’s load failed', async () => {
    await sdkWill(shop, 'loadFail');
    await shop.page.goto(shopPage([TEE]));
    // The add asks for PayPal at idle; the cart, opened at once, asks first and fails.
    await shop.page.evaluate(() => window.DropCart.add('tee').then(() => window.DropCart.open()));
    await visible(retryButton(shop.page));
    // Idle callbacks run in the order they were asked for: once this one has run, the add's has too.
    await shop.page.evaluate(() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 300), { timeout: 5000 })));
    expect(sdkRequests(shop).length).toBe(1);
  });

  it('loads PayPal when the buyer retries after the failure is fixed', async () => {
    await sdkWill(shop, 'loadFail');
    await shop.page.goto(shopPage([TEE]));
    await addToCart(shop.page, 'tee');
    await shop.page.evaluate(() => window.DropCart.open());
    await visible(retryButton(shop.page));
    await expect.poll(() => sdkRequests(shop).length).toBeGreaterThanOrEqual(1);
    const failedRequests = sdkRequests(shop).length;

    await sdkWill(shop, 'approve');
    await retryButton(shop.page).click();
    await visible(paypalButton(shop.page));
    expect(sdkRequests(shop).length).toBe(failedRequests + 1);
    await pollOf(() => checkoutArea(shop.page).getByRole('alert').count()).toBe(0);
    expect(await shop.page.locator('script[src*="/paypal-sim/sdk/js"]').count()).toBe(1);
  });
});

describe('when checkout cannot be set up', () => {
  const shop = useShop();
  beforeEach(() => shop.context.setDefaultTimeout(10_000));

  it('tells the owner to set a client id, logs it, and the cart still works', async () => {
    await shop.page.goto(shopPage([TEE], { paypal: {} }));
    await shop.page.getByRole('button', { name: 'Add to cart: Black tee' }).click();
    await openCart(shop.page);
    await pollOf(() => textOf(checkoutArea(shop.page))).toContain('the shop owner needs to add a PayPal client id');
    expect(shop.dropcartMessages().some((text) => text.includes('"clientId"'))).toBe(true);
    expect(shop.messages.find((m) => m.text.includes('"clientId"'))?.type).toBe('error');

    await shop.page.getByRole('button', { name: 'Increase quantity of Black tee' }).click();
    expect(await items(shop.page)).toEqual([{ productId: 'tee', options: {}, quantity: 2 }]);
    await pollOf(() => textOf(dialog(shop.page).locator('[data-total]'))).toBe('$40.00');
    expect(sdkRequests(shop)).toEqual([]);
    expect(shop.errors).toEqual([]);
  });

  it('says checkout is unavailable in an unsupported currency, and the cart still works', async () => {
    await shop.page.goto(shopPage([{ id: 'tee', name: 'Black tee', price: '20' }], { currency: 'XYZ' }));
    await shop.page.getByRole('button', { name: 'Add to cart: Black tee' }).click();
    await openCart(shop.page);
    await pollOf(() => textOf(checkoutArea(shop.page))).toContain('Checkout is not available in XYZ.');
    expect(shop.dropcartMessages().some((text) => text.includes('XYZ'))).toBe(true);

    await shop.page.getByRole('button', { name: 'Increase quantity of Black tee' }).click();
    expect(await items(shop.page)).toEqual([{ productId: 'tee', options: {}, quantity: 2 }]);
    expect(sdkRequests(shop)).toEqual([]);
    expect(shop.errors).toEqual([]);
  });
});
