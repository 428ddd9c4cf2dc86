// Look and feel (SPEC §6) in Chromium: light and dark, theming by custom properties, `theme` and ::part(),
// right-to-left pages, the full-width cart on phones, 44×44 px touch targets, reduced motion, contrast of
// the default palette, money in other currencies and languages, and what the live region says.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { de } from '../../src/i18n/de';
import { en } from '../../src/i18n/en';
import { es } from '../../src/i18n/es';
import { fr } from '../../src/i18n/fr';
import { it as italian } from '../../src/i18n/it';
import { ja } from '../../src/i18n/ja';
import { nl } from '../../src/i18n/nl';
import { pt } from '../../src/i18n/pt';
import { axeViolations } from './a11y-helpers';
import { buyerWill, dialog, paypalButton, PAYPAL, pollOf, shopPage, visible } from './checkout-helpers';
import { dropcartPage, useShop } from './harness';

const shop = useShop();

afterEach(() => {
  expect(shop.errors).toEqual([]);
});

const TEE = `<article id="tee" data-product-id="tee" data-product-name="Black tee" data-product-price="20.00"
  data-product-image="/demo/img/mug.svg" data-product-option1-name="Size" data-product-option1-values="S|M|L"><h2>Black tee</h2></article>`;
const MUG = `<article id="mug" data-product-id="mug" data-product-name="Blue mug" data-product-price="12.50" data-product-max-quantity="3"><h2>Blue mug</h2></article>`;
const SHIPPING = {
  shipping: {
    methods: [
      { id: 'std', label: 'Standard', amount: '4.95', freeOver: '100.00' },
      { id: 'exp', label: 'Express', amount: '12.00' },
    ],
  },
  tax: { rate: '8' },
};

async function openWith(path: string, lines: [string, number][] = [['tee', 1], ['mug', 2]]): Promise<void> {
  await shop.page.goto(path);
  await shop.page.evaluate(() => window.DropCart.ready);
  for (const [id, quantity] of lines) await shop.page.evaluate(([i, q]) => window.DropCart.add(i, { quantity: q }), [id, quantity] as const);
  await shop.page.evaluate(() => window.DropCart.open());
  await dialog(shop.page).waitFor();
  // Measured where it stays, not mid-slide.
  await shop.page.evaluate(() =>
    Promise.all(document.querySelector('dropcart-cart')!.shadowRoot!.querySelector('dialog')!.getAnimations().map((a) => a.finished)),
  );
}

/** A computed style of the element `selector` finds in dropcart's cart shadow root (or `host`'s). */
const styleOf = (selector: string, property: string, host = 'dropcart-cart') =>
  shop.page.evaluate(
    ([h, s, p]) => {
      const el = document.querySelector(h!)?.shadowRoot?.querySelector(s!);
      return el ? getComputedStyle(el).getPropertyValue(p!) : null;
    },
    [host, selector, property] as const,
  );

/** Boxes of every visible element of the open cart, by tag, class and index. */
const cartBoxes = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, { x: number; width: number }> = {};
    const counts = new Map<string, number>();
    const dialog = document.querySelector('dropcart-cart')!.shadowRoot!.querySelector('dialog')!;
    for (const el of [dialog, ...dialog.querySelectorAll('*')]) {
      if (el.closest('.sr, svg') || !(el as HTMLElement).checkVisibility()) continue;
      const name = `${el.localName}.${el.getAttribute('class') ?? ''}`;
      const n = counts.get(name) ?? 0;
      counts.set(name, n + 1);
      const r = el.getBoundingClientRect();
      out[`${name}#${n}`] = { x: r.x, width: r.width };
    }
    return out;
  });

const CATALOGS = { en, de, es, fr, it: italian, ja, nl, pt };

