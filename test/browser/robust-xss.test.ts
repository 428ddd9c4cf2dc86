// Injection (issue 4, SPEC §1, §3, STYLE.md 8): no text from the page's markup, the config or the stored
// cart is ever executed or parsed as HTML, and no javascript:, vbscript: or non-image data: URL reaches an
// href or src. A corpus of XSS vectors goes into every text and URL attribute of product markup, option
// names and values, config strings and stored cart lines, and is driven through adding, the open cart,
// "Buy now", PayPal checkout (the simulator) and the success view. Every vector tries to set
// `window.pwned` and to open an alert; both are watched for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_VERSION, storageKey } from '../../src/constants';
import { en } from '../../src/i18n/en';
import { dropcartPage, useShop } from './harness';
import type { ShopFixture } from './harness';
import { PAYPAL, dialog, paypalButton, pollOf, resetSim, simOrders, visible } from './checkout-helpers';

/** the stored cart of the test pages' store, in USD */
const STORAGE_KEY = storageKey('USD');

const P = 'window.pwned=1,alert(1)';

/** At least 50 vectors: markup, event handlers, script URLs (plain and obfuscated), SVG and MathML,
 * template-injection strings, and strings aimed at htm/preact. */
export const VECTORS: readonly string[] = [
  `<script>${P}</script>`,
  `<img src=x onerror="${P}">`,
  `<img src=x onerror=${P}>`,
  `"><img src=x onerror=${P}>`,
  `'><svg onload=${P}>`,
  `<svg/onload=${P}>`,
  `<svg><script>${P}</script></svg>`,
  `<svg><a xlink:href="javascript:${P}"><text>x</text></a></svg>`,
  `<svg><animate onbegin=${P} attributeName=x dur=1s>`,
  `<svg><set attributeName=onmouseover to=${P}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${P}>`,
  `<math href="javascript:${P}">x</math>`,
  `<iframe src="javascript:${P}"></iframe>`,
  `<iframe srcdoc="<script>parent.pwned=1</script>">`,
  `<body onload=${P}>`,
  `<details open ontoggle=${P}>`,
  `<a href="javascript:${P}">x</a>`,
  `<object data="javascript:${P}">`,
  `<embed src="javascript:${P}">`,
  `<form><button formaction="javascript:${P}">x</button></form>`,
  `<input autofocus onfocus=${P}>`,
  `<video><source onerror=${P}>`,
  `<audio src=x onerror=${P}>`,
  `<marquee onstart=${P}>`,
  `<xss onpointerover=${P}>hover`,
  `<template><img src=x onerror=${P}></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${P}>">`,
  `<scr<script>ipt>${P}</scr</script>ipt>`,
  `<base href="javascript:${P}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${P}">`,
  `<style>@import 'javascript:${P}'</style>`,
  `</dropcart-cart><img src=x onerror=${P}>`,
  `<slot name=checkout onslotchange=${P}>`,
  `javascript:${P}`,
  `JaVaScRiPt:${P}`,
  `  javascript:${P}`,
  `java\tscript:${P}`,
  `java\nscript:${P}`,
  `java\rscript:${P}`,
  `\u0001javascript:${P}`,
  `&#106;avascript:${P}`,
  `&#x6A;avascript:${P}`,
  `javascript&colon;${P}`,
  `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+${P}//'>`,
  `data:text/html,<script>${P}</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cucHduZWQ9MTwvc2NyaXB0Pg==`,
  `data:image/svg+xml,<svg onload="${P}"/>`,
  `vbscript:msgbox(1)`,
  `VBScript:${P}`,
  `blob:null/${P}`,
  `{{constructor.constructor('${P}')()}}`,
  `\${${P}}`,
  `#{${P}}`,
  `<%= ${P} %>`,
  `{{7*7}}[[7*7]]`,
  `<\${'img'} src=x onerror=${P} />`,
  `<\${x} onClick=\${() => ${P}} />`,
  `{"__html":"<img src=x onerror=${P}>"}`,
  `dangerouslySetInnerHTML`,
  `__proto__`,
  `';${P};//`,
  `");${P};//`,
  `\\u003cimg src=x onerror=${P}\\u003e`,
  `%3Cscript%3E${P}%3C%2Fscript%3E`,
  `<img src="x\`onerror=${P}>`,
];

/** The payload as an attribute value in the fixture's HTML: the page's own markup stays inert, the
 * attribute holds the vector exactly. */
