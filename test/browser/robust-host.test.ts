// Host interference (issue 4, SPEC §1): pages that already use the names dropcart and PayPal use, that
// patch built-ins the way old libraries did (Prototype.js), that set a <base href>, or that run dropcart in
// an iframe. dropcart keeps working, or says clearly with [dropcart] why it cannot.
import { beforeEach, describe, expect, it } from 'vitest';
import { dropcartPage, fixturePage, useShop } from './harness';
import { PAYPAL, dialog, paypalButton, product, resetSim, sentBodies, simOrders, visible, pollOf, shownLines } from './checkout-helpers';
import { storageKey } from '../../src/constants';
import type { Frame, Page } from 'playwright-core';

/** the stored cart of the test pages' store, in USD */
const STORAGE_KEY = storageKey('USD');

const shop = useShop();
beforeEach(async () => {
  shop.context.setDefaultTimeout(10_000);
  await resetSim(shop);
});

const TEE = product({ id: 'tee', name: 'Black tee', price: '20.00' });

/** Adds the tee with its button, opens the cart with the floating button, pays, and waits for success. */
async function buyTee(frame: Page | Frame): Promise<void> {
  await frame.locator('article[data-product-id="tee"]').getByRole('button', { name: /^Add to cart/ }).click();
  await frame.getByRole('button', { name: /^Cart, 1 item/ }).click();
  await visible(frame.getByRole('dialog'));
  await visible(paypalButton(frame as Page));
  await paypalButton(frame as Page).click();
  await visible(frame.getByRole('dialog').locator('[part="success"]'));
  await pollOf(async () => (await simOrders(shop)).map((o) => o.status)).toEqual(['COMPLETED']);
}

describe('globals of the host page', () => {
  it('adds one global to the page, DropCart, and nothing else', async () => {
    await shop.page.addInitScript(() => {
      (window as unknown as { namesBefore: string[] }).namesBefore = Object.getOwnPropertyNames(window);
    });
    await shop.page.goto(dropcartPage(TEE, { config: { paypal: PAYPAL } }));
    const added = await shop.page.evaluate(async () => {
      await window.DropCart.ready;
      await window.DropCart.add('tee'); // the cart's stores in use too
      const before = new Set((window as unknown as { namesBefore: string[] }).namesBefore);
      return Object.getOwnPropertyNames(window).filter((name) => !before.has(name) && name !== 'namesBefore');
    });
    expect(added).toEqual(['DropCart']);
  });

  it('keeps working on a page that froze a nanostoresGlobal of its own', async () => {
    // nanostores shares its change counter through this global; dropcart's copy keeps its own
    const head = `<script>window.nanostoresGlobal = Object.freeze({ epoch: 0 });</script>`;
    await shop.page.goto(dropcartPage(TEE, { config: { paypal: PAYPAL }, head }));
    await buyTee(shop.page);
    expect(shop.errors).toEqual([]);
  });

  it.each([
    ['var', 'var DropCart = { mine: true };'],
    ['window property', 'window.DropCart = { mine: true };'],
    ['function declaration', 'function DropCart() {}'],
  ])('takes over a DropCart defined by the page (%s) and says so', async (_how, script) => {
    await shop.page.goto(dropcartPage(TEE, { config: { paypal: PAYPAL }, head: `<script>${script}</script>` }));
    await shop.page.evaluate(() => window.DropCart.ready);
    expect(await shop.page.evaluate(() => typeof window.DropCart.add)).toBe('function');
    expect(shop.dropcartMessages()).toContainEqual(expect.stringMatching(/window\.DropCart was already defined by the page/));
    await buyTee(shop.page);
    expect(shop.errors).toEqual([]);
  });

  it('says clearly why the API is missing when the page made DropCart read-only, and the cart still works', async () => {
    const head = `<script>Object.defineProperty(window, 'DropCart', { value: { mine: true }, writable: false, configurable: false });</script>`;
    await shop.page.goto(dropcartPage(TEE, { config: { paypal: PAYPAL }, head }));
    await pollOf(() => shop.dropcartMessages()).toContainEqual(expect.stringMatching(/window\.DropCart is defined by the page and cannot be replaced/));
    expect(await shop.page.evaluate(() => (window as any).DropCart)).toEqual({ mine: true });
    await buyTee(shop.page);
    expect(shop.errors).toEqual([]);
  });

  it('leaves the page’s own paypal, h and html alone and still checks out', async () => {
    const head = `<script>
      window.paypal = { mine: 'paypal' };
      var h = function h() { return 'host h'; };
      var html = 'host html';
    </script>`;
    await shop.page.goto(dropcartPage(TEE, { config: { paypal: PAYPAL }, head }));
    await buyTee(shop.page);
    expect(await shop.page.evaluate(() => [(window as any).paypal, (window as any).h(), (window as any).html])).toEqual([{ mine: 'paypal' }, 'host h', 'host html']);
    expect(shop.errors).toEqual([]);
  });
});