describe('light and dark', () => {
  const background = () => styleOf('dialog', 'background-color');

  it('is light on a light system', async () => {
    await shop.reset({ colorScheme: 'light' });
    await openWith(dropcartPage(TEE + MUG));
    expect(await background()).toBe('rgb(255, 255, 255)');
  });

  it('is dark on a dark system', async () => {
    await shop.reset({ colorScheme: 'dark' });
    await openWith(dropcartPage(TEE + MUG));
    expect(await background()).toBe('rgb(23, 24, 27)');
    expect(await styleOf('dialog', 'color-scheme')).toBe('dark');
  });

  it('stays light on a dark system with theme.mode "light"', async () => {
    await shop.reset({ colorScheme: 'dark' });
    await openWith(dropcartPage(TEE + MUG, { config: { theme: { mode: 'light' } } }));
    expect(await background()).toBe('rgb(255, 255, 255)');
  });

  it('is dark on a light system with theme.mode "dark", product buttons too', async () => {
    await shop.reset({ colorScheme: 'light' });
    await openWith(dropcartPage(TEE + MUG, { config: { theme: { mode: 'dark' } } }));
    expect(await background()).toBe('rgb(23, 24, 27)');
    expect(await styleOf('.btn', 'background-color', '#tee dropcart-buttons')).toBe('rgb(111, 207, 159)');
  });

  it('keeps product buttons light on a light-only page on a dark system, where they sit on the page’s white', async () => {
    await shop.reset({ colorScheme: 'dark' });
    await openWith(dropcartPage(TEE), [['tee', 1]]);
    expect(await styleOf('.btn', 'background-color', '#tee dropcart-buttons')).toBe('rgb(31, 95, 74)');
  });

  it('gives product buttons the dark palette on a page that declares a dark colour scheme, on a dark system', async () => {
    await shop.reset({ colorScheme: 'dark' });
    await openWith(dropcartPage(TEE, { head: '<meta name="color-scheme" content="light dark">' }), [['tee', 1]]);
    expect(await styleOf('.btn', 'background-color', '#tee dropcart-buttons')).toBe('rgb(111, 207, 159)');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has ≥ 4.5:1 contrast and no other axe violation with the default ${colorScheme} palette`, async () => {
      await shop.reset({ colorScheme });
      await shop.page.goto(dropcartPage(TEE + MUG, { config: SHIPPING }));
      await shop.page.evaluate(() => window.DropCart.ready);
      await shop.page.evaluate(() => Promise.all([window.DropCart.add('tee'), window.DropCart.add('mug', { quantity: 2 })]));
      // A price change, so the notice is checked too.
      await shop.page.evaluate(() => document.querySelector('#mug')!.setAttribute('data-product-price', '14.00'));
      await shop.page.evaluate(() => window.DropCart.open());
      await dialog(shop.page).locator('[part=notice]').waitFor();
      expect(await axeViolations(shop.page, 'dropcart-cart')).toEqual([]);
      expect(await axeViolations(shop.page, 'dropcart-buttons')).toEqual([]);
    });
  }
});

describe('theming', () => {
  it('takes the theme config as its custom properties', async () => {
    await openWith(dropcartPage(TEE + MUG, { config: { theme: { accent: '#7a3e9d', radius: '3px', font: 'Georgia, serif' } } }));
    expect(await styleOf('.btn', 'background-color', '#tee dropcart-buttons')).toBe('rgb(122, 62, 157)');
    expect(await styleOf('.btn', 'border-top-left-radius', '#tee dropcart-buttons')).toBe('3px');
    expect(await styleOf('h2', 'font-family')).toBe('Georgia, serif');
  });

  it('takes --dropcart-* custom properties from the page', async () => {
    const head = '<style>:root { --dropcart-accent: #005a9c; --dropcart-bg: #fdf6e3; --dropcart-text: #222; }</style>';
    await openWith(dropcartPage(TEE + MUG, { head }));
    expect(await styleOf('dialog', 'background-color')).toBe('rgb(253, 246, 227)');
    expect(await styleOf('dialog', 'color')).toBe('rgb(34, 34, 34)');
    expect(await styleOf('.btn', 'background-color', '#tee dropcart-buttons')).toBe('rgb(0, 90, 156)');
  });

  it('uses the page’s font by default', async () => {
    await openWith(dropcartPage(TEE + MUG, { head: '<style>body { font-family: "DejaVu Serif", serif; }</style>' }));
    expect(await styleOf('h2', 'font-family')).toBe('"DejaVu Serif", serif');
  });

  it('lets the page style the documented parts', async () => {
    const head = `<style>
      dropcart-buttons::part(add-button) { text-transform: uppercase; }
      dropcart-cart::part(dialog) { width: 520px; }
      dropcart-cart::part(line) { background: rgb(1, 2, 3); }
    </style>`;
    await openWith(dropcartPage(TEE + MUG, { head }));
    expect(await styleOf('.btn', 'text-transform', '#tee dropcart-buttons')).toBe('uppercase');
    expect(await styleOf('dialog', 'width')).toBe('520px');
    expect(await styleOf('li.line', 'background-color')).toBe('rgb(1, 2, 3)');
  });

  for (const css of ['body { transform: translateZ(0); }', 'html { filter: saturate(1.2); }']) {
    it(`keeps the floating cart button in the corner of the screen on a long page with ${css}`, async () => {
      // A transform or filter makes <body> / <html> the box of every position:fixed element inside it.
      await shop.page.goto(dropcartPage(`${TEE}<div style="height: 3000px"></div>`, { head: `<style>${css}</style>` }));
      await shop.page.evaluate(() => window.DropCart.ready.then(() => window.DropCart.add('tee')));
      await shop.page.evaluate(() => scrollTo(0, 1500));
      const fab = shop.page.getByRole('button', { name: /^Cart, / });
      const box = await fab.boundingBox();
      const height = await shop.page.evaluate(() => innerHeight);
      expect(height - box!.y - box!.height).toBe(20);
      await fab.click();
      await shop.page.getByRole('dialog', { name: /^Cart/ }).waitFor();
      await shop.page.keyboard.press('Escape');
      await expect.poll(() => shop.page.evaluate(() => document.querySelector('dropcart-cart')!.shadowRoot!.activeElement?.className)).toBe('fab');
      await shop.page.mouse.move(0, 0); // off the button, which rises on hover
      await expect.poll(() => fab.boundingBox()).toEqual(box);
    });
  }

  it('lets the page move the floating cart button out of a chat widget’s corner (README)', async () => {
    await shop.page.goto(dropcartPage(TEE, { head: '<style>dropcart-cart::part(cart-button) { bottom: 96px; }</style>' }));
    await shop.page.evaluate(() => window.DropCart.ready.then(() => window.DropCart.add('tee')));
    const box = await shop.page.getByRole('button', { name: /^Cart, / }).boundingBox();
    const height = await shop.page.evaluate(() => innerHeight);
    expect(height - box!.y - box!.height).toBe(96);
  });
});

describe('right-to-left pages', () => {
  const rtl = '<script>document.documentElement.dir = "rtl";</script>';

  it('mirrors the cart: every box sits where the left-to-right one is, reflected', async () => {
    await openWith(dropcartPage(TEE + MUG, { config: SHIPPING }));
    const ltr = await cartBoxes(shop.page);
    const width = await shop.page.evaluate(() => document.documentElement.clientWidth);
    await openWith(dropcartPage(TEE + MUG, { config: SHIPPING, head: rtl }), []);
    const mirrored = await cartBoxes(shop.page);
    expect(Object.keys(mirrored).sort()).toEqual(Object.keys(ltr).sort());
    expect(Object.keys(ltr).length).toBeGreaterThan(30);
    const off = Object.entries(ltr)
      .filter(([key, box]) => Math.abs(mirrored[key]!.x - (width - box.x - box.width)) > 1 || Math.abs(mirrored[key]!.width - box.width) > 1)
      .map(([key, box]) => `${key}: ltr x ${box.x} w ${box.width}, rtl x ${mirrored[key]!.x} w ${mirrored[key]!.width}`);
    expect(off).toEqual([]);
    expect(ltr['dialog.#0']!.x + ltr['dialog.#0']!.width).toBe(width);
    expect(mirrored['dialog.#0']!.x).toBe(0);
  });

  it('puts the floating cart button in the bottom left corner', async () => {
    await shop.page.goto(dropcartPage(TEE, { head: rtl }));
    await shop.page.evaluate(() => window.DropCart.ready.then(() => window.DropCart.add('tee')));
    const box = await shop.page.getByRole('button', { name: /^Cart, / }).boundingBox();
    expect(box!.x).toBe(20);
  });
});

describe('on a phone', () => {
  for (const width of [320, 375, 479]) {
    it(`fills the width of a ${width} px screen without scrolling sideways`, async () => {
      await shop.page.setViewportSize({ width, height: 700 });
      const long = `<article data-product-id="long" data-product-name="Hand-thrown-stoneware-serving-bowl-with-a-celadon-glaze-and-no-spaces"
        data-product-price="149.00" data-product-option1-name="Glaze" data-product-option1-values="Celadon-with-iron-speckles-and-a-long-name"></article>`;
      await openWith(dropcartPage(TEE + MUG + long, { config: SHIPPING }), [['tee', 1], ['mug', 2], ['long', 1]]);
      const sizes = await shop.page.evaluate(() => {
        const root = document.querySelector('dropcart-cart')!.shadowRoot!;
        const dialog = root.querySelector('dialog')!;
        const body = root.querySelector('.body')!;
        const box = dialog.getBoundingClientRect();
        return {
          x: box.x,
          width: box.width,
          viewport: document.documentElement.clientWidth,
          dialogScrolls: dialog.scrollWidth > dialog.clientWidth,
          bodyScrolls: body.scrollWidth > body.clientWidth,
          pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        };
      });
      expect(sizes).toEqual({ x: 0, width, viewport: width, dialogScrolls: false, bodyScrolls: false, pageScrolls: false });
    });
  }

  it('keeps the floating button and the cart out of a notch and the home indicator (viewport-fit=cover)', async () => {
    // An iPhone's safe area, through Chromium's DevTools protocol: 47 px at the top, 34 px at the bottom.
    await shop.page.setViewportSize({ width: 390, height: 700 });
    const cdp = await shop.page.context().newCDPSession(shop.page);
    await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 47, bottom: 34, left: 0, right: 0 } });
    const cover = '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">';
    await shop.page.goto(dropcartPage(TEE + MUG, { config: { paypal: PAYPAL }, head: cover }));
    await shop.page.evaluate(() => window.DropCart.ready.then(() => window.DropCart.add('mug')));
    const fab = shop.page.getByRole('button', { name: /^Cart, / });
    const fabBox = (await fab.boundingBox())!;
    expect(700 - (fabBox.y + fabBox.height)).toBe(34 + 20);
    await fab.click();
    await visible(paypalButton(shop.page));
    const edges = await shop.page.evaluate(() => {
      const root = document.querySelector('dropcart-cart')!.shadowRoot!;
      return {
        dialogTop: root.querySelector('dialog')!.getBoundingClientRect().top,
        headerTop: root.querySelector('.head')!.getBoundingClientRect().top,
        footerBottom: root.querySelector('.foot')!.getBoundingClientRect().bottom,
      };
    });
    expect(edges).toEqual({ dialogTop: 0, headerTop: 47, footerBottom: 700 - 34 });
  });

  it('keeps the cart a side panel on a wide screen', async () => {
    await shop.page.setViewportSize({ width: 1024, height: 700 });
    await openWith(dropcartPage(TEE + MUG));
    expect(await dialog(shop.page).boundingBox()).toMatchObject({ x: 1024 - 440, width: 440 });
  });
});

describe('the focus ring', () => {
  it('is drawn whole around a product button at the very edge of its row (nothing clips it)', async () => {
    await shop.page.goto(dropcartPage(`<main style="padding:40px;background:#fff">${MUG}</main>`));
    await shop.page.evaluate(() => window.DropCart.ready);
    await shop.page.keyboard.press('Tab'); // :focus-visible, as for a keyboard user
    const box = await shop.page.evaluate(() => {
      const host = document.querySelector('#mug > dropcart-buttons')!;
      const button = host.shadowRoot!.querySelector('[part="add-button"]')!;
      const [b, h] = [button.getBoundingClientRect(), host.getBoundingClientRect()];
      return { focused: host.shadowRoot!.activeElement === button, left: b.left, top: b.top, height: b.height, width: b.width, hostLeft: h.left, hostTop: h.top };
    });
    // The button starts where its row does: a ring drawn outside it (3 px, 2 px off) lies outside the row.
    expect(box).toMatchObject({ focused: true, left: box.hostLeft, top: box.hostTop });
    const png = await shop.page.screenshot({ clip: { x: 0, y: 0, width: 400, height: 300 } });
    /** The colour of the screenshot's pixel at (x, y). */
    const pixel = (x: number, y: number) =>
      shop.page.evaluate(
        async ([data, px, py]) => {
          const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
          const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
          context.drawImage(bitmap, 0, 0);
          return [...context.getImageData(px as number, py as number, 1, 1).data.slice(0, 3)].join(',');
        },
        [png.toString('base64'), x, y] as const,
      );
    const ink = '31,95,74'; // the default accent, #1f5f4a
    expect(await pixel(Math.round(box.left) - 4, Math.round(box.top + box.height / 2))).toBe(ink); // left of the button
    expect(await pixel(Math.round(box.left + box.width / 2), Math.round(box.top) - 4)).toBe(ink); // above it
  });
});

describe('touch targets', () => {
  it('makes every control of the cart, the floating button and the product buttons at least 44×44 px', async () => {
    await shop.page.setViewportSize({ width: 375, height: 800 });
    await shop.page.goto(dropcartPage(TEE + MUG, { config: { ...SHIPPING, paypal: PAYPAL } }));
    await shop.page.evaluate(() => window.DropCart.ready.then(() => window.DropCart.add('tee')));
    const targets = (host: string, selector: string) =>
      shop.page.evaluate(
        ([h, s]) =>
          [...document.querySelectorAll(h!)].flatMap((el) =>
            [...el.shadowRoot!.querySelectorAll(s!)].map((target) => {
              const r = target.getBoundingClientRect();
              return { target: target.getAttribute('aria-label') ?? target.textContent!.trim(), width: Math.floor(r.width), height: Math.floor(r.height) };
            }),
          ),
        [host, selector] as const,
      );
    const small = (list: { width: number; height: number }[]) => list.filter((t) => t.width < 44 || t.height < 44);
    const INTERACTIVE = 'button, a[href], select, input:not([type=radio]), label:has(input[type=radio])';

    const buttons = await targets('dropcart-buttons', INTERACTIVE);
    expect(buttons.length).toBe(5); // Add and Buy now of two products, the size selector
    expect(small(buttons)).toEqual([]);
    const floating = await targets('dropcart-cart', '.fab');
    expect(floating.length).toBe(1);
    expect(small(floating)).toEqual([]);

    await shop.page.evaluate(() => window.DropCart.add('mug', { quantity: 2 }));
    await shop.page.getByRole('button', { name: /^Cart, / }).click();
    await dialog(shop.page).waitFor();
    await visible(paypalButton(shop.page));
    // measured at rest, once the dialog has slid in
    await shop.page.evaluate(() =>
      Promise.all(
        document
          .querySelector('dropcart-cart')!
          .shadowRoot!.getAnimations()
          .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
          .map((animation) => animation.finished),
      ),
    );
    const cart = await targets('dropcart-cart', `dialog :is(${INTERACTIVE})`);
    if (small(cart).length) console.log('small targets in the open cart:', JSON.stringify(small(cart)));
    // close; per line: link, −, quantity, +, remove; two shipping methods
    expect(cart.length).toBe(1 + 2 * 5 + 2);
    expect(small(cart)).toEqual([]);
  });
});

/** A page with the tee in the cart, opened with the floating button. */
async function openWithFab(): Promise<void> {
  await shop.page.goto(dropcartPage(TEE));
  await shop.page.evaluate(() => window.DropCart.ready.then(() => window.DropCart.add('tee')));
  await shop.page.getByRole('button', { name: /^Cart, / }).click();
  await dialog(shop.page).waitFor();
}

describe('reduced motion', () => {
  const motion = () =>
    shop.page.evaluate(() => {
      const root = document.querySelector('dropcart-cart')!.shadowRoot!;
      return {
        slide: getComputedStyle(root.querySelector('dialog')!).animationName,
        fab: getComputedStyle(root.querySelector('.fab')!).transitionDuration,
      };
    });
  /** A product button's transition while hovered (at rest it declares none: styles.ts), once the cart is closed. */
  const hoveredButton = async () => {
    await shop.page.keyboard.press('Escape');
    await dialog(shop.page).waitFor({ state: 'hidden' });
    const add = shop.page.locator('dropcart-buttons').first().getByRole('button', { name: /^Add to cart/ });
    await add.hover();
    return add.evaluate((button) => getComputedStyle(button).transitionDuration);
  };

  it('slides the cart in and animates buttons normally', async () => {
    await shop.reset({ reducedMotion: 'no-preference' });
    await openWithFab();
    const normal = await motion();
    expect(normal.slide).toBe('slide');
    expect(normal.fab).not.toBe('0s');
    expect(await hoveredButton()).not.toMatch(/^0s(, 0s)*$/);
  });

  it('turns every animation and transition off under prefers-reduced-motion', async () => {
    await shop.reset({ reducedMotion: 'reduce' });
    await openWithFab();
    expect(await motion()).toEqual({ slide: 'none', fab: '0s' });
    expect(await hoveredButton()).toBe('0s');
  });
});

describe('printing', () => {
  it('leaves the product buttons and the floating cart button off paper, and prints an open cart', async () => {
    await openWithFab();
    await shop.page.keyboard.press('Escape');
    await dialog(shop.page).waitFor({ state: 'hidden' });
    const shown = () =>
      shop.page.evaluate(() => {
        const cart = document.querySelector('dropcart-cart')!.shadowRoot!;
        return {
          buttons: document.querySelector('dropcart-buttons')!.checkVisibility(),
          fab: cart.querySelector('.fab')!.checkVisibility(),
          cart: cart.querySelector('dialog')!.checkVisibility(),
        };
      });
    expect(await shown()).toEqual({ buttons: true, fab: true, cart: false });
    await shop.page.emulateMedia({ media: 'print' });
    expect(await shown()).toEqual({ buttons: false, fab: false, cart: false });
    await shop.page.evaluate(() => window.DropCart.open());
    await dialog(shop.page).waitFor();
    expect((await shown()).cart).toBe(true);
  });
});

describe('forced colours (Windows High Contrast)', () => {
  // Forced colours drop backgrounds and shadows: the floating button and the cart's edge would be invisible.
  // Their transparent border and outline become the system's text colour there, and stay invisible elsewhere.
  const edges = () =>
    shop.page.evaluate(() => {
      const root = document.querySelector('dropcart-cart')!.shadowRoot!;
      const fab = getComputedStyle(root.querySelector('.fab')!);
      const cart = getComputedStyle(root.querySelector('dialog')!);
      return { fab: `${fab.borderTopWidth} ${fab.borderTopColor}`, cart: `${cart.outlineWidth} ${cart.outlineStyle} ${cart.outlineColor}` };
    });

  it('outlines the floating button and the cart in the system’s colours', async () => {
    await shop.reset({ forcedColors: 'active' });
    await openWithFab();
    const { fab, cart } = await edges();
    expect(fab).toMatch(/^2px rgb\(\d+, \d+, \d+\)$/);
    expect(cart).toMatch(/^1px solid rgb\(\d+, \d+, \d+\)$/);
  });

  it('keeps those edges invisible without forced colours', async () => {
    await shop.reset({ forcedColors: 'none' });
    await openWithFab();
    expect(await edges()).toEqual({ fab: '2px rgba(0, 0, 0, 0)', cart: '1px solid rgba(0, 0, 0, 0)' });
  });
});

describe('money and words in other currencies and languages', () => {
  // The build ships each catalog as a list in English's key order (esbuild.config.mjs): every text of every
  // language must still land under its own key.
  it.each(Object.entries(CATALOGS))('speaks %s from the built script, every text under its own key', async (language, catalog) => {
    const product = '<div data-product-id="cup" data-product-name="Cup" data-product-price="12.00"></div>';
    await openWith(dropcartPage(product, { lang: language }), [['cup', 1]]);
    const shown = await shop.page.evaluate(() => {
      const buttons = document.querySelector('dropcart-buttons')!.shadowRoot!;
      const cart = document.querySelector('dropcart-cart')!.shadowRoot!;
      return {
        addToCart: buttons.querySelector('[part="add-button"]')!.textContent,
        buyNow: buttons.querySelector('[part="buy-button"]')!.textContent,
        cart: cart.querySelector('#dropcart-title')!.firstChild!.textContent,
        closeCart: cart.querySelector('[part="close"]')!.getAttribute('aria-label'),
        remove: cart.querySelector('[part="remove"]')!.getAttribute('aria-label'),
      };
    });
    expect(shown).toEqual({
      addToCart: catalog.addToCart,
      buyNow: catalog.buyNow,
      cart: catalog.cart,
      closeCart: catalog.closeCart,
      remove: catalog.remove.replace('{name}', 'Cup'),
    });
  });

  const row = (label: string) =>
    shop.page.evaluate((name) => {
      const terms = [...document.querySelector('dropcart-cart')!.shadowRoot!.querySelectorAll('dt')];
      return terms.find((dt) => dt.textContent === name)?.nextElementSibling?.textContent ?? null;
    }, label);

  it('shows euros the German way on a German page', async () => {
    const product = '<div data-product-id="tasse" data-product-name="Tasse" data-product-price="1234.50"></div>';
    await openWith(dropcartPage(product, { lang: 'de-DE', config: { currency: 'EUR' } }), [['tasse', 2]]);
    expect(await row('Zwischensumme')).toBe('2.469,00\u00a0€');
    expect(await dialog(shop.page).getByRole('button', { name: 'Menge von Tasse erhöhen' }).count()).toBe(1);
  });

  it('shows yen without decimals on a Japanese page', async () => {
    const product = '<div data-product-id="cup" data-product-name="湯呑み" data-product-price="1200"></div>';
    await openWith(dropcartPage(product, { lang: 'ja-JP', config: { currency: 'JPY' } }), [['cup', 3]]);
    expect(await row('小計')).toBe('\uffe53,600');
    expect(await shop.page.getByRole('dialog', { name: 'カート', exact: true }).count()).toBe(1);
  });

  it('shows pounds on a British page', async () => {
    const product = '<div data-product-id="mug" data-product-name="Mug" data-product-price="9.99"></div>';
    await openWith(dropcartPage(product, { lang: 'en-GB', config: { currency: 'GBP', tax: { rate: '20', included: true } } }), [['mug', 2]]);
    expect(await row('Subtotal')).toBe('£19.98');
    expect(await row('Total')).toBe('£19.98');
  });

  it('follows the config locale over the page language', async () => {
    const product = '<div data-product-id="mug" data-product-name="Mug" data-product-price="9.99"></div>';
    await openWith(dropcartPage(product, { lang: 'en-US', config: { currency: 'EUR', locale: 'fr-FR' } }), [['mug', 1]]);
    expect(await row('Sous-total')).toBe('9,99\u00a0€');
  });
});

describe('the live region', () => {
  // The page's region comes before the dialog in the cart's shadow tree; the dialog has its own.
  const pageRegion = () => shop.page.locator('dropcart-cart .sr[aria-live]').first();
  const cartRegion = () => dialog(shop.page).locator('.sr[aria-live]');
  const said = (region: () => ReturnType<typeof cartRegion>) => () => region().textContent();

  it('says what was added and how many items the cart has', async () => {
    await shop.page.goto(dropcartPage(TEE));
    await shop.page.evaluate(() => window.DropCart.ready);
    await shop.page.locator('#tee').getByRole('button', { name: /^Add to cart/ }).click();
    await pollOf(said(pageRegion)).toBe('Added Black tee to the cart. The cart has 1 item.');
    expect(await pageRegion().getAttribute('aria-live')).toBe('polite');
  });

  it('says when the quantity is capped', async () => {
    await openWith(dropcartPage(MUG), [['mug', 3]]);
    await dialog(shop.page).getByRole('spinbutton', { name: 'Quantity of Blue mug' }).fill('7');
    await shop.page.keyboard.press('Enter');
    await pollOf(said(cartRegion)).toBe('You can buy at most 3 of Blue mug.');
  });

  it('says that a price changed when the page shows a new one', async () => {
    await shop.page.goto(dropcartPage(TEE));
    await shop.page.evaluate(() => window.DropCart.ready.then(() => window.DropCart.add('tee')));
    await shop.page.goto(dropcartPage(TEE.replace('20.00', '25.00')));
    await pollOf(said(pageRegion)).toBe('The price of Black tee changed from $20.00 to $25.00.');
  });

  it('does not repeat on opening the cart what it said before', async () => {
    await shop.page.goto(dropcartPage(TEE));
    await shop.page.evaluate(() => window.DropCart.ready);
    await shop.page.locator('#tee').getByRole('button', { name: /^Add to cart/ }).click();
    await pollOf(said(pageRegion)).toContain('Added Black tee');
    await shop.page.getByRole('button', { name: /^Cart, / }).click();
    await dialog(shop.page).waitFor();
    expect(await cartRegion().textContent()).toBe('');
    await dialog(shop.page).getByRole('button', { name: 'Increase quantity of Black tee' }).click();
    await dialog(shop.page).getByRole('button', { name: 'Remove Black tee' }).click();
    await pollOf(said(cartRegion)).toBe('Removed Black tee from the cart.');
  });

  it('says that the payment is done, with the PayPal order id', async () => {
    await shop.page.goto(shopPage([{ id: 'tee', name: 'Black tee', price: '20.00' }]));
    await shop.page.evaluate(() => window.DropCart.ready.then(() => window.DropCart.add('tee')));
    await shop.page.getByRole('button', { name: /^Cart, / }).click();
    await buyerWill(shop.page, 'scenario=approve&delay=0');
    await paypalButton(shop.page).click();
    await pollOf(said(cartRegion)).toMatch(/^Thank you! Your payment is complete\. PayPal order \w+$/);
  });

  it('says that the payment failed, once', async () => {
    await shop.page.goto(shopPage([{ id: 'tee', name: 'Black tee', price: '20.00' }]));
    await shop.page.evaluate(() => window.DropCart.ready.then(() => window.DropCart.add('tee')));
    await shop.page.getByRole('button', { name: /^Cart, / }).click();
    await buyerWill(shop.page, 'scenario=decline&delay=0');
    await paypalButton(shop.page).click();
    const message = 'Your payment method was declined. Please try again or choose another way to pay.';
    const alert = dialog(shop.page).getByRole('alert');
    await pollOf(() => alert.textContent()).toContain(message);
    // said once: by the alert, not again by the live region
    expect(await cartRegion().textContent()).not.toContain(message);
    expect(await pageRegion().textContent()).not.toContain(message);
  });
});
