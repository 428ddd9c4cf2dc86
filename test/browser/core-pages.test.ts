// dropcart across pages and on real host pages (SPEC §1, §2, §4, §6): persistence per `storage`, the
// second tab, prices that changed since a line was added, every way of including the script, a broken
// config, and the host page's own styles. Every page loads the built dist/dropcart.js.
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PAYPAL, paypalButton } from './checkout-helpers';
import { dropcartPage, fixturePage, useShop } from './harness';

const shop = useShop();

afterEach(() => {
  expect(shop.errors).toEqual([]);
});

const tee = (price = '20.00'): string =>
  `<article id="tee" data-product-id="tee" data-product-name="Black tee" data-product-price="${price}"><h2>Black tee</h2></article>`;
const COUNTER = '<p><a id="open" href="#cart" data-cart-open>Cart (<span id="count" data-cart-count>0</span>)</a></p>';

async function ready(page: Page = shop.page): Promise<void> {
  await page.evaluate(() => window.DropCart.ready);
}

async function open(path: string, page: Page = shop.page): Promise<void> {
  await page.goto(path);
  await ready(page);
}

const count = (page: Page = shop.page) => () => page.textContent('#count');
const items = (page: Page = shop.page) => page.evaluate(() => window.DropCart.items());
const addTee = (page: Page = shop.page) => page.locator('#tee').getByRole('button', { name: /^Add to cart/ }).click();

