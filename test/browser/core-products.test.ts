// Product markup in a real browser (SPEC §3, §4 caps): the buttons dropcart inserts, owner buttons and
// option controls, quantity caps, products that appear later, and invalid markup. Every page loads the
// built dist/dropcart.js the way an owner's page does.
import { afterEach, describe, expect, it } from 'vitest';
import { dropcartPage, useShop } from './harness';

const shop = useShop();

// Every test also checks that the page saw no uncaught error (dropcart never throws into the host page).
afterEach(() => {
  expect(shop.errors).toEqual([]);
});

/** A product element; `attrs` adds or overrides attributes, `inner` is its content. */
function product(id: string, name: string, price: string, attrs = '', inner = ''): string {
  return `<article id="${id}" data-product-id="${id}" data-product-name="${name}" data-product-price="${price}" ${attrs}>
  <h2>${name}</h2>${inner}
</article>`;
}

const tee = (attrs = '', inner = ''): string => product('tee', 'Black tee', '20.00', attrs, inner);
const mug = (attrs = '', inner = ''): string => product('mug', 'Blue mug', '12.50', attrs, inner);

const COUNTER = '<p>Cart: <span id="count" data-cart-count>0</span></p>';

async function open(path: string): Promise<void> {
  await shop.page.goto(path);
  await shop.page.evaluate(() => window.DropCart.ready);
}

/** Lets the page's MutationObserver and any pending tasks run. */
const settle = (): Promise<void> => shop.page.evaluate(() => new Promise<void>((done) => setTimeout(done, 100)));

const count = (): Promise<string | null> => shop.page.textContent('#count');
const items = () => shop.page.evaluate(() => window.DropCart.items());
const addButtons = (scope = 'body') => shop.page.locator(scope).getByRole('button', { name: /^Add to cart/ });
const buyButtons = (scope = 'body') => shop.page.locator(scope).getByRole('button', { name: /^Buy now/ });
const warnings = (): string[] =>
  shop.messages.filter((m) => m.type === 'warning' && m.text.startsWith('[dropcart]')).map((m) => m.text);

describe('inserted buttons', () => {
  it('gives every product one Add to cart and one Buy now button', async () => {
    await open(dropcartPage(tee() + mug()));
    for (const id of ['#tee', '#mug']) {
      expect(await addButtons(id).count()).toBe(1);
      expect(await buyButtons(id).count()).toBe(1);
    }
    expect(await shop.page.locator('dropcart-buttons').count()).toBe(2);
  });

  it("names the inserted buttons after the product, starting with the button's words", async () => {
    await open(dropcartPage(tee()));
    expect(await addButtons().getAttribute('aria-label')).toMatch(/^Add to cart.*Black tee/);
    expect(await buyButtons().getAttribute('aria-label')).toMatch(/^Buy now.*Black tee/);
  });

  it("inserts its buttons as the product element's last child", async () => {
    await open(dropcartPage(tee('', '<p>Soft cotton.</p>')));
    expect(await shop.page.evaluate(() => document.getElementById('tee')?.lastElementChild?.localName)).toBe('dropcart-buttons');
  });

  it('inserts only the buttons data-product-buttons asks for', async () => {
    await open(
      dropcartPage(
        product('a', 'Add only', '1.00', 'data-product-buttons="add"') +
          product('b', 'Buy only', '1.00', 'data-product-buttons="buy"') +
          product('n', 'No buttons', '1.00', 'data-product-buttons="none"'),
      ),
    );
    const kinds = async (id: string) => [await addButtons(id).count(), await buyButtons(id).count()];
    expect([await kinds('#a'), await kinds('#b'), await kinds('#n')]).toEqual([[1, 0], [0, 1], [0, 0]]);
  });

  it('inserts only the buttons the buttons config key asks for, unless the product says otherwise', async () => {
    await open(dropcartPage(tee() + mug('data-product-buttons="add buy"'), { config: { buttons: { add: true, buy: false } } }));
    expect([await addButtons('#tee').count(), await buyButtons('#tee').count()]).toEqual([1, 0]);
    expect([await addButtons('#mug').count(), await buyButtons('#mug').count()]).toEqual([1, 1]);
  });

  it('puts its buttons into the [data-cart-buttons] element of the product', async () => {
    await open(dropcartPage(tee('', '<div id="slot" data-cart-buttons></div><p>Soft cotton.</p>')));
    expect(await addButtons('#slot').count()).toBe(1);
    expect(await buyButtons('#slot').count()).toBe(1);
    expect(await shop.page.evaluate(() => document.getElementById('tee')?.lastElementChild?.localName)).toBe('p');
  });
});

