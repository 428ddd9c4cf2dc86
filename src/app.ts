// Start-up and wiring: config → cart → UI → scan → window.DropCart (SPEC §1, §8). Everything that can
// fail because of the host page is caught here: dropcart never throws into it.

import { atom, computed } from 'nanostores';
import { toLine, toTotals } from './api';
import { createCart, lineOf, computeTotals } from './cart';
import { hookSelector } from './catalog/markup';
import { createScanner, type Scanner } from './catalog/scan';
import { createCheckout, type Checkout, type Locked } from './checkout';
import { readConfig, type Config } from './config';
import { PRODUCT_SELECTOR, TAG, VERSION } from './constants';
import { emit, on } from './events';
import { connectAnalytics } from './events/analytics';
import { createTranslator } from './i18n';
import { error, warn } from './log';
import type { CartLine, Choice, Product } from './model';
import { formatMoney } from './money';
import { own } from './checks';
import { nextTask } from './task';
import type { AddOptions, DropCartApi, Line } from './types';
import { renderCart } from './ui/cart';
import type { App, Payment, View } from './ui/context';

/** The element that has focus, looking into open shadow roots (our own buttons live in them). */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function pageLocale(config: Config): string {
  return config.locale || document.documentElement.lang || navigator.language || 'en';
}

interface Running {
  app: App;
  scanner: Scanner;
  checkout: Checkout;
  /** settles once the cart (floating button, closed dialog) is drawn */
  cartShown: Promise<void>;
}

/** Creates the app once the DOM is ready. Split from the API so the API object can exist (and be typed)
 * before the page has finished parsing. */
