// Host-CSS immunity (SPEC §6): the same open cart and the same product buttons, measured on a plain page, on
// a page with Bootstrap 5's real CSS, with Tailwind's preflight and with a hostile stylesheet, come out the
// same to within a pixel or two. The font is the host's choice (SPEC §6: "default: the host's font"), so every
// page pins it with --dropcart-font and what is left to differ is what the host's CSS could distort.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dropcartPage, ROOT, useShop } from './harness';

// Reduced motion: the cart does not slide in, so it is measured where it stays.
const shop = useShop({ context: { viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce' } });

afterEach(() => {
  expect(shop.errors).toEqual([]);
});

const BOOTSTRAP = '/node_modules/bootstrap/dist/css/bootstrap.min.css';
const PREFLIGHT = '/node_modules/tailwindcss/preflight.css';

/** A stylesheet that does its worst to everything it can reach, with !important wherever it helps. */
const HOSTILE = `
html { font-size: 40px; -webkit-text-size-adjust: 200%; }
* { line-height: 3 !important; letter-spacing: 2px !important; word-spacing: 9px !important; text-transform: uppercase !important;
  font-size: 22px !important; font-weight: 900 !important; font-style: italic !important; font-family: "DejaVu Serif", serif !important;
  font-variant: small-caps !important; font-feature-settings: "smcp" !important; text-align: center !important;
  text-indent: 30px !important; text-shadow: 0 0 3px red !important; white-space: pre !important; word-break: break-all !important;
  overflow-wrap: anywhere !important; hyphens: auto !important; writing-mode: vertical-rl !important;
  -webkit-text-fill-color: transparent !important; list-style: square inside !important; box-sizing: content-box !important;
  color: #f0f !important; cursor: crosshair !important; }
div, span, p, ul, li, button, input, select, dialog, header, footer, section, img, svg, a, h2, h3, dl, dt, dd, label, fieldset {
  margin: 13px !important; padding: 17px !important; border: 5px solid red !important; min-height: 90px !important;
  width: 70% !important; display: block !important; float: left !important; position: relative !important; }
dialog { max-width: 10px !important; inset: auto !important; }
dialog::backdrop, ::backdrop { background: red !important; }
[hidden] { display: block !important; }
svg { width: 300px !important; height: 300px !important; }
:focus, :focus-visible { outline: none !important; }
`;

const PRODUCTS = `
<header class="container"><button id="open" type="button" class="btn btn-primary" data-cart-open>Cart</button></header>
<main class="container">
  <article class="card" data-product-id="tee" data-product-name="Black tee" data-product-price="20.00" data-product-image="/demo/img/mug.svg"
    data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]">
    <h2>Black tee</h2>
  </article>
  <article class="card" data-product-id="mug" data-product-name="Blue mug with a rather long name that wraps" data-product-price="12.50">
    <h2>Blue mug</h2>
  </article>
</main>`;

const CONFIG = {
  shipping: {
    methods: [
      { id: 'std', label: 'Standard', amount: '4.95', freeOver: '100.00' },
      { id: 'exp', label: 'Express', amount: '12.00' },
    ],
  },
  tax: { rate: '8' },
};

const PIN_FONT = '<style>:root { --dropcart-font: "DejaVu Sans", sans-serif; }</style>';

const hosts: Record<string, string> = {
  plain: PIN_FONT,
  'Bootstrap 5': `<link rel="stylesheet" href="${BOOTSTRAP}">${PIN_FONT}`,
  'Tailwind preflight': `<link rel="stylesheet" href="${PREFLIGHT}">${PIN_FONT}`,
  hostile: `<style>${HOSTILE}</style>${PIN_FONT}`,
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  visible: boolean;
}

/** Every element of the cart and of the product buttons, by a stable description, with its box. */
async function measure(): Promise<{ cart: Record<string, Box>; buttons: Record<string, Box>; totalFontSize: string; texts: string[] }> {
  return shop.page.evaluate(() => {
    /** Boxes of the elements under `top`; relative to `top` with `relative`. Visually hidden text is left out. */
    const boxes = (top: Element, relative: boolean, selector = '*'): Record<string, Box> => {
      const out: Record<string, Box> = {};
      const origin = top.getBoundingClientRect();
      const counts = new Map<string, number>();
      for (const el of top.querySelectorAll(selector)) {
        if (el.closest('.sr')) continue;
        if (el.closest('svg') && el.localName !== 'svg') continue;
        const base = `${el.localName}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
        const n = counts.get(base) ?? 0;
        counts.set(base, n + 1);
        const r = el.getBoundingClientRect();
        out[`${base}#${n}`] = {
          x: Math.round(r.x - (relative ? origin.x : 0)),
          y: Math.round(r.y - (relative ? origin.y : 0)),
          width: Math.round(r.width),
          height: Math.round(r.height),
          visible: (el as HTMLElement).checkVisibility({ visibilityProperty: true, opacityProperty: true }),
        };
      }
      return out;
    };
    type Box = { x: number; y: number; width: number; height: number; visible: boolean };
    const cartRoot = document.querySelector('dropcart-cart')!.shadowRoot!;
    const buttonsRoot = document.querySelector('article[data-product-id="tee"] dropcart-buttons')!.shadowRoot!;
    const dialog = cartRoot.querySelector('dialog')!;
    const texts = [...cartRoot.querySelectorAll('h2, .name, .amount, dt, dd, .remove, .method span')].map((el) => {
      const style = getComputedStyle(el);
      return [style.textTransform, style.letterSpacing, style.fontStyle, style.whiteSpace, style.writingMode, style.getPropertyValue('-webkit-text-fill-color')].join(' ');
    });
    return {
      cart: { 'dialog#0': boxes(dialog.parentElement!, false)['dialog#0']!, ...boxes(dialog, false) },
      // The buttons sit where the host page's layout puts them, in a box as wide as the page makes it: the
      // controls are compared relative to the host.
      buttons: boxes(buttonsRoot.lastElementChild!, true, 'label, select, button'),
      totalFontSize: getComputedStyle(cartRoot.querySelector('dd.total')!).fontSize,
      texts: [...new Set(texts)],
    };
  });
}

async function openCartOn(name: string) {
  await shop.page.goto(dropcartPage(PRODUCTS, { config: CONFIG, head: hosts[name] }));
  await shop.page.evaluate(() => window.DropCart.ready);
  await shop.page.evaluate(async () => {
    window.DropCart.clear(); // the cart the previous page of this test stored
    await window.DropCart.add('tee', { options: { Size: 'L' } });
    await window.DropCart.add('mug', { quantity: 2 });
  });
  await shop.page.evaluate(() => window.DropCart.open());
  await shop.page.getByRole('dialog', { name: 'Cart' }).waitFor();
  // No PayPal client id: the checkout area shows its setup message, a box of dropcart's own.
  await shop.page.locator('dropcart-cart .status').waitFor();
  await shop.page.waitForFunction(() => [...document.querySelector('dropcart-cart')!.shadowRoot!.querySelectorAll('img')].every((img) => img.complete));
  return measure();
}

/** Differences of more than `tolerance` px between two measurements, as readable lines. */
function differences(a: Record<string, Box>, b: Record<string, Box>, tolerance = 2): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key];
    const y = b[key];
    if (!x || !y) {
      out.push(`${key}: only on ${x ? 'the plain page' : 'this page'}`);
      continue;
    }
    if (x.visible !== y.visible) out.push(`${key}: visible ${x.visible} → ${y.visible}`);
    for (const side of ['x', 'y', 'width', 'height'] as const) {
      if (Math.abs(x[side] - y[side]) > tolerance) out.push(`${key}: ${side} ${x[side]} → ${y[side]}`);
    }
  }
  return out;
}