describe('built-ins patched by old libraries', () => {
  // Prototype.js 1.6 gave arrays a toJSON that returns a string, so JSON.stringify([1]) === '"[1]"'; it
  // also added enumerable helpers everywhere. Such pages still exist.
  const PROTOTYPE_JS = `<script>
    Array.prototype.toJSON = function () { return '[' + this.join(',') + ']'; };
    Object.prototype.extend = function () { return this; };
    Array.prototype.each = function (f) { for (var i = 0; i < this.length; i++) f(this[i]); };
    String.prototype.toJSON = function () { return '"' + this + '"'; };
  </script>`;
  const BROKEN_STRINGIFY = `<script>
    // A wrapper that drops the replacer and indentation arguments, as some old shims did.
    (function (stringify) { JSON.stringify = function (value) { return stringify(value); }; })(JSON.stringify);
  </script>`;

  it('keeps the cart across a reload on a page with Prototype.js-style Array.prototype.toJSON and enumerable additions', async () => {
    const path = dropcartPage(TEE + product({ id: 'mug', name: 'Mug', price: '12.50', attrs: 'data-product-option1-name="Size" data-product-option1-values="S|L[+1.00]"' }), { config: { paypal: PAYPAL }, head: PROTOTYPE_JS + BROKEN_STRINGIFY });
    await shop.page.goto(path);
    await shop.page.evaluate(() => window.DropCart.ready);
    await shop.page.evaluate(() => window.DropCart.add('tee', { quantity: 2 }));
    await shop.page.evaluate(() => window.DropCart.add('mug', { options: { Size: 'L' } }));
    // What was stored is real JSON with a list of lines, whatever the page did to the built-ins.
    const stored = await shop.page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
    expect(Array.isArray(JSON.parse(stored!).lines)).toBe(true);
    await shop.page.reload();
    await shop.page.evaluate(() => window.DropCart.ready);
    expect(await shop.page.evaluate(() => window.DropCart.items().map((l) => [l.productId, l.quantity, l.options]))).toEqual([
      ['tee', 2, {}],
      ['mug', 1, { Size: 'L' }],
    ]);
    await shop.page.evaluate(() => window.DropCart.open());
    await visible(dialog(shop.page));
    expect((await shownLines(shop.page)).map((l) => l.name)).toEqual(['Black tee', 'Mug']);
    expect(shop.dropcartMessages().filter((m) => /unreadable|unknown version/.test(m))).toEqual([]);
    // The page's own helpers are back in place.
    expect(await shop.page.evaluate(() => JSON.stringify([1, 2]))).toBe('"[1,2]"');
    expect(shop.errors).toEqual([]);
  });

  it('sells on a page with MooTools 1.4.5 (Joomla 2.5), whose Array.from ignores a map function, and still sees option changes', async () => {
    // MooTools' own code, from npm (its Core: Array.from, Function, String, Object, Class, JSON). Its Array.from
    // turns Array.from({ length: 2 }, f) into a list of two holes: the option attributes dropcart watches for
    // changes were built that way, so a product's options changed after load went unnoticed on such pages.
    const head = '<script src="/node_modules/mootools/lib/mootools-core-1.4.5-server.js"></script>';
    const tee = product({ id: 'tee', name: 'Black tee', price: '20.00', attrs: 'data-product-option1-name="Size" data-product-option1-values="S|M"' });
    await shop.page.goto(dropcartPage(tee, { config: { paypal: PAYPAL }, head }));
    await shop.page.evaluate(() => window.DropCart.ready);
    expect(await shop.page.evaluate(() => [typeof (window as unknown as { MooTools?: unknown }).MooTools, Array.from({ length: 2 }, () => 1).length, 0 in Array.from({ length: 2 }, () => 1)])).toEqual(['object', 2, false]);
    const sizes = shop.page.locator('article[data-product-id="tee"]').getByRole('combobox', { name: /Size/ });
    await shop.page.evaluate(() => document.querySelector('[data-product-id="tee"]')!.setAttribute('data-product-option1-values', 'S|M|XL'));
    await pollOf(() => sizes.evaluate((select) => [...(select as HTMLSelectElement).options].map((option) => option.value))).toEqual(['S', 'M', 'XL']);
    await sizes.selectOption('XL');
    await buyTee(shop.page);
    expect((await sentBodies(shop.page))[0].purchase_units[0].items[0]).toMatchObject({ name: 'Black tee', description: 'Size: XL' });
    expect(shop.errors).toEqual([]);
  });

  it('names Prototype.js as the reason when PayPal refuses the order, and keeps the cart', async () => {
    // Only the toJSON part: the PayPal simulator itself iterates objects with for…in, so enumerable
    // Object.prototype additions would break the simulator before dropcart's order reached it.
    const head = `<script>Array.prototype.toJSON = function () { return '[' + this.join(',') + ']'; };</script>`;
    await shop.page.goto(dropcartPage(TEE, { config: { paypal: PAYPAL }, head }));
    await shop.page.evaluate(() => window.DropCart.add('tee'));
    expect(shop.dropcartMessages()).toContainEqual(expect.stringMatching(/gives arrays a toJSON method \(Prototype\.js 1\.6 or older\).*delete Array\.prototype\.toJSON/));
    await shop.page.evaluate(() => window.DropCart.open());
    await visible(paypalButton(shop.page));
    await paypalButton(shop.page).click();
    // PayPal (its SDK serialises the order in the page) refuses it: a retry is offered, nothing is lost.
    await visible(dialog(shop.page).getByRole('button', { name: 'Try again' }));
    expect(await shop.page.evaluate(() => window.DropCart.items().map((l) => l.productId))).toEqual(['tee']);
    expect(shop.errors).toEqual([]);
  });
});

