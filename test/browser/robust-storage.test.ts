// Storage faults (issue 4, SPEC §4): whatever the browser's storage holds or does — corrupted JSON, wrong
// types, another version, absurd amounts, prototype-pollution payloads, a storage that throws on every
// call or only once it is full, a storage cleared from another tab — the page keeps working, the readable
// part of the cart survives, the rest is dropped with a [dropcart] warning, and nothing escapes into the
// host page. Unit-level cases of each rule are in test/unit/storage.test.ts; these run dist/dropcart.js.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { STORAGE_VERSION, storageKey } from '../../src/constants';
import { dropcartPage, useShop } from './harness';
import { dialog, pollOf, shownLines, visible } from './checkout-helpers';

/** the stored cart of the test pages' store, in USD */
const STORAGE_KEY = storageKey('USD');

const shop = useShop();
beforeEach(() => shop.context.setDefaultTimeout(10_000));

afterEach(async () => {
  expect(shop.errors).toEqual([]);
  // Nothing a stored cart or a config said may reach every object of the page.
  if (!shop.page.isClosed()) {
    expect(await shop.page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).sort())).toEqual(OBJECT_PROTOTYPE_KEYS);
    expect(await shop.page.evaluate(() => typeof ({} as Record<string, unknown>).polluted)).toBe('undefined');
  }
});

const OBJECT_PROTOTYPE_KEYS = [
  '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', '__proto__', 'constructor',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
].sort();

const PRODUCTS = `<p>Cart: <span id="count" data-cart-count>0</span></p>
<article id="tee" data-product-id="tee" data-product-name="Black tee" data-product-price="20.00"></article>
<article id="mug" data-product-id="mug" data-product-name="Blue mug" data-product-price="12.50"></article>`;
const PAGE = (): string => dropcartPage(PRODUCTS);

const line = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  productId: 'tee',
  name: 'Black tee',
  unitPrice: 2000,
  quantity: 2,
  choices: [],
  image: null,
  url: '/shop.html',
  sku: 'tee',
  maxQuantity: 99,
  shippable: true,
  taxable: true,
  ...overrides,
});
const cartJson = (lines: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ v: STORAGE_VERSION, lines, shippingMethodId: null, ...extra });

async function ready(page: Page = shop.page): Promise<void> {
  await page.evaluate(() => window.DropCart.ready);
}

/** Opens a page whose localStorage already holds `stored` under dropcart's key (raw text). */
async function openWithStored(stored: string): Promise<void> {
  await shop.page.goto(PAGE());
  await shop.page.evaluate(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, stored] as const);
  await shop.page.reload();
  await ready();
}

const items = (page: Page = shop.page) =>
  page.evaluate(() => window.DropCart.items().map(({ productId, quantity, price }) => ({ productId, quantity, price })));
const count = (page: Page = shop.page) => () => page.textContent('#count');
const warnings = (): string[] => shop.messages.filter((m) => m.type === 'warning' && m.text.startsWith('[dropcart]')).map((m) => m.text);
const addTee = (page: Page = shop.page) => page.locator('#tee').getByRole('button', { name: /^Add to cart/ }).click();

/** The cart still works end to end: add by the button, count updates, the open cart lists the line. */
async function stillWorks(page: Page = shop.page, expectedCount = '1'): Promise<void> {
  await addTee(page);
  await pollOf(count(page)).toBe(expectedCount);
  await page.evaluate(() => window.DropCart.open());
  await visible(dialog(page));
  expect((await shownLines(page)).map((l) => l.name)).toContain('Black tee');
  await page.evaluate(() => window.DropCart.close());
  await dialog(page).waitFor({ state: 'hidden' });
}

describe('what the stored cart holds', () => {
  it.each([
    ['corrupted JSON', '{"v":1,"lines":[{"productId":"tee",', /not JSON/],
    ['a newer version', JSON.stringify({ v: 99, lines: [line()] }), /unknown version \(99\)/],
    ['an old version', JSON.stringify({ v: 0, items: [{ id: 'tee', qty: 1 }] }), /unknown version \(0\)/],
    ['plain text', 'hello', /not JSON/],
    ['a JSON string', '"cart"', /unknown version/],
  ])('starts an empty, working cart from %s, with one warning', async (_what, stored, warning) => {
    await openWithStored(stored);
    expect(await items()).toEqual([]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(warning);
    await stillWorks();
    // The unreadable value was replaced by a good one.
    const saved = await shop.page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), STORAGE_KEY);
    expect(saved).toMatchObject({ v: STORAGE_VERSION, lines: [{ productId: 'tee', quantity: 1 }] });
  });

  it('keeps the readable lines of a tampered cart and drops wrong types and absurd amounts', async () => {
    await openWithStored(cartJson([
      line({ productId: 'mug', name: 'Blue mug', unitPrice: 1250, quantity: 1, sku: 'mug' }),
      line({ quantity: '2' }),
      line({ unitPrice: 19.99 }),
      line({ unitPrice: 1e300 }),
      line({ unitPrice: -2000 }),
      line({ quantity: 1e9, maxQuantity: 1e9 }),
      line({ quantity: Number.MAX_SAFE_INTEGER + 2 }),
      line({ choices: 'Size=L' }),
      line({ shippable: 'yes' }),
      'tee',
      null,
      [],
    ]));
    expect(await items()).toEqual([{ productId: 'mug', quantity: 1, price: '12.50' }]);
    expect(warnings()).toEqual(['[dropcart] 11 unreadable line(s) in the stored cart were dropped.']);
    expect(await shop.page.evaluate(() => window.DropCart.totals().total)).toBe('12.50');
    await stillWorks(shop.page, '2');
  });

  it('never pollutes Object.prototype through __proto__ or constructor in the stored cart', async () => {
    const stored = `{"v":1,"__proto__":{"polluted":"top"},"constructor":{"prototype":{"polluted":"ctor"}},
      "lines":[{"__proto__":{"polluted":"line","v":1},"productId":"__proto__","name":"constructor","unitPrice":100,"quantity":1,
      "choices":[["__proto__","constructor"]],"image":null,"url":"/x","sku":"__proto__","maxQuantity":5,"shippable":true,"taxable":true}],
      "shippingMethodId":"__proto__"}`;
    await openWithStored(stored);
    // The line's text is kept as text: the names are harmless as data.
    expect(await items()).toEqual([{ productId: '__proto__', quantity: 1, price: '1.00' }]);
    await stillWorks(shop.page, '2');
  });

  it('never pollutes Object.prototype through __proto__ in the config', async () => {
    const config = '{"__proto__":{"polluted":"cfg"},"messages":{"__proto__":{"polluted":"msg"},"constructor":"x"},"theme":{"__proto__":{"mode":"dark"}}}';
    await shop.page.goto(dropcartPage(PRODUCTS, { head: `<script type="application/json" id="dropcart-config">${config}</script>` }));
    await ready();
    await stillWorks();
  });
});

