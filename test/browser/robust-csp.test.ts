// A strict Content-Security-Policy (issue 4, SPEC §1): `default-src 'self'; script-src 'self' 'nonce-abc';
// style-src 'self'` — no inline styles, no inline script, no eval. The whole shopper's path works under
// it (buttons, cart, Buy now, PayPal checkout with the simulator's SDK, success view) without a single
// `securitypolicyviolation` event. checkout-sdk.test.ts checks the nonce hand-over alone; this file checks
// that nothing else dropcart does needs a relaxed policy.
import { beforeEach, describe, expect, it } from 'vitest';
import { fixturePage, useShop } from './harness';
import { PAYPAL, dialog, paypalButton, product, resetSim, simOrders, visible, pollOf } from './checkout-helpers';

const POLICY = "default-src 'self'; script-src 'self' 'nonce-abc'; style-src 'self'";

const shop = useShop();

beforeEach(async () => {
  shop.context.setDefaultTimeout(10_000);
  await resetSim(shop);
  // Recorded before any script of the page runs (init scripts are not subject to the page's CSP).
  await shop.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
});

const violations = (): Promise<string[]> => shop.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

function strictPage(config: unknown, body: string): string {
  return fixturePage(
    `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>strict</title>
<script nonce="abc" src="/dist/dropcart.js" defer></script>
<script type="application/json" id="dropcart-config">${JSON.stringify(config)}</script></head>
<body>${body}</body></html>`,
    { headers: { 'Content-Security-Policy': POLICY } },
  );
}

const SIZES = 'data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]"';

describe('under a strict Content-Security-Policy', () => {
  it('the policy really is enforced on the test page (an inline style and script are refused)', async () => {
    await shop.page.goto(strictPage({}, '<p id="p" style="color: red">x</p><script>window.inlineRan = true</script>'));
    await pollOf(violations).toHaveLength(2);
    expect(await shop.page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  });

  it('adds, opens the cart, buys now and pays with PayPal without one policy violation', async () => {
    const body = product({ id: 'tee', name: 'Black tee', price: '20.00', attrs: SIZES }) + product({ id: 'mug', name: 'Mug', price: '12.50' });
    const config = { paypal: PAYPAL, shipping: { methods: [{ id: 'std', label: 'Standard', amount: '4.00' }, { id: 'exp', label: 'Express', amount: '9.00' }] }, theme: { accent: '#0a7', radius: '4px' } };
    await shop.page.goto(strictPage(config, body));
    await shop.page.evaluate(() => window.DropCart.ready);
    // The inserted buttons are styled (constructable stylesheets work under the policy).
    const add = shop.page.locator('article[data-product-id="tee"]').getByRole('button', { name: /^Add to cart/ });
    expect(await add.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('4px');
    await shop.page.locator('article[data-product-id="tee"]').getByRole('combobox').selectOption('L');
    await add.click();
    await shop.page.locator('article[data-product-id="mug"]').getByRole('button', { name: /^Add to cart/ }).click();

    // Buy now: the single-product view with PayPal's button.
    await shop.page.locator('article[data-product-id="mug"]').getByRole('button', { name: /^Buy now/ }).click();
    await visible(paypalButton(shop.page));
    await shop.page.keyboard.press('Escape');
    await dialog(shop.page).waitFor({ state: 'hidden' });

    await shop.page.getByRole('button', { name: /^Cart, / }).click();
    await visible(dialog(shop.page));
    await dialog(shop.page).getByRole('radio', { name: /Express/ }).check();
    await visible(paypalButton(shop.page));
    // The SDK carries the nonce; the cart dialog is laid out (styles applied), not unstyled.
    expect(await shop.page.evaluate(() => (document.querySelector('script[src*="/paypal-sim/sdk/js"]') as HTMLScriptElement).nonce)).toBe('abc');
    expect(await dialog(shop.page).evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await paypalButton(shop.page).click();
    await visible(dialog(shop.page).locator('[part="success"]'));
    const [order] = await simOrders(shop);
    expect(order?.status).toBe('COMPLETED');
    expect(order?.body.purchase_units[0].amount.value).toBe('43.50');

    expect(await violations()).toEqual([]);
    expect(shop.messages.filter((m) => /Content Security Policy/i.test(m.text))).toEqual([]);
    expect(shop.errors).toEqual([]);
  });
});