function boot(nonce: string): Running {
  const problems: string[] = [];
  const config = readConfig(document, problems);
  for (const message of problems) emit('error', { code: 'config_invalid', message: `[dropcart] ${message}` });
  // Prototype.js ≤ 1.6 gives arrays a toJSON returning a string; PayPal's SDK serialises the order with
  // JSON.stringify, so every list in it would arrive as text and PayPal refuses the order. (The stored
  // cart is immune, see cart/storage.ts stringify.)
  if (own(Array.prototype, 'toJSON') && config.paypal.clientId) {
    warn('this page gives arrays a toJSON method (Prototype.js 1.6 or older), which breaks PayPal\'s orders. Update it to 1.7+, or run `delete Array.prototype.toJSON` before dropcart loads.');
  }

  const locale = pageLocale(config);
  const t = createTranslator(locale, config.messages);
  const money = (minor: number): string => formatMoney(minor, config.currency, locale);

  const cart = createCart(config, {
    add: (line, quantity) => emit('add', { line: toLine(line, config.currency), quantity }),
    remove: (line) => emit('remove', { line: toLine(line, config.currency) }),
  });

  const $open = atom(false);
  const $view = atom<View>({ kind: 'cart' });
  const $payment = atom<Payment>({ status: 'idle' });
  const $announcement = atom('');
  const $floatingButton = atom(false);
  const $lock = atom<Locked | null>(null);
  const $payPalWindow = atom(false);
  const $checkoutLines = computed([$view, cart.$lines, $lock], (view, lines, lock): readonly CartLine[] =>
    lock ? lock.lines : view.kind === 'buy' ? [view.line] : view.kind === 'success' ? [] : lines,
  );
  const $checkoutTotals = computed([$checkoutLines, cart.$shippingMethodId, $lock], (lines, methodId, lock) =>
    computeTotals(lines, config, lock ? lock.shippingMethodId : methodId),
  );

  const host = document.createElement(TAG.cart);
  const checkoutSlot = document.createElement('div');
  checkoutSlot.slot = 'checkout';
  host.append(checkoutSlot);
  host.dataset.mode = config.theme.mode;

  let opener: Element | null = null;
  let hooksDue = false;
  /** whether the subtotal elements have had their first text (refreshHooks), and whether it is on its way */
  let priced = false;
  let pricing = false;
  let announceTimer: ReturnType<typeof setTimeout> | undefined;

  const app: App = {
    config,
    cart,
    t,
    locale,
    money,
    $open,
    $view,
    $payment,
    $announcement,
    $checkoutLines,
    $checkoutTotals,
    $lock,
    $payPalWindow,
    hasHostedButtons: () => [...scanner.products.values()].some((p) => p.hostedButtonId !== null),
    $floatingButton,
    checkoutSlot,
    announce(text) {
      // Clearing first makes screen readers repeat an identical message ("Added X" twice in a row).
      $announcement.set('');
      clearTimeout(announceTimer);
      announceTimer = setTimeout(() => $announcement.set(text), 50);
    },
    add(product, choices, quantity) {
      const result = cart.add(product, choices, quantity);
      if (result.capped) app.announce(t('capReached', { max: product.maxQuantity, name: product.name }));
      else app.announce(t('addedCount', { name: product.name, count: cart.$totals.get().count }));
      if (result.added > 0) checkout.warm();
      return result.added > 0;
    },
    buyNow(product, choices) {
      const line = lineOf(product, choices, 1);
      if (!line) return;
      $lock.set(null);
      $view.set({ kind: 'buy', product, line });
      if ($open.get()) checkout.open();
      else app.open(deepActiveElement());
    },
    setBuyQuantity(quantity) {
      const view = $view.get();
      if (view.kind !== 'buy') return;
      const capped = Math.min(Math.max(1, quantity), view.line.maxQuantity);
      if (capped < quantity) app.announce(t('capReached', { max: view.line.maxQuantity, name: view.line.name }));
      $view.set({ ...view, line: { ...view.line, quantity: capped } });
    },
    setQuantity(lineId, quantity) {
      const line = cart.$lines.get().find((l) => l.id === lineId);
      if (line && quantity > line.maxQuantity) app.announce(t('capReached', { max: line.maxQuantity, name: line.name }));
      cart.setQuantity(lineId, quantity);
    },
    remove(lineId) {
      const line = cart.remove(lineId);
      if (line) app.announce(t('removed', { name: line.name }));
    },
    open(from) {
      if ($open.get()) return;
      opener = from ?? deepActiveElement();
      $open.set(true);
      emit('open', {});
      checkout.open();
    },
    close() {
      if (!$open.get()) return;
      $open.set(false);
      checkout.close();
      if ($view.get().kind !== 'cart') $view.set({ kind: 'cart' });
      cart.dismissNotices();
      emit('close', {});
      // Focus goes back to what opened the cart (WCAG 2.4.3), if it is still on the page.
      const target = opener as HTMLElement | null;
      opener = null;
      if (target?.isConnected && typeof target.focus === 'function') target.focus();
    },
    refreshHooks() {
      // Once per burst of changes (a loop of DropCart.add calls, another tab's cart arriving), at the end of
      // the current task and before the next frame: on a page of 10,000 products each look-up costs a few ms.
      if (hooksDue) return;
      hooksDue = true;
      queueMicrotask(() => {
        hooksDue = false;
        // A router that swaps the whole <body> (Turbo, Astro's view transitions) or an app that empties it took
        // the cart with it: it comes back, closed (the buyer followed a link, or the page moved on). A body put
        // back from a clone (Turbo's Back) holds copies of dropcart's elements without their shadow roots: empty,
        // but for PayPal's buttons in the cart's light DOM. They go.
        if (!host.isConnected && document.body) {
          for (const el of document.querySelectorAll(`${TAG.cart},${TAG.buttons}`)) if (!el.shadowRoot) el.remove();
          document.body.append(host);
          app.close();
          // leaving the document took the floating button out of the top layer: drawn again, it goes back in
          $floatingButton.set(false);
        }
        const totals = cart.$totals.get();
        setTexts(hookSelector(config, 'count'), hookSelector(config, 'subtotal'), String(totals.count), () => {
          if (priced) return money(totals.subtotal);
          // The first price formatted builds the browser's number formatter (20-40 ms, over 100 ms on a phone's
          // CPU): the subtotal elements get their first text in a task of its own, not inside dropcart's start.
          if (!pricing) {
            pricing = true;
            nextTask(() => {
              priced = true;
              app.refreshHooks();
            });
          }
          return null;
        });
        $floatingButton.set(config.cartButton === 'auto' ? !document.querySelector(hookSelector(config, 'open')) : config.cartButton);
      });
    },
    retryPayment() {
      checkout.retry();
    },
  };

  const checkout = createCheckout(app, nonce);
  connectAnalytics(config, () => ({
    items: cart.$lines.get().map((l) => toLine(l, config.currency)),
    totals: toTotals(cart.$totals.get(), config.currency),
  }));
  const scanner = createScanner(app);

  cart.$lines.listen((lines) => {
    app.refreshHooks();
    emit('change', { items: lines.map((l) => toLine(l, config.currency)), totals: toTotals(cart.$totals.get(), config.currency) });
  });
  cart.$shippingMethodId.listen(() => app.refreshHooks());

  document.body.append(host);
  scanner.scanSoon();
  // The cart is drawn in a task of its own, after the first scan's: preact's first render costs ~13 ms on a
  // page that has just loaded, and the products' buttons, what a shopper looks for first, should not wait
  // for it (nor should the two add up to one long task: issue 6). Until then the stores hold what happens:
  // a DropCart.open() meanwhile opens the cart as soon as it is drawn.
  const cartShown = new Promise<void>((resolve) =>
    nextTask(() => {
      guard('showing the cart', () => renderCart(host, app), undefined);
      resolve();
    }),
  );
  app.refreshHooks();
  return { app, scanner, checkout, cartShown };
}