describe('a storage that fails', () => {
  it('keeps the cart in memory when every storage call throws (Safari private mode, storage disabled)', async () => {
    await shop.context.addInitScript(() => {
      for (const name of ['getItem', 'setItem', 'removeItem', 'clear', 'key'] as const) {
        Storage.prototype[name] = () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        };
      }
    });
    await shop.page.goto(PAGE());
    await ready();
    await stillWorks();
    await addTee();
    await pollOf(count()).toBe('2');
    expect(await items()).toEqual([{ productId: 'tee', quantity: 2, price: '20.00' }]);
    expect(warnings()).toEqual(['[dropcart] localStorage is not available in this browser; the cart is kept in memory for this page only.']);
  });

  it('keeps the cart in memory when reading window.localStorage itself throws (cookies blocked)', async () => {
    await shop.context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
    await shop.page.goto(PAGE());
    await ready();
    await stillWorks();
    expect(warnings()).toHaveLength(1);
  });

  it('keeps the cart in memory when storage is full, and says so once', async () => {
    // Room for a small cart only: the probe and the first line fit, a bigger cart does not.
    await shop.context.addInitScript((key) => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (this: Storage, name: string, value: string) {
        if (name === key && value.length > 300) throw new DOMException('Quota exceeded', 'QuotaExceededError');
        setItem.call(this, name, value);
      };
    }, STORAGE_KEY);
    await shop.page.goto(PAGE());
    await ready();
    await addTee();
    await pollOf(count()).toBe('1');
    expect(warnings()).toEqual([]);
    await shop.page.locator('#mug').getByRole('button', { name: /^Add to cart/ }).click();
    await addTee();
    await pollOf(count()).toBe('3');
    expect(await items()).toEqual([
      { productId: 'tee', quantity: 2, price: '20.00' },
      { productId: 'mug', quantity: 1, price: '12.50' },
    ]);
    expect(warnings()).toEqual(['[dropcart] the browser refused to store the cart (storage full or blocked); it is kept in memory for this page.']);
    // The page's own cart is the truth, not the stale stored one.
    await shop.page.evaluate(() => window.DropCart.open());
    await visible(dialog(shop.page));
    expect((await shownLines(shop.page)).map((l) => [l.name, l.quantity])).toEqual([['Black tee', '2'], ['Blue mug', '1']]);
    // Once the cart is small again, it is stored again.
    await shop.page.evaluate(() => window.DropCart.remove('mug'));
    await shop.page.evaluate(() => window.DropCart.setQuantity('tee', 1));
    const saved = await shop.page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), STORAGE_KEY);
    expect(saved?.lines.map((l: { productId: string; quantity: number }) => [l.productId, l.quantity])).toEqual([['tee', 1]]);
  });
});

describe('another tab', () => {
  /** The shop in two tabs, a tee added in the first and seen in the second; returns the second tab. */
  async function twoTabsWithTee(): Promise<Page> {
    const path = PAGE();
    await shop.page.goto(path);
    await ready();
    const other = await shop.context.newPage();
    await other.goto(path);
    await ready(other);
    await addTee();
    await pollOf(count(other)).toBe('1');
    return other;
  }

  it('empties the cart when another tab clears the storage, and both tabs keep working', async () => {
    const other = await twoTabsWithTee();
    await other.evaluate(() => localStorage.clear());
    await pollOf(count()).toBe('0');
    expect(await items()).toEqual([]);
    await addTee();
    await pollOf(count(other)).toBe('1');
    await stillWorks(other, '2');
  });

  it('survives garbage written by another tab: the cart empties with a warning, nothing breaks', async () => {
    const other = await twoTabsWithTee();
    await other.evaluate((key) => localStorage.setItem(key, '{"v":1,"lines":[{"__proto__":{"polluted":1}}'), STORAGE_KEY);
    await pollOf(count()).toBe('0');
    expect(warnings().some((w) => /not JSON/.test(w))).toBe(true);
    await stillWorks();
  });
});
