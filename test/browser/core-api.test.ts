// window.DropCart and the dropcart:* events in a real browser (SPEC §8), on a page that loads the built
// dist/dropcart.js. Amounts in the API and in events are decimal strings in major units.
import { afterEach, describe, expect, it } from 'vitest';
import { dropcartPage, useShop } from './harness';

const shop = useShop();

afterEach(() => {
  expect(shop.errors).toEqual([]);
});

const PRODUCTS = `
<p><span id="count" data-cart-count>0</span></p>
<article id="tee" data-product-id="tee" data-product-name="Black tee" data-product-price="20.00"
  data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]" data-product-max-quantity="5"><h2>Black tee</h2></article>
<article id="mug" data-product-id="mug" data-product-name="Blue mug" data-product-price="12.50"><h2>Blue mug</h2></article>`;

async function open(config?: unknown): Promise<void> {
  await shop.page.goto(dropcartPage(PRODUCTS, config === undefined ? {} : { config }));
  await shop.page.evaluate(() => window.DropCart.ready);
}

const items = () => shop.page.evaluate(() => window.DropCart.items());
const totals = () => shop.page.evaluate(() => window.DropCart.totals());

/** Runs `call` in the page and returns what it threw or rejected with. */
const failure = (call: string) =>
  shop.page.evaluate(async (code) => {
    try {
      await (0, eval)(code);
      return null;
    } catch (caught) {
      return { type: (caught as Error).constructor.name, message: (caught as Error).message };
    }
  }, call);