describe('keeping the cart', () => {
  it('keeps the cart across a reload', async () => {
    await open(dropcartPage(COUNTER + tee()));
    await addTee();
    await addTee();
    await expect.poll(count()).toBe('2');
    await shop.page.reload();
    await ready();
    expect(await count()()).toBe('2');
    expect(await items()).toMatchObject([{ id: 'tee', quantity: 2, price: '20.00' }]);
  });

  it('shows the cart on another page of the same site that does not carry the product', async () => {
    await open(dropcartPage(COUNTER + tee()));
    await addTee();
    await expect.poll(count()).toBe('1');
    await open(dropcartPage(COUNTER + '<h1>About us</h1>'));
    expect(await count()()).toBe('1');
    await shop.page.click('#open');
    const cart = shop.page.getByRole('dialog', { name: 'Cart' });
    await cart.waitFor();
    expect(await cart.getByRole('link', { name: 'Black tee' }).count()).toBe(1);
  });

  it('keeps one cart per currency: a page of the same site in another currency neither shows nor charges the other’s lines', async () => {
    // e.g. /us/ in USD and /eu/ in EUR: a line stores its price as a number of cents, with no currency, so a
    // shared cart would turn $20.00 into €20.00.
    const us = dropcartPage(COUNTER + tee('20.00'), { config: { currency: 'USD' } });
    const eu = dropcartPage(COUNTER + tee('18.00').replace(/tee/g, 'mug').replace('Black mug', 'Mug'), { config: { currency: 'EUR' } });
    await open(us);
    await addTee();
    await expect.poll(count()).toBe('1');
    await open(eu);
    expect(await items()).toEqual([]);
    expect(await count()()).toBe('0');
    await shop.page.locator('#mug').getByRole('button', { name: /^Add to cart/ }).click();
    await expect.poll(count()).toBe('1');
    expect(await items()).toMatchObject([{ id: 'mug', price: '18.00' }]);
    expect(await shop.page.evaluate(() => window.DropCart.totals().currency)).toBe('EUR');
    await open(us);
    expect(await items()).toMatchObject([{ id: 'tee', price: '20.00' }]);
    expect(await shop.page.evaluate(() => window.DropCart.totals())).toMatchObject({ currency: 'USD', total: '20.00' });
  });

  it('keeps the cart for one tab only with storage "session"', async () => {
    const path = dropcartPage(COUNTER + tee(), { config: { storage: 'session' } });
    await open(path);
    await addTee();
    await expect.poll(count()).toBe('1');
    await shop.page.reload();
    await ready();
    expect(await count()()).toBe('1');
    expect(await shop.page.evaluate(() => localStorage.length)).toBe(0);
    const other = await shop.context.newPage();
    await open(path, other);
    expect(await count(other)()).toBe('0');
  });

  it('keeps nothing across a reload with storage "none"', async () => {
    await open(dropcartPage(COUNTER + tee(), { config: { storage: 'none' } }));
    await addTee();
    await expect.poll(count()).toBe('1');
    expect(await shop.page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    await shop.page.reload();
    await ready();
    expect(await count()()).toBe('0');
  });

  it('shows a change made in one tab in another open tab within a second', async () => {
    const path = dropcartPage(COUNTER + tee());
    await open(path);
    const other = await shop.context.newPage();
    await open(path, other);
    await addTee();
    await expect.poll(count(other), { timeout: 1000, interval: 50 }).toBe('1');
    await shop.page.evaluate(() => window.DropCart.clear());
    await expect.poll(count(other), { timeout: 1000, interval: 50 }).toBe('0');
  });

  it('gives a line the price the page shows now, and tells the buyer in the cart', async () => {
    await open(dropcartPage(COUNTER + tee('20.00')));
    await addTee();
    await expect.poll(count()).toBe('1');
    await open(dropcartPage(COUNTER + tee('24.50')));
    expect(await items()).toMatchObject([{ id: 'tee', price: '24.50' }]);
    await shop.page.click('#open');
    const cart = shop.page.getByRole('dialog', { name: 'Cart' });
    await cart.waitFor();
    // the notice shown in the cart (the live region, which says it too when the cart opens before it has, is not it)
    expect(await cart.locator('[part="notice"]').getByText('The price of Black tee changed from $20.00 to $24.50.').count()).toBe(1);
  });
});

describe('including the script', () => {
  const page = (script: string): string =>
    fixturePage(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shop</title>${script}</head>
<body>${COUNTER}${tee()}</body></html>`);

  async function expectOneWorkingCart(): Promise<void> {
    await ready();
    expect(await shop.page.locator('dropcart-cart').count()).toBe(1);
    expect(await shop.page.locator('#tee dropcart-buttons').count()).toBe(1);
    await addTee();
    await expect.poll(count()).toBe('1');
    // one click handler, not two: a second copy would have added another
    expect(await items()).toMatchObject([{ quantity: 1 }]);
  }

  it('runs once when the script is included twice', async () => {
    await shop.page.goto(page('<script src="/dist/dropcart.js" defer></script><script src="/dist/dropcart.js" defer></script>'));
    await expectOneWorkingCart();
  });

  it('works when a script element is added after the page has loaded', async () => {
    await shop.page.goto(page(''), { waitUntil: 'load' });
    expect(await shop.page.evaluate(() => document.readyState)).toBe('complete');
    await shop.page.evaluate(() => {
      const script = document.createElement('script');
      script.src = '/dist/dropcart.js';
      document.head.append(script);
    });
    await shop.page.waitForFunction(() => 'DropCart' in window);
    await expectOneWorkingCart();
  });

  it('works when a delay loader runs it after the first interaction (WP Rocket, Cloudflare Rocket Loader)', async () => {
    // Such loaders hold scripts back (here type="rocketlazyloadscript") until the visitor first moves or touches,
    // then run them with document.readyState faked to "loading", rename the DOMContentLoaded and load listeners
    // those scripts add, and fire the renamed events once all have run: a sketch of WP Rocket's "Delay JavaScript
    // execution", which many WordPress shops turn on.
    const loader = `<script>
      addEventListener('pointermove', async function run() {
        removeEventListener('pointermove', run);
        let state = 'loading';
        Object.defineProperty(document, 'readyState', { configurable: true, get: () => state });
        for (const target of [document, window]) {
          const add = target.addEventListener;
          target.addEventListener = function (type, ...rest) {
            return add.call(this, type === 'DOMContentLoaded' || type === 'load' ? 'rocket-' + type : type, ...rest);
          };
        }
        for (const held of document.querySelectorAll('script[type=rocketlazyloadscript]')) {
          const script = document.createElement('script');
          script.src = held.dataset.rocketSrc;
          await new Promise((loaded) => { script.onload = loaded; held.after(script); });
        }
        state = 'interactive';
        document.dispatchEvent(new Event('rocket-DOMContentLoaded'));
        state = 'complete';
        window.dispatchEvent(new Event('rocket-load'));
      });
    </script>`;
    await shop.page.goto(page(`${loader}<script type="rocketlazyloadscript" data-rocket-src="/dist/dropcart.js"></script>`), { waitUntil: 'load' });
    expect(await shop.page.evaluate(() => 'DropCart' in window)).toBe(false);
    await shop.page.mouse.move(10, 10);
    await shop.page.mouse.move(20, 20);
    await shop.page.waitForFunction(() => 'DropCart' in window);
    await expectOneWorkingCart();
  });

  it('works with async', async () => {
    await shop.page.goto(page('<script src="/dist/dropcart.js" async></script>'));
    await shop.page.waitForFunction(() => 'DropCart' in window);
    await expectOneWorkingCart();
  });

  it('works at the end of the body without defer', async () => {
    await shop.page.goto(fixturePage(`<!doctype html><html lang="en"><head><title>shop</title></head>
<body>${COUNTER}${tee()}<script src="/dist/dropcart.js"></script></body></html>`));
    await expectOneWorkingCart();
  });
});

// Turbo (Rails' default), Astro's view transitions and other "SPA-like" routers swap the whole <body> on
// navigation, and some apps render into <body> and drop what they did not make; dropcart's cart host, appended
// to <body>, goes with it, while the script (run once) keeps running.
describe('pages that replace their <body>', () => {
  const swapBody = (page: Page, html: string) =>
    page.evaluate((html) => {
      const body = document.createElement('body');
      body.innerHTML = html;
      document.body.replaceWith(body);
    }, html);
  const dialog = () => shop.page.getByRole('dialog', { name: /^Cart/ });
  const dialogIsModal = () =>
    shop.page.evaluate(() => document.querySelector('dropcart-cart')!.shadowRoot!.querySelector('dialog')!.matches(':modal'));

  it('gives the new body’s products buttons and opens the cart from its links (Turbo, Astro)', async () => {
    await open(dropcartPage(COUNTER + tee()));
    await addTee();
    await expect.poll(count()).toBe('1');
    await swapBody(shop.page, COUNTER + tee('20.00').replace(/tee/g, 'mug').replace('Black mug', 'Mug'));
    await shop.page.locator('#mug').getByRole('button', { name: /^Add to cart/ }).click();
    await expect.poll(count()).toBe('2');
    await shop.page.click('#open');
    await dialog().waitFor();
    expect(await dialog().getByRole('listitem').count()).toBe(2);
    expect(await shop.page.evaluate(() => document.querySelectorAll('dropcart-cart').length)).toBe(1);
  });

  it('shows the floating cart button again after the swap, in the top layer, and the cart opens modal', async () => {
    await open(dropcartPage(tee()));
    await addTee();
    const fab = shop.page.getByRole('button', { name: /^Cart/ });
    await fab.waitFor();
    await swapBody(shop.page, '<h1>About us</h1>');
    await fab.waitFor();
    await expect.poll(() => fab.evaluate((button) => button.matches(':popover-open'))).toBe(true);
    await fab.click();
    await dialog().waitFor();
    expect(await dialogIsModal()).toBe(true);
  });

  it('closes a cart that was open when the body went (a link in the cart was followed), and opens it again', async () => {
    await open(dropcartPage(COUNTER + tee()));
    await addTee();
    await shop.page.click('#open');
    await dialog().waitFor();
    // as an app that empties <body> and renders into it again
    await shop.page.evaluate((html) => {
      document.body.innerHTML = '';
      setTimeout(() => (document.body.innerHTML = html));
    }, COUNTER);
    await expect.poll(() => shop.page.evaluate(() => window.DropCart.items().length)).toBe(1);
    await expect.poll(count()).toBe('1');
    expect(await dialog().isVisible()).toBe(false);
    await shop.page.click('#open');
    await dialog().waitFor();
    expect(await dialogIsModal()).toBe(true);
  });

  it('leaves no copy of itself on a page put back from a clone of an earlier body (Turbo’s Back)', async () => {
    await open(dropcartPage(COUNTER + tee(), { config: { paypal: PAYPAL } }));
    await addTee();
    await shop.page.click('#open');
    await paypalButton(shop.page).waitFor();
    await shop.page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    // Turbo keeps a clone of the page it leaves and shows that clone again on Back. A clone has no shadow roots:
    // copies of dropcart's elements in it are empty, but PayPal's buttons (light DOM, PayPal needs it) are not.
    await shop.page.evaluate(() => document.body.replaceWith(document.body.cloneNode(true)));
    await expect.poll(() => shop.page.evaluate(() => document.querySelector('dropcart-cart')?.isConnected && !!document.querySelector('dropcart-cart')!.shadowRoot)).toBe(true);
    expect(await shop.page.evaluate(() => [...document.querySelectorAll('dropcart-cart, dropcart-buttons')].filter((el) => !el.shadowRoot).length)).toBe(0);
    expect(await paypalButton(shop.page).isVisible()).toBe(false);
    await addTee();
    await expect.poll(count()).toBe('2');
    await shop.page.click('#open');
    await paypalButton(shop.page).waitFor();
    expect(await paypalButton(shop.page).count()).toBe(1);
  });
});

describe('a broken config', () => {
  it('reports invalid JSON with a [dropcart] error and keeps the cart working with the defaults', async () => {
    const path = fixturePage(`<!doctype html><html lang="en"><head><title>shop</title>
<script src="/dist/dropcart.js" defer></script>
<script type="application/json" id="dropcart-config">{ "currency": "EUR", }</script></head>
<body>${COUNTER}${tee()}</body></html>`);
    await open(path);
    const errors = shop.messages.filter((m) => m.type === 'error' && m.text.startsWith('[dropcart]')).map((m) => m.text);
    expect(errors).toEqual([expect.stringMatching(/dropcart-config.*JSON|JSON.*dropcart-config/)]);
    await addTee();
    await expect.poll(count()).toBe('1');
    expect(await shop.page.evaluate(() => window.DropCart.totals().currency)).toBe('USD');
  });

  it('fires dropcart:error with the code config_invalid for each problem', async () => {
    await shop.page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      document.addEventListener('dropcart:error', (event) => seen.push((event as CustomEvent).detail));
    });
    await open(dropcartPage(COUNTER + tee(), { config: { currency: 'EUR', storage: 'cookies' } }));
    expect(await shop.page.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toEqual([
      { code: 'config_invalid', message: expect.stringMatching(/^\[dropcart\].*"storage"/) },
    ]);
  });

  it('reads a text written <\\/script> in the config as </script> (README, Troubleshooting)', async () => {
    const path = fixturePage(`<!doctype html><html lang="en"><head><title>shop</title>
<script src="/dist/dropcart.js" defer></script>
<script type="application/json" id="dropcart-config">{ "currency": "EUR", "messages": { "emptyHint": "No <\\/script> here" } }</script></head>
<body>${COUNTER}${tee()}</body></html>`);
    await open(path);
    expect(await shop.page.evaluate(() => window.DropCart.totals().currency)).toBe('EUR');
    await shop.page.click('#open');
    await expect.poll(() => shop.page.getByRole('dialog', { name: /^Cart/ }).textContent()).toContain('No </script> here');
  });

  it('reports an unknown key by name and applies the rest of the config', async () => {
    await open(dropcartPage(COUNTER + tee(), { config: { currency: 'EUR', colour: 'red' } }));
    const errors = shop.messages.filter((m) => m.type === 'error' && m.text.startsWith('[dropcart]')).map((m) => m.text);
    expect(errors).toEqual([expect.stringContaining('"colour"')]);
    expect(await shop.page.evaluate(() => window.DropCart.totals().currency)).toBe('EUR');
  });
});

describe("the host page's styles", () => {
  const HOST_CSS = `
    body { font: 17px/1.6 Georgia, serif; color: #222; background: #fdfaf3; margin: 0 2em; }
    h2 { letter-spacing: .02em; text-transform: capitalize; }
    button, a { color: #9c2b0c; padding: 4px 10px; border: 1px solid currentColor; border-radius: 3px; }
    article { display: block; padding: 1em; border: 1px solid #ccc; box-sizing: border-box; }
    p { margin: 0 0 1em; }`;
  const AGGRESSIVE_CSS = `* { letter-spacing: 5px !important; text-transform: uppercase !important; line-height: 4 !important;
    font-size: 30px !important; font-style: italic !important; font-weight: 100 !important; word-spacing: 9px !important;
    text-align: right !important; text-shadow: 1px 1px red !important; color: red !important; text-indent: 3em !important; }`;
  const body = `${COUNTER}${tee()}<p>Made in Portland.</p><button id="plain" type="button">Subscribe</button>`;
  /** The same page with and without dropcart: only the script tag differs. */
  const shopPage = (css: string, script: boolean) =>
    fixturePage(`<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>shop</title>
${script ? '<script src="/dist/dropcart.js" defer></script>' : ''}<style>${css}</style></head><body>${body}</body></html>`);
  const withDropcart = (css: string) => shopPage(css, true);
  const without = (css: string) => shopPage(css, false);

  /** Computed styles of every element of the page that is not dropcart's, and the page's style sheets. */
  const snapshot = () =>
    shop.page.evaluate(() => {
      // Sizes follow from the content dropcart adds to a product (its buttons take room); what the page's
      // CSS says about each element must not change.
      const properties = [
        'color', 'background-color', 'font-family', 'font-size', 'font-weight', 'font-style', 'line-height',
        'letter-spacing', 'text-transform', 'text-align', 'display', 'position', 'margin-top', 'margin-left',
        'padding-top', 'padding-left', 'border-top-width', 'border-top-color', 'border-radius', 'box-sizing',
        'visibility', 'opacity', 'overflow', 'z-index', 'cursor', 'list-style-type', 'white-space',
      ];
      const elements = [...document.querySelectorAll('*')].filter((el) => !el.closest('dropcart-cart, dropcart-buttons, script'));
      return {
        styles: elements.map((el) => {
          const style = getComputedStyle(el);
          return [el.localName + (el.id ? `#${el.id}` : ''), ...properties.map((p) => style.getPropertyValue(p))].join(' | ');
        }),
        styleSheets: document.styleSheets.length,
        adoptedStyleSheets: document.adoptedStyleSheets.length,
        styleElements: document.querySelectorAll('style, link[rel~="stylesheet"]').length,
        styleAttributes: document.querySelectorAll('[style]').length,
      };
    });

  it("leaves the computed styles of the page's own elements as they are without dropcart", async () => {
    await shop.page.goto(without(HOST_CSS));
    const before = await snapshot();
    await open(withDropcart(HOST_CSS));
    await addTee();
    await expect.poll(count()).toBe('1');
    expect((await snapshot()).styles).toEqual(before.styles);
  });

  it('adds no style sheet, <style>, <link> or style attribute to the document', async () => {
    await shop.page.goto(without(HOST_CSS));
    const before = await snapshot();
    await open(withDropcart(HOST_CSS));
    await addTee();
    await shop.page.click('#open');
    await shop.page.getByRole('dialog', { name: 'Cart' }).waitFor();
    const after = await snapshot();
    const sheets = (s: typeof after) => [s.styleSheets, s.adoptedStyleSheets, s.styleElements, s.styleAttributes];
    expect(sheets(after)).toEqual(sheets(before));
  });

  it("keeps the host's aggressive CSS off the text of the inserted Add to cart button", async () => {
    const buttonStyle = () =>
      shop.page.locator('#tee').getByRole('button', { name: /^Add to cart/ }).evaluate((button) => {
        const style = getComputedStyle(button);
        return Object.fromEntries(
          ['letter-spacing', 'text-transform', 'line-height', 'font-size', 'font-style', 'font-weight', 'word-spacing',
            'text-align', 'text-shadow', 'color', 'text-indent'].map((p) => [p, style.getPropertyValue(p)]),
        );
      });
    await open(withDropcart(''));
    const plain = await buttonStyle();
    await open(withDropcart(AGGRESSIVE_CSS));
    expect(await buttonStyle()).toEqual(plain);
  });
});
