// `npm run screenshots`: builds dist/, serves the demo shop with checkout pointed at the local PayPal
// simulator (as `npm run demo:offline` does, without its banner) and photographs the cart in Chromium
// (playwright-core, Debian's /usr/bin/chromium or $CHROMIUM_PATH) into docs/screenshots/*.png for the
// README: light, dark, mobile and right-to-left. `node demo/screenshots.mjs --all` adds the empty, success
// and error states (for reviewing the design; the README does not show them).
import { spawnSync } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/fixtures/chromium.mjs';
import { startServer } from '../test/fixtures/server.mjs';
import { paypalSimRoutes } from '../test/fixtures/paypal-sim/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const all = process.argv.includes('--all');

const built = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
await mkdir(out, { recursive: true });

const server = await startServer({ root, port: 0, routes: paypalSimRoutes });
// Nothing leaves the machine: the demo is local and PayPal is the simulator.
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });

/** Hebrew text for the RTL shot, through `messages` (SPEC §2): how an owner adds a language dropcart lacks. */
const HEBREW = {
  cart: 'עגלה',
  closeCart: 'סגירת העגלה',
  removeShort: 'הסרה',
  subtotal: 'סכום ביניים',
  shipping: 'משלוח',
  shippingMethod: 'שיטת משלוח',
  tax: 'מס',
  total: 'סה״כ',
  each: '{amount} ליחידה',
  free: 'חינם',
  freeOver: 'חינם מעל {amount}',
};

/**
 * Opens the demo in a fresh context, with the simulator as PayPal and `config` merged into the page's
 * config, adds `lines` and opens the cart.
 */
async function shopWith({ viewport, colorScheme = 'light', dir, config = {}, lines }) {
  const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  await context.route('**/demo/', async (route) => {
    const response = await route.fetch();
    let html = await response.text();
    html = html.replace(/(<script type="application\/json" id="dropcart-config">)([\s\S]*?)(<\/script>)/, (_, open, json, close) => {
      const merged = { ...JSON.parse(json), ...config };
      merged.paypal = { ...merged.paypal, sdkBaseUrl: '/paypal-sim/sdk/js' };
      return open + JSON.stringify(merged) + close;
    });
    if (dir) html = html.replace('<html lang="en-US">', `<html lang="${dir.lang}" dir="rtl">`);
    await route.fulfill({ response, body: html });
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/`);
  await page.evaluate(() => window.DropCart.ready);
  for (const [id, options] of lines) await page.evaluate(([i, o]) => window.DropCart.add(i, o), [id, options]);
  return { context, page };
}

/** With the mouse, as a shopper would: focus rings show only for the keyboard. */
async function openCart(page) {
  await page.locator('[data-cart-open]').first().click();
  await page.getByRole('dialog').waitFor();
}

/** Waits for PayPal's (simulated) button and for the images in the cart, then saves the viewport. */
async function shoot(page, name, { paypal = true } = {}) {
  // Desktop shots keep the cart and a strip of the shop beside it: enough to see it sit on a real page,
  // small enough to keep the PNGs light.
  const { width, height } = page.viewportSize();
  const rtl = await page.evaluate(() => document.dir === 'rtl');
  const clip = width > 720 ? { x: rtl ? 0 : width - 720, y: 0, width: 720, height } : undefined;
  if (paypal) await page.locator('[data-paypal-sim="buttons"]').first().waitFor({ timeout: 15000 });
  await page.waitForFunction(() =>
    [...(document.querySelector('dropcart-cart')?.shadowRoot?.querySelectorAll('img') ?? [])].every((img) => img.complete),
  );
  const path = `${out}${name}.png`;
  await page.screenshot({ path, clip });
  console.log(`${path.slice(root.length)}  ${((await stat(path)).size / 1024).toFixed(0)} KB`);
}

const desktop = { width: 1200, height: 760 };
const phone = { width: 390, height: 760 };
const LINES = [
  ['house-blend', { options: { Size: '500 g', Grind: 'Pour-over' } }],
  ['everyday-mug', { quantity: 2, options: { Glaze: 'Celadon' } }],
  ['brew-guide-pdf', {}],
];

try {
  for (const [name, options] of [
    ['light', { viewport: desktop, lines: LINES }],
    ['dark', { viewport: desktop, colorScheme: 'dark', lines: LINES }],
    ['mobile', { viewport: phone, lines: LINES.slice(0, 2) }],
    ['rtl', { viewport: desktop, dir: { lang: 'he' }, config: { messages: HEBREW }, lines: LINES.slice(0, 2) }],
  ]) {
    const { context, page } = await shopWith(options);
    await openCart(page);
    await shoot(page, name);
    await context.close();
  }
  if (all) {
    for (const colorScheme of ['light', 'dark']) {
      let { context, page } = await shopWith({ viewport: desktop, colorScheme, lines: [] });
      await openCart(page);
      await shoot(page, `empty-${colorScheme}`, { paypal: false });
      await context.close();

      ({ context, page } = await shopWith({ viewport: desktop, colorScheme, lines: LINES.slice(0, 1) }));
      await page.evaluate(() => localStorage.setItem('paypal-sim', 'scenario=approve&delay=0'));
      await openCart(page);
      await page.locator('[data-paypal-sim="buttons"]').click();
      await page.getByRole('dialog').getByRole('heading', { name: /^Thank you/ }).waitFor({ timeout: 15000 });
      await shoot(page, `success-${colorScheme}`, { paypal: false });
      await context.close();

      ({ context, page } = await shopWith({ viewport: desktop, colorScheme, lines: LINES.slice(0, 1) }));
      await page.evaluate(() => localStorage.setItem('paypal-sim', 'scenario=decline&delay=0'));
      await openCart(page);
      await page.locator('[data-paypal-sim="buttons"]').click();
      await page.getByRole('dialog').getByRole('alert').waitFor({ timeout: 15000 });
      await shoot(page, `error-${colorScheme}`, { paypal: false });
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