describe('window.DropCart', () => {
  it('adds a product with options and a quantity and resolves to its line', async () => {
    await open();
    const line = await shop.page.evaluate(() => window.DropCart.add('tee', { quantity: 3, options: { Size: 'L' } }));
    expect(line).toEqual({
      id: 'tee?Size=L',
      productId: 'tee',
      name: 'Black tee',
      price: '22.00',
      quantity: 3,
      options: { Size: 'L' },
      url: expect.stringContaining('/__fixture/'),
      sku: 'tee',
    });
    expect(await shop.page.textContent('#count')).toBe('3');
  });

  it('adds the first value of an option that is not given', async () => {
    await open();
    await shop.page.evaluate(() => window.DropCart.add('tee'));
    expect(await items()).toMatchObject([{ options: { Size: 'S' }, price: '20.00', quantity: 1 }]);
  });

  it('rejects an unknown product id with a [dropcart] TypeError and leaves the cart as it was', async () => {
    await open();
    await shop.page.evaluate(() => window.DropCart.add('mug'));
    expect(await failure('DropCart.add("nope")')).toEqual({ type: 'TypeError', message: expect.stringMatching(/^\[dropcart\].*"nope"/) });
    expect((await items()).map((line) => line.id)).toEqual(['mug']);
  });

  it('rejects an option value the product does not have with a [dropcart] TypeError', async () => {
    await open();
    expect(await failure('DropCart.add("tee", { options: { Size: "XXL" } })')).toEqual({ type: 'TypeError', message: expect.stringMatching(/^\[dropcart\].*"XXL"/) });
    expect(await items()).toEqual([]);
  });

  it('reports the totals as decimal strings with the currency', async () => {
    await open({ currency: 'EUR', tax: { rate: '10' }, shipping: { methods: [{ id: 'post', label: 'Post', amount: '4.90' }] } });
    await shop.page.evaluate(async () => {
      await window.DropCart.add('tee', { quantity: 2 });
      await window.DropCart.add('mug');
    });
    expect(await totals()).toEqual({ count: 3, subtotal: '52.50', shipping: '4.90', tax: '5.25', total: '62.65', currency: 'EUR' });
  });

  it('sets the quantity of a line, held at its cap', async () => {
    await open();
    const id = await shop.page.evaluate(async () => (await window.DropCart.add('tee')).id);
    await shop.page.evaluate((lineId) => window.DropCart.setQuantity(lineId, 4), id);
    expect((await items()).map((line) => line.quantity)).toEqual([4]);
    await shop.page.evaluate((lineId) => window.DropCart.setQuantity(lineId, 50), id);
    expect((await items()).map((line) => line.quantity)).toEqual([5]);
  });

  it('removes the line when its quantity is set to 0', async () => {
    await open();
    await shop.page.evaluate(async () => {
      await window.DropCart.add('mug');
      await window.DropCart.add('tee');
      window.DropCart.setQuantity('mug', 0);
    });
    expect((await items()).map((line) => line.id)).toEqual(['tee?Size=S']);
  });

  it('throws a [dropcart] TypeError for a negative quantity and leaves the cart as it was', async () => {
    await open();
    await shop.page.evaluate(() => window.DropCart.add('mug', { quantity: 2 }));
    expect(await failure('DropCart.setQuantity("mug", -1)')).toEqual({ type: 'TypeError', message: expect.stringMatching(/^\[dropcart\]/) });
    expect(await items()).toMatchObject([{ id: 'mug', quantity: 2 }]);
  });

  it('removes a line and fires dropcart:remove with it', async () => {
    await open();
    await shop.page.evaluate(() => window.DropCart.add('mug'));
    const detail = await shop.page.evaluate(() => {
      let seen: unknown = null;
      document.addEventListener('dropcart:remove', (event) => (seen = (event as CustomEvent).detail));
      window.DropCart.remove('mug');
      return seen;
    });
    expect(detail).toEqual({ line: expect.objectContaining({ id: 'mug', price: '12.50', quantity: 1 }) });
    expect(await items()).toEqual([]);
  });

  it('empties the cart with clear()', async () => {
    await open();
    await shop.page.evaluate(async () => {
      await window.DropCart.add('mug');
      await window.DropCart.add('tee', { quantity: 2 });
      window.DropCart.clear();
    });
    expect([await items(), (await totals()).count, await shop.page.textContent('#count')]).toEqual([[], 0, '0']);
  });

  it('opens and closes the cart, firing dropcart:open and dropcart:close', async () => {
    await open();
    await shop.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      for (const name of ['open', 'close']) {
        document.addEventListener(`dropcart:${name}`, (event) => seen.push(`${name} ${JSON.stringify((event as CustomEvent).detail)}`));
      }
    });
    const cart = shop.page.getByRole('dialog', { name: 'Cart' });
    await shop.page.evaluate(() => window.DropCart.open());
    await cart.waitFor();
    await shop.page.evaluate(() => window.DropCart.close());
    await cart.waitFor({ state: 'hidden' });
    expect(await shop.page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['open {}', 'close {}']);
  });

  it('hands DropCart.on handlers the same detail as the DOM event, until they unsubscribe', async () => {
    await open();
    const seen = await shop.page.evaluate(async () => {
      const viaOn: unknown[] = [];
      const viaDom: unknown[] = [];
      document.addEventListener('dropcart:add', (event) => viaDom.push((event as CustomEvent).detail));
      const off = window.DropCart.on('add', (detail) => viaOn.push(detail));
      await window.DropCart.add('mug');
      off();
      await window.DropCart.add('mug');
      return { viaOn, viaDom };
    });
    expect(seen.viaOn).toEqual([seen.viaDom[0]]);
    expect(seen.viaDom).toHaveLength(2);
    expect(seen.viaOn).toEqual([{ line: expect.objectContaining({ id: 'mug', quantity: 1 }), quantity: 1 }]);
  });

  it('fires dropcart:ready with the version once the first scan is done and the cart is drawn', async () => {
    await shop.page.addInitScript(() => {
      document.addEventListener('dropcart:ready', (event) => {
        (window as unknown as { readyDetail: unknown }).readyDetail = {
          detail: (event as CustomEvent).detail,
          buttons: document.querySelectorAll('dropcart-buttons').length,
          cartDrawn: !!document.querySelector('dropcart-cart')?.shadowRoot?.querySelector('[role=status]'),
        };
      });
    });
    await open();
    expect(await shop.page.evaluate(() => (window as unknown as { readyDetail: unknown }).readyDetail)).toEqual({
      detail: { version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      buttons: 2,
      cartDrawn: true,
    });
    // One plain product is scanned within the first scan's task, before the cart's own task draws it.
    await shop.page.goto(dropcartPage('<article data-product-id="mug" data-product-name="Blue mug" data-product-price="12.50"></article>'));
    await shop.page.evaluate(() => window.DropCart.ready);
    expect(await shop.page.evaluate(() => (window as unknown as { readyDetail: unknown }).readyDetail)).toMatchObject({ buttons: 1, cartDrawn: true });
  });

  it('opens the cart asked for before it is drawn (a page script at DOMContentLoaded), once drawn', async () => {
    // A deferred script after dropcart's runs its DOMContentLoaded listener right after dropcart has started,
    // before the task that draws the cart.
    const early = `document.addEventListener('DOMContentLoaded', () => {
      window.DropCart.open();
      window.drawnAtOpen = !!document.querySelector('dropcart-cart').shadowRoot?.querySelector('[role=status]');
    });`;
    await shop.page.goto(dropcartPage(PRODUCTS, { head: `<script defer src="data:text/javascript,${encodeURIComponent(early)}"></script>` }));
    await shop.page.evaluate(() => window.DropCart.ready);
    expect(await shop.page.evaluate(() => (window as unknown as { drawnAtOpen: boolean }).drawnAtOpen)).toBe(false);
    await expect.poll(() => shop.page.evaluate(() => !!document.querySelector('dropcart-cart')?.shadowRoot?.querySelector('dialog')?.open)).toBe(true);
    await expect.poll(() => shop.page.getByRole('dialog', { name: /^Cart/ }).isVisible()).toBe(true);
  });

  it('fires dropcart:change when another tab changes the cart', async () => {
    const path = dropcartPage(PRODUCTS);
    await shop.page.goto(path);
    await shop.page.evaluate(() => window.DropCart.ready);
    const other = await shop.context.newPage();
    await other.goto(path);
    await other.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      window.DropCart.on('change', (detail) => seen.push(detail));
    });
    await shop.page.evaluate(() => window.DropCart.add('mug'));
    await expect
      .poll(() => other.evaluate(() => (window as unknown as { seen: unknown[] }).seen), { timeout: 1000, interval: 50 })
      .toEqual([{ items: [expect.objectContaining({ id: 'mug' })], totals: expect.objectContaining({ count: 1, subtotal: '12.50' }) }]);
  });
});