const attr = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What dropcart shows for a name: whitespace runs become one space (SPEC §3: names on one line). */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** An option value: the vector without the characters of option syntax (`|`, `[`, `]`). */
const optionValue = (text: string): string => oneLine(text.replace(/[|[\]]/g, '')) || 'x';

/** Watches for anything executing: `window.pwned`, dialogs (alert/confirm/prompt), in every frame. */
async function watchForExecution(shop: ShopFixture): Promise<string[]> {
  const dialogs: string[] = [];
  shop.context.on('page', (page) => page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss())));
  shop.page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  await shop.context.addInitScript(() => {
    let pwned: unknown;
    Object.defineProperty(window, 'pwned', {
      configurable: false,
      get: () => pwned,
      set: (value) => {
        pwned = value;
      },
    });
  });
  return dialogs;
}

interface DomProblem {
  where: string;
  problem: string;
}

/** Every element of the page, including inside (nested) open shadow roots, checked for what an injection
 * would leave behind: event-handler attributes, script-bearing URLs, and elements no dropcart UI has. */
function domProblems(page: ShopFixture['page']): Promise<DomProblem[]> {
  return page.evaluate(() => {
    const problems: { where: string; problem: string }[] = [];
    const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'data', 'poster', 'background', 'ping', 'srcdoc'];
    const FORBIDDEN_IN_UI = ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'LINK', 'FORM', 'TEMPLATE', 'MATH'];
    const describe = (el: Element): string => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>`;
    const badUrl = (value: string): boolean => {
      // How browsers read a URL scheme: control characters and whitespace are stripped, case is ignored.
      const squeezed = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (/^(javascript|vbscript):/.test(squeezed)) return true;
      return squeezed.startsWith('data:') && !/^data:image\/(png|gif|jpeg|webp|avif);/.test(squeezed);
    };
    const visit = (root: Document | ShadowRoot, inUi: boolean): void => {
      for (const el of root.querySelectorAll('*')) {
        const ui = inUi || el.closest('dropcart-cart, dropcart-buttons') !== null;
        for (const { name, value } of Array.from(el.attributes)) {
          if (/^on/i.test(name)) problems.push({ where: describe(el), problem: `${name}="${value}"` });
          if (URL_ATTRS.includes(name.toLowerCase()) && badUrl(value)) problems.push({ where: describe(el), problem: `${name}="${value}"` });
        }
        for (const prop of ['href', 'src'] as const) {
          const value = (el as unknown as Record<string, unknown>)[prop];
          if (typeof value === 'string' && badUrl(value)) problems.push({ where: describe(el), problem: `.${prop} = ${value}` });
        }
        if (ui && FORBIDDEN_IN_UI.includes(el.tagName.toUpperCase())) problems.push({ where: describe(el), problem: 'element injected into dropcart UI' });
        if (el.shadowRoot) visit(el.shadowRoot, true);
      }
    };
    visit(document, false);
    return problems;
  });
}

/** Text of every element with the given selector inside dropcart's cart (its shadow root). */
const cartTexts = (page: ShopFixture['page'], selector: string): Promise<string[]> =>
  page.evaluate(
    (sel) => Array.from(document.querySelector('dropcart-cart')?.shadowRoot?.querySelectorAll(sel) ?? []).map((el) => el.textContent ?? ''),
    selector,
  );

const shop = useShop();
let dialogs: string[] = [];

beforeEach(async () => {
  shop.context.setDefaultTimeout(15_000);
  await resetSim(shop);
  dialogs = await watchForExecution(shop);
});

afterEach(async () => {
  // Nothing ran, whatever the test did: the flag is unset, no dialog opened, no error escaped.
  if (!shop.page.isClosed()) expect(await shop.page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(shop.errors).toEqual([]);
});

/** Pays for the open cart with the simulator and waits for the success view. */
async function payAndSucceed(): Promise<void> {
  await visible(paypalButton(shop.page));
  expect(await domProblems(shop.page)).toEqual([]);
  await paypalButton(shop.page).click();
  await visible(dialog(shop.page).locator('[part="success"]'));
  await pollOf(async () => (await simOrders(shop)).map((o) => o.status)).toEqual(['COMPLETED']);
  expect(await domProblems(shop.page)).toEqual([]);
}

describe('XSS vectors in product markup', () => {
  it('has a corpus of at least 50 distinct vectors', () => {
    expect(new Set(VECTORS).size).toBe(VECTORS.length);
    expect(VECTORS.length).toBeGreaterThanOrEqual(50);
  });

  it('shows every vector in names, SKUs, descriptions and options as text, through cart, Buy now, checkout and success', async () => {
    const products = VECTORS.map((v, i) => {
      const sku = [...v].slice(0, 127).join('');
      return `<article data-product-id="t${i}" data-product-name="${attr(v)}" data-product-price="1.00"
        data-product-description="${attr(v)}" data-product-sku="${attr(sku)}"
        data-product-option1-name="${attr(v)}" data-product-option1-values="${attr(`A|${optionValue(v)}`)}"><h2>t${i}</h2></article>`;
    });
    await shop.page.goto(dropcartPage(products.join('\n'), { config: { paypal: PAYPAL } }));
    await shop.page.evaluate(() => window.DropCart.ready);
    // Every product was accepted, so every vector really went through the UI.
    expect(await shop.page.locator('dropcart-buttons').count()).toBe(VECTORS.length);
    expect(await domProblems(shop.page)).toEqual([]);

    const added = await shop.page.evaluate(
      async (list) => {
        const names: string[] = [];
        for (const [i, option, value] of list) names.push((await window.DropCart.add(`t${i}`, { options: { [option]: value } })).name);
        return names;
      },
      VECTORS.map((v, i) => [i, oneLine(v), optionValue(v)] as [number, string, string]),
    );
    expect(added).toEqual(VECTORS.map(oneLine));

    // Buy now with a vector-named product: the single-product view.
    await shop.page.locator('article[data-product-id="t1"]').getByRole('button', { name: /^Buy now/ }).click();
    await visible(dialog(shop.page));
    expect(await cartTexts(shop.page, 'li[part="line"] .name')).toEqual([oneLine(VECTORS[1]!)]);
    expect(await domProblems(shop.page)).toEqual([]);
    await shop.page.keyboard.press('Escape');
    await dialog(shop.page).waitFor({ state: 'hidden' });

    await shop.page.evaluate(() => window.DropCart.open());
    await visible(dialog(shop.page));
    expect(await cartTexts(shop.page, 'li[part="line"] .name')).toEqual(VECTORS.map(oneLine));
    const meta = await cartTexts(shop.page, 'li[part="line"] .meta');
    for (const v of VECTORS) expect(meta).toContain(`${oneLine(v)}: ${optionValue(v)}`);
    await payAndSucceed();
    const [order] = await simOrders(shop);
    expect(order!.body.purchase_units[0].items).toHaveLength(VECTORS.length);
  });

  it('drops every script, vbscript or data: vector given as an image or product URL, and keeps the rest harmless', async () => {
    const products = VECTORS.map(
      (v, i) => `<article data-product-id="i${i}" data-product-name="Image ${i}" data-product-price="1.00" data-product-image="${attr(v)}"></article>
<article data-product-id="u${i}" data-product-name="Link ${i}" data-product-price="1.00" data-product-url="${attr(v)}"></article>`,
    );
    await shop.page.goto(dropcartPage(products.join('\n'), { config: { paypal: PAYPAL } }));
    await shop.page.evaluate(() => window.DropCart.ready);
    // Images that are not http(s) or relative are dropped with a warning: all image products work.
    const accepted = await shop.page.evaluate(async (count) => {
      const ok: string[] = [];
      for (let i = 0; i < count; i++) {
        for (const id of [`i${i}`, `u${i}`]) {
          try {
            await window.DropCart.add(id);
            ok.push(id);
          } catch {
            // a rejected product (its URL was refused)
          }
        }
      }
      return ok;
    }, VECTORS.length);
    expect(accepted.filter((id) => id.startsWith('i'))).toHaveLength(VECTORS.length);
    // Product URLs with a script scheme are refused, so those products are not for sale.
    const scriptUrl = /^[\u0000-\u0020]*(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data|blob):/i;
    for (const [i, v] of VECTORS.entries()) {
      if (scriptUrl.test(v)) expect(accepted, v).not.toContain(`u${i}`);
    }
    expect(shop.dropcartMessages().some((m) => m.includes('data-product-url'))).toBe(true);
    expect(shop.dropcartMessages().some((m) => m.includes('data-product-image'))).toBe(true);
    await shop.page.evaluate(() => window.DropCart.open());
    await visible(dialog(shop.page));
    await payAndSucceed();
  });
});

describe('the injection detector', () => {
  it('flags handler attributes, obfuscated script URLs and injected elements inside dropcart’s shadow roots', async () => {
    await shop.page.goto(dropcartPage('<article data-product-id="tee" data-product-name="Tee" data-product-price="5.00"></article>'));
    await shop.page.evaluate(() => window.DropCart.ready);
    expect(await domProblems(shop.page)).toEqual([]);
    // What a successful injection would leave behind (inert here: nothing is clicked).
    await shop.page.evaluate(() => {
      const root = document.querySelector('dropcart-buttons')!.shadowRoot!;
      const a = document.createElement('a');
      a.setAttribute('href', 'java\tscript:void 0');
      const div = document.createElement('div');
      div.setAttribute('onclick', 'void 0');
      root.append(a, div, document.createElement('iframe'));
    });
    expect((await domProblems(shop.page)).map((p) => p.problem)).toEqual(['href="java\tscript:void 0"', '.href = javascript:void 0', 'onclick="void 0"', 'element injected into dropcart UI']);
  });
});

describe('XSS vectors in the config', () => {
  it('shows message overrides and shipping labels as text, and refuses script URLs', async () => {
    const messages = Object.fromEntries(Object.keys(en).map((key, i) => [key, `${VECTORS[i % VECTORS.length]} {name}`]));
    const config = {
      paypal: PAYPAL,
      messages,
      successUrl: `javascript:${P}`,
      shipping: {
        methods: VECTORS.slice(0, 8).map((v, i) => ({ id: `${v}${i}`, label: v, amount: `${i + 1}.00` })),
      },
      theme: { accent: `red;}</style><img src=x onerror=${P}>` },
    };
    // Written the way a careful owner embeds JSON in HTML: `<` escaped, so no vector can end the script
    // element early (that would be the page's own markup executing, not dropcart).
    const head = `<script type="application/json" id="dropcart-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`;
    await shop.page.goto(dropcartPage('<article data-product-id="tee" data-product-name="Tee" data-product-price="5.00"></article>', { head }));
    await shop.page.evaluate(() => window.DropCart.ready);
    await shop.page.evaluate(() => window.DropCart.add('tee'));
    await shop.page.evaluate(() => window.DropCart.open());
    await visible(dialog(shop.page));
    const labels = await cartTexts(shop.page, 'fieldset[part="shipping"] label.method > span:first-of-type');
    expect(labels).toEqual(VECTORS.slice(0, 8));
    expect(shop.dropcartMessages().some((m) => m.includes('"successUrl"'))).toBe(true);
    expect(shop.dropcartMessages().some((m) => m.includes('"theme.accent"'))).toBe(true);
    await payAndSucceed();
    // The override of the success text shows as text, with the vector intact.
    expect(await cartTexts(shop.page, '[part="success"] h3')).toEqual([messages.paid!]);
    expect(new URL(shop.page.url()).protocol).toBe('http:');
  });
});