describe('layout shift', () => {
  // README: the buttons arrive after the first paint; a [data-cart-buttons] slot of their height keeps the page still.
  const grid = (slot: string, width: number) =>
    `<main style="display:grid;grid-template-columns:repeat(auto-fill,minmax(${width}px,1fr));gap:16px">` +
    Array.from({ length: 24 }, (_, i) => product(`p${i}`, `Product ${i}`, '12.00', '', `<p>Text</p>${slot}`)).join('') +
    '</main><p>Footer</p>';
  const shifts = async (path: string): Promise<number> => {
    await shop.page.addInitScript(() => {
      const page = window as unknown as { shifted: number };
      page.shifted = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) page.shifted += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await open(path);
    await settle();
    return shop.page.evaluate(() => (window as unknown as { shifted: number }).shifted);
  };

  it('moves nothing when a slot holds the room of one row of buttons (56 px)', async () => {
    await shop.page.setViewportSize({ width: 390, height: 800 });
    expect(await shifts(dropcartPage(grid('<div data-cart-buttons style="min-height: 56px"></div>', 300)))).toBe(0);
  });

  it('moves nothing when the slot holds two rows (108 px) on cards too narrow for one', async () => {
    await shop.page.setViewportSize({ width: 1280, height: 800 });
    expect(await shifts(dropcartPage(grid('<div data-cart-buttons style="min-height: 108px"></div>', 180)))).toBe(0);
    const rows = await shop.page.evaluate(() => document.querySelector('dropcart-buttons')!.getBoundingClientRect().height);
    expect(rows).toBeGreaterThan(56); // the two buttons did wrap
  });
});

describe("the owner's own buttons", () => {
  it('adds to the cart when an owner [data-cart-add] button is clicked, and inserts no Add to cart of its own', async () => {
    await open(dropcartPage(COUNTER + tee('', '<button id="own" type="button" data-cart-add>Put in bag</button>')));
    expect(await addButtons('#tee').count()).toBe(0);
    expect(await buyButtons('#tee').count()).toBe(1);
    await shop.page.click('#own');
    await expect.poll(count).toBe('1');
  });

  it('lets the keyboard press an owner [data-cart-add] that is a plain div, with Enter and with Space', async () => {
    await open(dropcartPage(COUNTER + tee('', '<div id="own" data-cart-add>Put in bag</div>')));
    const own = shop.page.getByRole('button', { name: 'Put in bag' });
    await own.focus();
    await shop.page.keyboard.press('Enter');
    await expect.poll(count).toBe('1');
    await shop.page.keyboard.press('Space');
    await expect.poll(count).toBe('2');
  });

  it("adds the choice made in dropcart's own selector when the owner's [data-cart-add] is pressed", async () => {
    await open(
      dropcartPage(
        tee('data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]"', '<button id="own" type="button" data-cart-add>Put in bag</button>'),
      ),
    );
    await shop.page.getByRole('combobox', { name: 'Size' }).selectOption('L');
    await shop.page.click('#own');
    await expect.poll(items).toMatchObject([{ options: { Size: 'L' }, price: '22.00' }]);
  });

  it('opens Buy now for the product when an owner [data-cart-buy] is clicked, and inserts no Buy now of its own', async () => {
    await open(dropcartPage(COUNTER + tee('', '<a id="own" href="#pay" data-cart-buy>Buy it</a>')));
    expect(await buyButtons('#tee').count()).toBe(0);
    expect(await addButtons('#tee').count()).toBe(1);
    await shop.page.click('#own');
    const dialog = shop.page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('a.name').textContent()).toBe('Black tee');
    // Buy now leaves the cart's lines alone and the owner's link does not navigate.
    expect(await items()).toEqual([]);
    expect(new URL(shop.page.url()).hash).toBe('');
  });
});