describe('the cart on hosts with their own CSS', () => {
  it('loads the real stylesheets it compares against', async () => {
    expect(readFileSync(`${ROOT}${BOOTSTRAP}`, 'utf8')).toContain('Bootstrap  v5.');
    expect(readFileSync(`${ROOT}${PREFLIGHT}`, 'utf8')).toMatch(/box-sizing: border-box/);
    await shop.page.goto(dropcartPage(PRODUCTS, { head: hosts['Bootstrap 5'] }));
    expect(await shop.page.locator('#open').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(13, 110, 253)');
    await shop.page.goto(dropcartPage(PRODUCTS, { head: hosts['Tailwind preflight'] }));
    expect(await shop.page.locator('h2').first().evaluate((h) => getComputedStyle(h).fontSize)).toBe('16px');
  });

  it('makes the hostile stylesheet distort the page around it', async () => {
    await shop.page.goto(dropcartPage(PRODUCTS, { head: hosts.hostile }));
    const h2 = await shop.page.locator('h2').first().evaluate((h) => {
      const style = getComputedStyle(h);
      return [style.fontSize, style.textTransform, style.writingMode];
    });
    expect(h2).toEqual(['22px', 'uppercase', 'vertical-rl']);
  });

  const plain = () => openCartOn('plain');

  it.each(['Bootstrap 5', 'Tailwind preflight', 'hostile'])('lays the open cart out as on a plain page under %s', async (name) => {
    const expected = await plain();
    expect(Object.keys(expected.cart).length).toBeGreaterThan(40);
    expect(expected.cart['dialog#0']).toMatchObject({ x: 760, y: 0, width: 440, height: 800, visible: true });
    const actual = await openCartOn(name);
    expect(differences(expected.cart, actual.cart)).toEqual([]);
    expect(actual.totalFontSize).toBe(expected.totalFontSize);
    expect(actual.texts).toEqual(expected.texts);
  });

  it.each(['Bootstrap 5', 'Tailwind preflight', 'hostile'])('sizes the product buttons and option selector as on a plain page under %s', async (name) => {
    const expected = await plain();
    expect(expected.buttons['button.btn#0']?.height).toBeGreaterThanOrEqual(44);
    const actual = await openCartOn(name);
    expect(differences(expected.buttons, actual.buttons)).toEqual([]);
  });
});