describe('XSS vectors in the stored cart', () => {
  it('shows stored names and options as text and drops lines whose URLs are not http(s)', async () => {
    const home = dropcartPage('<p>shop</p>', { config: { paypal: PAYPAL } });
    await shop.page.goto(home);
    const lines = VECTORS.map((v, i) => ({
      productId: `s${i}`,
      name: v,
      unitPrice: 100,
      quantity: 1,
      choices: [[v, optionValue(v)]],
      image: i % 2 ? v : null,
      url: i % 2 ? '/shop.html' : v,
      sku: `s${i}`,
      maxQuantity: 5,
      shippable: true,
      taxable: true,
    }));
    await shop.page.evaluate(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, JSON.stringify({ v: STORAGE_VERSION, lines, shippingMethodId: VECTORS[0] })] as const);
    await shop.page.reload();
    await shop.page.evaluate(() => window.DropCart.ready);
    const names = await shop.page.evaluate(() => window.DropCart.items().map((l) => l.name));
    // Lines whose link or image would be a script URL are dropped; relative ones are harmless text URLs.
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(VECTORS.length);
    for (const name of names) expect(VECTORS).toContain(name);
    await shop.page.evaluate(() => window.DropCart.open());
    await visible(dialog(shop.page));
    expect(await cartTexts(shop.page, 'li[part="line"] .name')).toEqual(names);
    await payAndSucceed();
  });
});