/** Sets the text of the page's count and subtotal elements, found in one pass over the document (on a page of
 * 10,000 products each pass costs ~2 ms of every add). A text is asked for only when the page has such
 * elements: formatting money first builds an Intl.NumberFormat, which costs ~20 ms on its own (issue 6).
 * A subtotal of null leaves the subtotal elements as they are. */
function setTexts(countSelector: string, subtotalSelector: string, count: string, subtotal: () => string | null): void {
  let subtotalText: string | null | undefined;
  for (const el of document.querySelectorAll(`${countSelector},${subtotalSelector}`)) {
    const value = el.matches(subtotalSelector) ? (subtotalText === undefined ? (subtotalText = subtotal()) : subtotalText) : count;
    if (value !== null && el.textContent !== value) el.textContent = value;
  }
}

/** Runs `fn`, reporting instead of throwing: the host page never sees an exception of ours. */
function guard<T>(what: string, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (cause) {
    if (cause instanceof TypeError && String(cause.message).startsWith('[dropcart]')) throw cause;
    error(`${what} failed:`, cause);
    return fallback;
  }
}

/** Creates window.DropCart's object. It exists at once; methods act once the page is ready. */
export function createDropCart(nonce = ''): DropCartApi {
  let running: Running | null = null;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const start = (): void => {
    if (running) return;
    guard('starting', () => {
      const { scanner, cartShown } = (running = boot(nonce));
      // SPEC §8: ready once the first scan is done, which on a big page takes several short tasks, and the
      // cart is drawn.
      scanner.done(() =>
        cartShown.then(() => {
          resolveReady();
          emit('ready', { version: VERSION });
        }),
      );
    }, undefined);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();

  const invalid = (message: string): TypeError => new TypeError(`[dropcart] ${message}`);
  const findLine = (lineId: unknown): CartLine | undefined =>
    running?.app.cart.$lines.get().find((line) => line.id === lineId);

  return Object.freeze({
    version: VERSION,
    ready,
    async add(productId: string, opts: AddOptions = {}): Promise<Line> {
      await ready;
      const { app, scanner } = running as Running;
      const product = typeof productId === 'string' ? scanner.products.get(productId) : undefined;
      if (!product) throw invalid(`DropCart.add: no product with id ${JSON.stringify(productId)} on this page (products need ${PRODUCT_SELECTOR} attributes).`);
      const quantity = opts?.quantity ?? 1;
      if (!Number.isInteger(quantity) || quantity < 1) throw invalid(`DropCart.add: quantity must be a whole number ≥ 1, got ${JSON.stringify(quantity)}.`);
      const choices = choicesFor(product, opts?.options ?? {});
      app.add(product, choices, quantity);
      const line = app.cart.$lines.get().find((l) => l.productId === product.id && l.choices.every((c, i) => c.value === choices[i]?.value));
      return toLine(line as CartLine, app.config.currency);
    },
    items: () => guard('DropCart.items', () => running?.app.cart.$lines.get().map((l) => toLine(l, running!.app.config.currency)) ?? [], []),
    totals: () => {
      const app = running?.app;
      return guard('DropCart.totals', () => (app ? toTotals(app.cart.$totals.get(), app.config.currency) : EMPTY_TOTALS), EMPTY_TOTALS);
    },
    setQuantity(lineId: string, quantity: number) {
      if (!Number.isInteger(quantity) || quantity < 0) throw invalid(`DropCart.setQuantity: quantity must be a whole number ≥ 0, got ${JSON.stringify(quantity)}.`);
      if (!findLine(lineId)) throw invalid(`DropCart.setQuantity: no line with id ${JSON.stringify(lineId)} in the cart.`);
      guard('DropCart.setQuantity', () => running!.app.setQuantity(lineId, quantity), undefined);
    },
    remove(lineId: string) {
      if (!findLine(lineId)) throw invalid(`DropCart.remove: no line with id ${JSON.stringify(lineId)} in the cart.`);
      guard('DropCart.remove', () => running!.app.remove(lineId), undefined);
    },
    clear: () => guard('DropCart.clear', () => running?.app.cart.clear(), undefined),
    open: () => guard('DropCart.open', () => running?.app.open(), undefined),
    close: () => guard('DropCart.close', () => running?.app.close(), undefined),
    scan(root?: ParentNode) {
      if (root !== undefined && !(root && typeof (root as ParentNode).querySelectorAll === 'function')) {
        throw invalid('DropCart.scan(root): root must be a document, element or fragment.');
      }
      guard('DropCart.scan', () => {
        running?.scanner.scan(root ?? document);
        running?.app.refreshHooks();
      }, undefined);
    },
    on: on as DropCartApi['on'],
  });

  /** The API's `{ Size: "L" }` → choices in the product's option order; unknown names or values are a
   * TypeError naming them, missing ones take the first value. */
  function choicesFor(product: Product, options: Record<string, string>): Choice[] {
    if (typeof options !== 'object' || options === null) throw invalid('DropCart.add: options must be an object like { "Size": "L" }.');
    for (const name of Object.keys(options)) {
      if (!product.options.some((o) => o.name === name)) {
        throw invalid(`DropCart.add: product "${product.id}" has no option "${name}"; its options are ${product.options.map((o) => `"${o.name}"`).join(', ') || 'none'}.`);
      }
    }
    return product.options.map((option) => {
      const value = own(options, option.name) ? options[option.name] : option.values[0]?.value;
      if (!option.values.some((v) => v.value === value)) {
        throw invalid(`DropCart.add: "${String(value)}" is not a value of option "${option.name}" of product "${product.id}"; use one of ${option.values.map((v) => `"${v.value}"`).join(', ')}.`);
      }
      return { name: option.name, value: value as string };
    });
  }
}

/** Sets window.DropCart. A page's own `var DropCart` or `function DropCart` is a non-configurable
 * property that defineProperty cannot replace, but plain assignment can; if even that fails, the page
 * is told why the API is missing (the buttons and cart work without it). */
export function exposeDropCart(api: DropCartApi): void {
  try {
    Object.defineProperty(window, 'DropCart', { value: api, configurable: true, enumerable: false, writable: false });
  } catch {
    try {
      (window as unknown as { DropCart: unknown }).DropCart = api;
    } catch {
      // strict-mode assignment to a read-only property throws; reported just below
    }
  }
  if ((window as unknown as { DropCart: unknown }).DropCart !== api) {
    error('window.DropCart is defined by the page and cannot be replaced: no DropCart API (buttons and cart still work). Rename the page\'s own DropCart.');
  }
}

/** totals before the page is ready */
const EMPTY_TOTALS = Object.freeze({ count: 0, subtotal: '0.00', shipping: '0.00', tax: '0.00', total: '0.00', currency: 'USD' });