describe('options', () => {
  const sized = (inner = '') =>
    tee('data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]|XS[-1.00]"', inner);

  it("shows dropcart's own selector with the price changes, and the chosen value prices the line", async () => {
    await open(dropcartPage(sized()));
    const select = shop.page.getByRole('combobox', { name: 'Size' });
    expect(await select.locator('option').allTextContents()).toEqual(['S', 'M', 'L (+$2.00)', 'XS (−$1.00)']);
    await select.selectOption('L');
    await addButtons('#tee').click();
    await expect.poll(items).toMatchObject([{ options: { Size: 'L' }, price: '22.00' }]);
  });

  it('adds different choices of one product as separate lines', async () => {
    await open(dropcartPage(sized()));
    const select = shop.page.getByRole('combobox', { name: 'Size' });
    await addButtons('#tee').click();
    await select.selectOption('XS');
    await addButtons('#tee').click();
    await addButtons('#tee').click();
    expect((await items()).map((line) => [line.options, line.price, line.quantity])).toEqual([
      [{ Size: 'S' }, '20.00', 1],
      [{ Size: 'XS' }, '19.00', 2],
    ]);
  });

  it("uses an owner's select[data-product-option] for that option and renders no selector for it", async () => {
    await open(dropcartPage(sized('<select id="size" data-product-option="Size"><option>S</option><option>M</option><option>L</option><option>XS</option></select>')));
    expect(await shop.page.locator('dropcart-buttons').getByRole('combobox').count()).toBe(0);
    await shop.page.selectOption('#size', 'L');
    await addButtons('#tee').click();
    await expect.poll(items).toMatchObject([{ options: { Size: 'L' }, price: '22.00' }]);
  });

  it("uses the checked one of an owner's radio inputs for that option", async () => {
    const radios = ['S', 'M', 'L', 'XS']
      .map((v) => `<label><input type="radio" name="size" value="${v}" data-product-option="Size"> ${v}</label>`)
      .join('');
    await open(dropcartPage(sized(radios)));
    expect(await shop.page.locator('dropcart-buttons').getByRole('combobox').count()).toBe(0);
    await shop.page.getByRole('radio', { name: 'XS' }).check();
    await addButtons('#tee').click();
    await expect.poll(items).toMatchObject([{ options: { Size: 'XS' }, price: '19.00' }]);
  });

  it("still renders dropcart's selector for an option the owner has no control for", async () => {
    await open(
      dropcartPage(
        tee(
          'data-product-option1-name="Size" data-product-option1-values="S|M" data-product-option2-name="Color" data-product-option2-values="Black|White[+1.00]"',
          '<select id="size" data-product-option="Size"><option>S</option><option>M</option></select>',
        ),
      ),
    );
    await shop.page.selectOption('#size', 'M');
    await shop.page.getByRole('combobox', { name: 'Color' }).selectOption('White');
    await addButtons('#tee').click();
    await expect.poll(items).toMatchObject([{ options: { Size: 'M', Color: 'White' }, price: '21.00' }]);
  });
});

describe('quantity caps', () => {
  const capped = (): string => dropcartPage(COUNTER + tee('data-product-max-quantity="2"'));

  it('stops adding at data-product-max-quantity', async () => {
    await open(capped());
    for (let i = 0; i < 3; i++) await addButtons('#tee').click();
    await expect.poll(count).toBe('2');
    await settle();
    expect(await count()).toBe('2');
  });

  it('tells the buyer through the live region when the cap is reached', async () => {
    await open(capped());
    for (let i = 0; i < 3; i++) await addButtons('#tee').click();
    const live = shop.page.locator('dropcart-cart').getByRole('status');
    await expect.poll(() => live.textContent()).toBe('You can buy at most 2 of Black tee.');
  });

  it("disables the cart's Increase quantity button at the cap", async () => {
    await open(capped());
    await addButtons('#tee').click();
    await shop.page.evaluate(() => window.DropCart.open());
    const increase = shop.page.getByRole('button', { name: /^Increase quantity/ });
    expect(await increase.isEnabled()).toBe(true);
    await increase.click();
    await expect.poll(() => increase.isDisabled()).toBe(true);
    expect(await count()).toBe('2');
  });
});