describe('a <base href> pointing elsewhere', () => {
  it('resolves relative product images against it, keeps the product link on this page, and checks out', async () => {
    const abs = (path: string): string => `${shop.url}${path}`;
    const body = product({ id: 'tee', name: 'Black tee', price: '20.00', attrs: 'data-product-image="tee.png"' });
    const path = fixturePage(`<!doctype html><html lang="en-US"><head><meta charset="utf-8">
<base href="https://cdn.example/assets/">
<script src="${abs('/dist/dropcart.js')}" defer></script>
<script type="application/json" id="dropcart-config">${JSON.stringify({ paypal: { ...PAYPAL, sdkBaseUrl: abs(PAYPAL.sdkBaseUrl) } })}</script>
</head><body>${body}</body></html>`);
    await shop.page.goto(path);
    await buyTee(shop.page).catch(async (cause) => {
      throw new Error(`${cause}\n${shop.dropcartMessages().join('\n')}`);
    });
    const items = await shop.page.evaluate(() => window.DropCart.items());
    expect(items).toEqual([]); // paid
    const [order] = await simOrders(shop);
    expect(order!.body.purchase_units[0].items[0].name).toBe('Black tee');
    expect(shop.errors).toEqual([]);
  });

  it('shows the image from the base URL and links the line to the page itself', async () => {
    const abs = (path: string): string => `${shop.url}${path}`;
    const body = product({ id: 'tee', name: 'Black tee', price: '20.00', attrs: 'data-product-image="tee.png"' });
    const path = fixturePage(`<!doctype html><html lang="en-US"><head><meta charset="utf-8">
<base href="https://cdn.example/assets/">
<script src="${abs('/dist/dropcart.js')}" defer></script></head><body>${body}</body></html>`);
    await shop.page.goto(path);
    await shop.page.evaluate(() => window.DropCart.add('tee'));
    await shop.page.evaluate(() => window.DropCart.open());
    await visible(dialog(shop.page));
    const line = shop.page.locator('dropcart-cart li[part="line"]');
    expect(await line.locator('img').getAttribute('src')).toBe('https://cdn.example/assets/tee.png');
    expect(await line.locator('a.name').getAttribute('href')).toBe(abs(path));
  });
});

describe('dropcart in an iframe', () => {
  it('works in a same-origin iframe, checkout included', async () => {
    const inner = dropcartPage(TEE, { config: { paypal: PAYPAL } });
    await shop.page.goto(fixturePage(`<!doctype html><title>outer</title><iframe src="${inner}" width="800" height="700"></iframe>`));
    const frame = shop.page.frameLocator('iframe');
    await frame.locator('article[data-product-id="tee"]').getByRole('button', { name: /^Add to cart/ }).waitFor();
    const child = shop.page.frames().find((f) => f.url().endsWith(inner))!;
    await buyTee(child);
    expect(shop.errors).toEqual([]);
  });

  it('keeps the cart in memory in a sandboxed iframe without storage, and says why', async () => {
    const inner = dropcartPage(TEE, { config: { paypal: PAYPAL } });
    await shop.page.goto(fixturePage(`<!doctype html><title>outer</title><iframe sandbox="allow-scripts" src="${inner}" width="800" height="700"></iframe>`));
    await shop.page.frameLocator('iframe').locator('article[data-product-id="tee"]').getByRole('button', { name: /^Add to cart/ }).click();
    await shop.page.frameLocator('iframe').getByRole('button', { name: /^Cart, 1 item/ }).click();
    await visible(shop.page.frameLocator('iframe').getByRole('dialog'));
    expect((await shop.page.frameLocator('iframe').locator('dropcart-cart li[part="line"] .name').allTextContents())).toEqual(['Black tee']);
    expect(shop.dropcartMessages()).toContainEqual(expect.stringMatching(/localStorage is not available in this browser; the cart is kept in memory/));
    expect(shop.errors).toEqual([]);
  });
});
