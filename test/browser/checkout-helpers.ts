// Shared pieces of the checkout browser tests (checkout.test.ts, checkout-sdk.test.ts): shop pages that
// point dropcart at the PayPal simulator (test/fixtures/paypal-sim), the simulator's scenario switches,
// and readers for what the page and the simulator saw.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ShopFixture } from './harness';
import { dropcartPage } from './harness';

/** The simulator accepts any non-empty client id; its SDK is served by the test server (harness.ts). */
export const PAYPAL = { clientId: 'sim-client', sdkBaseUrl: '/paypal-sim/sdk/js' } as const;
export const SDK_PATH = '/paypal-sim/sdk/js';

export interface ProductMarkup {
  id: string;
  name: string;
  price: string;
  /** extra attributes, e.g. `data-product-shippable="false"` */
  attrs?: string;
}

export const product = ({ id, name, price, attrs = '' }: ProductMarkup): string =>
  `<article data-product-id="${id}" data-product-name="${name}" data-product-price="${price}" ${attrs}><h2>${name}</h2></article>`;

/** A shop page with the given products and config; PayPal points at the simulator unless config says otherwise. */
export function shopPage(products: ProductMarkup[], config: Record<string, unknown> = {}): string {
  return dropcartPage(products.map(product).join('\n'), { config: { paypal: PAYPAL, ...config } });
}

/** Records every dropcart:* event of every page of the context in `window.__events` (before dropcart runs). */
export async function recordEvents(shop: ShopFixture): Promise<void> {
  await shop.context.addInitScript(() => {
    const events: { name: string; detail: unknown }[] = [];
    (window as unknown as { __events: typeof events }).__events = events;
    for (const name of ['ready', 'add', 'remove', 'change', 'open', 'close', 'checkout', 'approve', 'cancel', 'error']) {
      document.addEventListener(`dropcart:${name}`, (event) => {
        events.push({ name, detail: JSON.parse(JSON.stringify((event as CustomEvent).detail ?? null)) });
      });
    }
  });
}

export interface RecordedEvent {
  name: string;
  detail: any;
}

export async function events(page: Page, names?: string[]): Promise<RecordedEvent[]> {
  const all = await page.evaluate(() => (window as unknown as { __events: RecordedEvent[] }).__events);
  return names ? all.filter((event) => names.includes(event.name)) : all;
}

/** What the simulated buyer does at the next click on PayPal's button (read by sdk.js at each click). */
export async function buyerWill(page: Page, settings: string): Promise<void> {
  await page.evaluate((value) => localStorage.setItem('paypal-sim', value), settings);
}

/** How the simulator serves the SDK (loadFail, slow, noGlobal): a cookie, read by its server. */
export async function sdkWill(shop: ShopFixture, settings: string): Promise<void> {
  await shop.context.addCookies([{ name: 'paypal-sim', value: encodeURIComponent(settings), url: shop.url }]);
}

export const sdkRequests = (shop: ShopFixture): URL[] =>
  shop.requests.filter((url) => url.includes(SDK_PATH)).map((url) => new URL(url));

export interface SimOrder {
  id: string;
  status: string;
  body: any;
}

/** Create-order requests the simulator's REST API accepted, with their status (CREATED, APPROVED, COMPLETED). */
export async function simOrders(shop: ShopFixture): Promise<SimOrder[]> {
  return (await (await fetch(`${shop.url}/paypal-sim/orders`)).json()) as SimOrder[];
}

export async function resetSim(shop: ShopFixture): Promise<void> {
  await fetch(`${shop.url}/paypal-sim/orders`, { method: 'DELETE' });
}

/** Every create-order body the page handed to the SDK, including any the simulator's API refused. */
export async function sentBodies(page: Page): Promise<any[]> {
  return page.evaluate(() => (window as unknown as { __paypalSim?: { orders: unknown[] } }).__paypalSim?.orders ?? []);
}

export async function simEvents(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    ((window as unknown as { __paypalSim?: { events: { type: string }[] } }).__paypalSim?.events ?? []).map((e) => e.type),
  );
}

export async function addToCart(page: Page, productId: string, opts: { quantity?: number; options?: Record<string, string> } = {}): Promise<void> {
  await page.evaluate(([id, o]) => window.DropCart.ready.then(() => window.DropCart.add(id, o)), [productId, opts] as const);
}

export const items = (page: Page) =>
  page.evaluate(() => window.DropCart.items().map(({ productId, options, quantity }) => ({ productId, options, quantity })));

export const dialog = (page: Page): Locator => page.getByRole('dialog');
/** The simulator's PayPal button for the cart and Buy now (Buttons), and for Hosted Buttons. */
export const paypalButton = (page: Page): Locator => page.locator('[data-paypal-sim="buttons"]');
export const hostedButton = (page: Page): Locator => page.locator('[data-paypal-sim="hosted-buttons"]');
export const checkoutArea = (page: Page): Locator => page.locator('dropcart-cart section[part="checkout"]');
export const retryButton = (page: Page): Locator => page.getByRole('button', { name: 'Try again' });

/** Opens the cart the way a shopper does, with the floating cart button. */
export async function openCart(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Cart, / }).click();
  await dialog(page).waitFor();
}

/** The cart's shown totals, as label → text ("Subtotal" → "$56.50"). */
export async function shownTotals(page: Page): Promise<Record<string, string>> {
  return page.locator('dropcart-cart dl[part="totals"]').evaluate((dl) => {
    const out: Record<string, string> = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
    return out;
  });
}

/** The cart's shown lines: name, quantity and line amount. */
export async function shownLines(page: Page): Promise<{ name: string; quantity: string; amount: string }[]> {
  return page.locator('dropcart-cart li[part="line"]').evaluateAll((lines) =>
    lines.map((li) => ({
      name: li.querySelector('.name')?.textContent ?? '',
      quantity: (li.querySelector('input[type="number"]') as HTMLInputElement | null)?.value ?? '',
      amount: li.querySelector('.amount')?.textContent ?? '',
    })),
  );
}

/** Formats a decimal string the way the page would show it (Intl takes decimal strings exactly). */
export async function formatted(page: Page, value: string, currency: string): Promise<string> {
  return page.evaluate(
    ([v, c]) => new Intl.NumberFormat(document.documentElement.lang, { style: 'currency', currency: c }).format(v as unknown as number),
    [value, currency] as const,
  );
}

// playwright-core has no web-first assertions (those come with @playwright/test): these wait the same way.
const WAIT = 10_000; // generous: CI machines are slow and the suite runs two Chromiums at once
export const visible = (locator: Locator): Promise<void> => locator.first().waitFor({ state: 'visible', timeout: WAIT });
/** The text of every element the locator matches, joined; '' when there is none (never waits). */
export const textOf = (locator: Locator): Promise<string> => locator.allTextContents().then((texts) => texts.join(' '));
export const pollOf = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: WAIT, interval: 50 });