describe('products that appear after load', () => {
  it('gives a product appended by page script its buttons, once', async () => {
    await open(dropcartPage(COUNTER + '<main id="list"></main>'));
    await shop.page.evaluate((html) => document.getElementById('list')?.insertAdjacentHTML('beforeend', html), tee());
    await expect.poll(() => addButtons('#tee').count()).toBe(1);
    await settle();
    expect([await addButtons('#tee').count(), await buyButtons('#tee').count()]).toEqual([1, 1]);
    await addButtons('#tee').click();
    await expect.poll(count).toBe('1');
  });

  it('gives an element its buttons, once, when it becomes a product through attributes set later', async () => {
    await open(dropcartPage('<article id="tee" data-product-id="tee" data-product-name="Black tee"><h2>Black tee</h2></article>'));
    expect(await addButtons('#tee').count()).toBe(0);
    await shop.page.evaluate(() => document.getElementById('tee')?.setAttribute('data-product-price', '20.00'));
    await expect.poll(() => addButtons('#tee').count()).toBe(1);
    await settle();
    expect(await shop.page.locator('#tee dropcart-buttons').count()).toBe(1);
  });

  it('uses the new price when a product\'s price attribute changes later', async () => {
    await open(dropcartPage(tee()));
    await shop.page.evaluate(() => document.getElementById('tee')?.setAttribute('data-product-price', '25.00'));
    await settle();
    await addButtons('#tee').click();
    await expect.poll(items).toMatchObject([{ price: '25.00' }]);
    expect(await shop.page.locator('#tee dropcart-buttons').count()).toBe(1);
  });

  it("puts the buttons back, once, when the page's script rewrites the product's content", async () => {
    await open(dropcartPage(tee()));
    await shop.page.evaluate(() => {
      const el = document.getElementById('tee') as HTMLElement;
      el.innerHTML = '<h2>Black tee</h2><p>Back in stock.</p>';
    });
    await expect.poll(() => addButtons('#tee').count()).toBe(1);
    await settle();
    expect(await shop.page.locator('#tee dropcart-buttons').count()).toBe(1);
  });

  it('takes the buttons away from an element that stops being a product', async () => {
    await open(dropcartPage(tee()));
    await shop.page.evaluate(() => document.getElementById('tee')?.removeAttribute('data-product-price'));
    await expect.poll(() => shop.page.locator('#tee dropcart-buttons').count()).toBe(0);
    expect(warnings()).toEqual([expect.stringContaining('data-product-price is missing')]);
  });

  it('gives buttons to every element that shows the same product at the same price', async () => {
    await open(dropcartPage(tee() + tee().replace('id="tee"', 'id="again"')));
    expect([await addButtons('#tee').count(), await addButtons('#again').count()]).toEqual([1, 1]);
    expect(warnings()).toEqual([]);
  });

  // Filters, pagination and infinite scroll replace the grid with other products: the cards that went must be
  // free to go, with their buttons. (An earlier build kept every card it had ever seen, ~0.9 MB a 1,000.)
  it('keeps no product element alive after the page removed it', async () => {
    await open(dropcartPage(COUNTER + '<main id="list"></main>'));
    const grid = (round: number) =>
      Array.from({ length: 100 }, (_, i) => product(`r${round}p${i}`, `Product ${i}`, `${10 + (i % 50)}.00`)).join('');
    for (let round = 0; round < 3; round++) {
      await shop.page.evaluate((html) => {
        const list = document.getElementById('list') as HTMLElement;
        const refs = ((window as unknown as { refs?: WeakRef<Element>[] }).refs ??= []);
        for (const card of list.children) refs.push(new WeakRef(card));
        list.innerHTML = html;
      }, grid(round));
      await expect.poll(() => shop.page.locator('#list dropcart-buttons').count()).toBe(100);
      await expect.poll(() => addButtons(`#r${round}p99`).count()).toBe(1);
      if (round === 0) {
        await addButtons('#r0p1').click(); // a line whose product then leaves the page
        // the ✓ after the add holds its row until it fades (1.8 s): a timer, not a leak
        const checkShown = () => shop.page.evaluate(() => document.querySelector('#r0p1 dropcart-buttons')?.shadowRoot?.querySelector('[data-on]') != null);
        expect(await checkShown()).toBe(true);
        await expect.poll(checkShown, { timeout: 5000 }).toBe(false);
      }
    }
    await shop.page.evaluate(() => document.getElementById('list')?.replaceChildren());
    await settle();
    const cdp = await shop.page.context().newCDPSession(shop.page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const alive = await shop.page.evaluate(() => (window as unknown as { refs: WeakRef<Element>[] }).refs.filter((ref) => ref.deref()).map((ref) => ref.deref()?.id));
    expect((await shop.page.evaluate(() => (window as unknown as { refs: WeakRef<Element>[] }).refs.length))).toBe(200);
    expect(alive).toEqual([]);
    expect(await count()).toBe('1');
  });

  it('never duplicates buttons when DropCart.scan() runs twice', async () => {
    await open(dropcartPage(tee() + mug()));
    await shop.page.evaluate(() => {
      window.DropCart.scan();
      window.DropCart.scan(document.getElementById('tee') as HTMLElement);
      window.DropCart.scan();
    });
    await settle();
    expect(await shop.page.locator('dropcart-buttons').count()).toBe(2);
    expect([await addButtons().count(), await buyButtons().count()]).toEqual([2, 2]);
  });

  it('gives buttons to products in a web component’s shadow root when DropCart.scan(shadowRoot) is called (README)', async () => {
    // the page's own script, after dropcart is ready
    await open(dropcartPage(COUNTER + '<product-card id="card"></product-card>'));
    await shop.page.evaluate((markup) => {
      customElements.define('product-card', class extends HTMLElement {});
      const root = document.getElementById('card')!.attachShadow({ mode: 'open' });
      root.innerHTML = markup;
      window.DropCart.scan(root);
    }, tee());
    await settle();
    await addButtons('#card').click();
    await expect.poll(count).toBe('1');
    expect(await items()).toMatchObject([{ id: 'tee', price: '20.00' }]);
  });

  it('gives buttons to a custom element that carries the product attributes and shows its children (README)', async () => {
    await open(dropcartPage(COUNTER + '<mug-card id="mug" data-product-id="mug" data-product-name="Blue mug" data-product-price="12.50"></mug-card>'));
    await shop.page.evaluate(() => {
      customElements.define('mug-card', class extends HTMLElement {});
      document.getElementById('mug')!.attachShadow({ mode: 'open' }).innerHTML = '<h2>Blue mug</h2><slot></slot>';
    });
    await settle();
    expect(await addButtons('#mug').isVisible()).toBe(true);
    await addButtons('#mug').click();
    await expect.poll(count).toBe('1');
  });
});

describe('invalid markup', () => {
  it.each([
    ['a price with a comma', product('bad', 'Bad', '1,99'), 'data-product-price'],
    ['an empty name', product('bad', '', '5.00'), 'data-product-name'],
    ['no name attribute', '<article id="bad" data-product-id="bad" data-product-price="5.00"><h2>Bad</h2></article>', 'data-product-name'],
    ['option values with a broken price change', product('bad', 'Bad', '5.00', 'data-product-option1-name="Size" data-product-option1-values="S|M[+x]"'), 'data-product-option1-values'],
    ['the id of another product with another price', product('tee', 'Black tee', '25.00').replace('id="tee"', 'id="bad"'), 'another price'],
  ])('warns once about %s, gives that element no buttons, and leaves other products working', async (_, markup, reason) => {
    await open(dropcartPage(COUNTER + tee() + markup));
    await settle();
    const mine = warnings();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain('id="bad"');
    expect(mine[0]).toContain(reason);
    expect(await shop.page.locator('#bad dropcart-buttons').count()).toBe(0);
    await addButtons('#tee').click();
    await expect.poll(items).toMatchObject([{ productId: 'tee', price: '20.00' }]);
  });
});
