// Finding products on the page (SPEC §3, and the markup of §9 through ./markup.ts) and wiring their buttons.
// Scanning is idempotent: an element is re-read only when what it says (or its owner buttons) changed, and
// dropcart's buttons live in one <dropcart-buttons> host per product, reused on every scan. One
// MutationObserver picks up products that single-page apps and infinite scroll add later.

import { ATTR, HOOK, MAX_OPTIONS, optionNameAttr, optionValuesAttr, TAG } from '../constants';
import { describe, warn } from '../log';
import type { Choice, OptionValue, Product } from '../model';
import { nextTask } from '../task';
import { renderButtons, unmountButtons } from '../ui/buttons';
import type { App } from '../ui/context';
import { hookSelector, inputOf, JSON_LD_LABEL, JSON_LD_SELECTOR, jsonLdProducts, parseInput, productSelector, type Input } from './markup';
import { ownerControlledOptions, readChoices } from './parse';

interface Found {
  /** which owner buttons and slots the element held when last read (see ownerHooksOf); -1 forces a re-read */
  hooks: number;
  /** what the element said when last read */
  input: Input;
  product: Product | null;
  host: HTMLElement | null;
  /** dropcart's own selector values; made when the product first has options (most never do) */
  ownChoices: Map<string, string> | null;
}

export interface Scanner {
  /** products by id, as last seen on this page */
  readonly products: ReadonlyMap<string, Product>;
  scan(root: ParentNode): void;
  /** the first scan of the page, in a task of its own (`done` waits for it), which also starts watching the
   * document for products added or changed later */
  scanSoon(): void;
  /** calls `callback` once every product scanned so far has its buttons (at once when none are waiting) */
  done(callback: () => void): void;
}

/** 1…n. Not `Array.from({ length: n }, …)`: MooTools 1.x and Prototype.js replace Array.from with versions that
 * ignore the map function, and the option attributes would then go unwatched on such pages. */
const upTo = (n: number): number[] => [...Array(n).keys()].map((i) => i + 1);

const OBSERVED_ATTRIBUTES = [
  ...Object.values(ATTR),
  ...upTo(MAX_OPTIONS).flatMap((n) => [optionNameAttr(n), optionValuesAttr(n)]),
  HOOK.add,
  HOOK.buy,
  HOOK.open,
  // SPEC §9: schema.org microdata, and Snipcart's attributes (custom fields up to custom10)
  'itemprop',
  'itemtype',
  'content',
  ...'id name price url description image quantity max-quantity shippable taxable'.split(' ').map((name) => `data-item-${name}`),
  ...upTo(10).flatMap((n) => ['name', 'options', 'value'].map((part) => `data-item-custom${n}-${part}`)),
];

const REQUIRED = [ATTR.id, ATTR.name, ATTR.price] as const;

/** How long one slice of scanning may take, in ms; well under the 50 ms of a long task. */
const SLICE_MS = 8;
/** ...and a slice still building the products on screen: on a slow phone their buttons then come in one frame,
 * not in several (three slices with two frames between them on 100 products at 4× CPU throttling). */
const ON_SCREEN_SLICE_MS = 24;
/** Below this many products a scan is ordered as the page is; above, products on screen go first. */
const SLICE_SORT_MIN = 64;
/** Buttons built in later slices are put on the page together, at most this many ms apart (see `work`). */
const PLACE_MS = 250;
/** How long to wait for the browser to say what is on screen before going in page order (a hidden tab
 * renders nothing, so its IntersectionObserver never reports). */
const ON_SCREEN_WAIT_MS = 250;

/** Elements with two of the three required attributes: meant as products, but one was forgotten. (One
 * alone is too common outside dropcart, e.g. a theme's own data-product-id, to warn about.) */
const INCOMPLETE_SELECTOR = REQUIRED.map((missing) => {
  const present = REQUIRED.filter((name) => name !== missing).map((name) => `[${name}]`).join('');
  return `${present}:not([${missing}])`;
}).join(',');

const OWNER_HOOKS = [HOOK.add, HOOK.buy, HOOK.buttons, ATTR.option] as const;
const ANY_OWNER_HOOK = OWNER_HOOKS.map((name) => `[${name}]`).join(',');
const OWNER_ADD = 1;
const OWNER_BUY = 2;
const OWNER_SLOT = 4;
/** Besides what a product element says (its Input), what changes its meaning: the owner buttons and slots that
 * decide which of our buttons are inserted, and where; one bit each (OWNER_ADD…). Most products hold none of
 * them: one look-up says so, and the look-ups per kind are skipped, here and in scanProduct. */
const ownerHooksOf = (el: Element): number =>
  el.querySelector(ANY_OWNER_HOOK) ? OWNER_HOOKS.reduce((bits, name, i) => bits | (el.querySelector(`[${name}]`) ? 1 << i : 0), 0) : 0;

const NONE: readonly Element[] = [];

/** Whether two readings of one product id agree on what it costs: the price, and the options with their price
 * changes when both list options (a JSON-LD description of a product with options usually lists none).
 * Otherwise a cart line's price would depend on which element was read last. */
const samePrices = (a: Product, b: Product): boolean =>
  a.price === b.price && (!a.options.length || !b.options.length || JSON.stringify(a.options) === JSON.stringify(b.options));

/** A product without options shares this (never written: only option selectors write). */
const NO_CHOICES = new Map<string, string>();

/** Makes an owner's element act as a button for keyboard users too, when it is not one already. */
function onActivate(el: Element, action: (event: Event) => void): void {
  el.addEventListener('click', action);
  const native = el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || el instanceof HTMLInputElement;
  if (!native) {
    if (!el.hasAttribute('role')) el.setAttribute('role', 'button');
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    // As native buttons do: Enter acts on keydown, Space on keyup. Acting on Space's keydown would let its keyup
    // land on whatever the action focused (the cart's Close button) and click it.
    el.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'Enter' || key === ' ') event.preventDefault(); // Space must not scroll the page
      if (key === 'Enter') action(event);
    });
    el.addEventListener('keyup', (event) => {
      if ((event as KeyboardEvent).key === ' ') {
        event.preventDefault();
        action(event);
      }
    });
  }
}

export function createScanner(app: App): Scanner {
  const selector = productSelector(app.config);
  const found = new WeakMap<Element, Found>();
  /** the text of each JSON-LD script when last read */
  const jsonLdRead = new WeakMap<Element, string>();
  const products = new Map<string, Product>();
  /** which element first showed each product id on this page, to catch the same id at two prices. Held weakly:
   * a page that swaps its grid (filters, pages, infinite scroll) would otherwise keep every card it ever showed,
   * with its buttons, alive (~0.9 MB per 1,000 products swapped out). */
  const shownBy = new Map<string, WeakRef<Element>>();
  const wired = new WeakSet<Element>();
  let observer: MutationObserver | null = null;

  /** The buyer's choices for a product element, or null after asking for what is missing. One function for all
   * products' buttons (ButtonsProps.readChoices). */
  const choicesOf = (el: Element): readonly Choice[] | null => {
    const state = found.get(el);
    if (!state?.product) return null;
    const result = readChoices(el, state.product, state.ownChoices ?? undefined);
    if (result.ok) return result.choices;
    const select = result.unchosen;
    if (select) {
      // Ask the buyer, with the browser's own validation bubble, which screen readers announce too.
      select.setCustomValidity(app.t('chooseOption', { name: result.reason, product: state.product.name }));
      select.reportValidity();
      select.addEventListener('change', () => select.setCustomValidity(''), { once: true });
    } else {
      warn(`${describe(el)}: ${result.reason}`, el);
    }
    return null;
  };

  const wireOwnerButton = (button: Element, el: Element, kind: 'add' | 'buy'): void => {
    if (wired.has(button)) return;
    wired.add(button);
    onActivate(button, (event) => {
      event.preventDefault(); // an owner's <a href="#"> or submit button must not navigate
      const state = found.get(el);
      if (!state?.product) {
        warn(`${describe(el)}: this ${kind === 'add' ? HOOK.add : HOOK.buy} button belongs to a product with invalid markup (see the warning above).`, button);
        return;
      }
      const choices = choicesOf(el);
      if (!choices) return;
      if (kind === 'add') app.add(state.product, choices, state.input.quantity ?? 1);
      else app.buyNow(state.product, choices);
    });
  };

  /** Removes our inserted buttons; `invalid` also forgets the product, so owner buttons stop working. */
  const drop = (state: Found, invalid: boolean): void => {
    if (state.host) unmountButtons(state.host);
    state.host = null;
    if (invalid) state.product = null;
  };

  /** Validates what a product element (or JSON-LD script) says and makes the product known; null after
   * reporting why not. `label` names it in messages (null: the element, described only when there is something to
   * say, not for every product read), `skipped` says what the owner sees instead. */
  const accept = (el: Element, input: Input, label: string | null, skipped: string): Product | null => {
    const result = parseInput(el, input, app.config);
    if (!result.ok) {
      warn(`${label ?? describe(el)}: ${result.reason.replace(/\.$/, '')}. ${skipped}`, el);
      return null;
    }
    const product = result.product;
    const first = shownBy.get(product.id)?.deref();
    if (first && first !== el && first.isConnected && !samePrices(products.get(product.id) as Product, product)) {
      warn(`${label ?? describe(el)}: product id "${product.id}" is already on this page with another price or other options (or price changes); give each product its own id. ${skipped}`, el);
      return null;
    }
    if (!first || !first.isConnected) shownBy.set(product.id, new WeakRef(el));
    products.set(product.id, product);
    app.cart.refreshPrice(product);
    return product;
  };

  const scanProduct = (el: Element, input: Input): void => {
    const hooks = ownerHooksOf(el);
    let state = found.get(el);
    // Unchanged since last read: nothing to do. (Compared as JSON only on a rescan; the first read keeps no copy.)
    if (state && state.hooks === hooks && (!state.host || state.host.isConnected) && JSON.stringify(state.input) === JSON.stringify(input)) return;
    if (!state) {
      state = { hooks, input, product: null, host: null, ownChoices: null };
      found.set(el, state);
    }
    state.hooks = hooks;
    state.input = input;
    for (const [name, value] of Object.entries(input.choices ?? {})) (state.ownChoices ??= new Map()).set(name, value);

    const product = accept(el, input, null, 'This product gets no buttons.');
    if (!product) return drop(state, true);
    state.product = product;
    // A Snipcart element is its own add button (with options, dropcart's selectors go right after it).
    const self = input.quantity !== undefined;
    if (self) wireOwnerButton(el, el, 'add');

    const ownerAdd = hooks & OWNER_ADD ? el.querySelectorAll(`[${HOOK.add}]`) : NONE;
    const ownerBuy = hooks & OWNER_BUY ? el.querySelectorAll(`[${HOOK.buy}]`) : NONE;
    ownerAdd.forEach((button) => wireOwnerButton(button, el, 'add'));
    ownerBuy.forEach((button) => wireOwnerButton(button, el, 'buy'));

    const ownerControlled = ownerControlledOptions(el, product);
    const showAdd = product.buttons.add && ownerAdd.length === 0;
    const showBuy = product.buttons.buy && ownerBuy.length === 0;
    const needsSelectors = product.options.some((option) => !ownerControlled.has(option.name));
    if (!showAdd && !showBuy && !needsSelectors) return drop(state, false);

    const slot = (hooks & OWNER_SLOT && el.querySelector(`[${HOOK.buttons}]`)) || el;
    if (!state.host) state.host = document.createElement(TAG.buttons);
    const current = state;
    const host = state.host;
    const place = (): void => {
      // The product may have changed or gone while its buttons waited.
      if (current.host !== host || !el.isConnected) return;
      if (self) {
        if (host.previousElementSibling !== el) el.after(host);
      } else if (host.parentNode !== slot) slot.append(host);
    };
    if (placing && head > onScreenEnd) toPlace.push(place);
    else place();
    renderButtons(state.host, {
      app,
      product,
      ownerControlled,
      showAdd,
      showBuy,
      ownChoices: product.options.length ? (state.ownChoices ??= new Map()) : (state.ownChoices ?? NO_CHOICES),
      el,
      readChoices: choicesOf,
    });
  };

  /** JSON-LD products (SPEC §9) are known by sku; buttons naming it anywhere on the page sell them. */
  const scanJsonLd = (script: Element): void => {
    const text = script.textContent ?? '';
    if (jsonLdRead.get(script) === text) return;
    jsonLdRead.set(script, text);
    let found: ReturnType<typeof jsonLdProducts>;
    try {
      found = jsonLdProducts(script, app.config.currency);
    } catch (cause) {
      return warn(`${JSON_LD_LABEL}: is not valid JSON (${(cause as Error).message}), so its schema.org products are skipped. Check it with a JSON-LD validator.`, script);
    }
    for (const { label, input } of found) accept(script, input, label, 'Buttons that name it do nothing.');
  };

  const wireHooks = (root: ParentNode): void => {
    for (const el of matching(root, hookSelector(app.config, 'open'))) {
      if (wired.has(el)) continue;
      wired.add(el);
      onActivate(el, (event) => {
        event.preventDefault();
        app.open(el);
      });
    }
    // [data-cart-add="SKU"] and [data-cart-buy="SKU"] outside any product element: the buttons of the product
    // with that id, which for a JSON-LD product is its sku. Options, if any, take their first value.
    for (const kind of ['add', 'buy'] as const) {
      const hook = HOOK[kind];
      for (const button of matching(root, `[${hook}]:not([${hook}=""])`)) {
        if (wired.has(button) || button.closest(selector)) continue;
        wired.add(button);
        onActivate(button, (event) => {
          event.preventDefault();
          const key = button.getAttribute(hook) ?? '';
          const product = products.get(key);
          if (!product) {
            return warn(`${describe(button)}: ${hook}="${key}" names no product on this page (no schema.org JSON-LD Product with that "sku", no product with that id); check the spelling.`, button);
          }
          const choices = product.options.map((option) => ({ name: option.name, value: (option.values[0] as OptionValue).value }));
          if (kind === 'add') app.add(product, choices, 1);
          else app.buyNow(product, choices);
        });
      }
    }
  };

  /** One element of the scan: a JSON-LD script, or an element that may be a product. */
  const scanOne = (el: Element): void => {
    if (el.matches(JSON_LD_SELECTOR)) return scanJsonLd(el);
    const input = inputOf(el, app.config);
    const state = found.get(el);
    if (input) scanProduct(el, input);
    // no longer a product (a schema.org card that now holds a product element): its buttons go
    else if (state) {
      drop(state, true);
      state.hooks = -1;
    }
  };

  // Products waiting for their buttons. A scan does as much as fits in one slice of SLICE_MS and leaves the
  // rest to the next macrotask, so no task of ours grows with the page (issue 6): a page of 10,000 products
  // gets its buttons in many short tasks, those on screen first, and stays responsive meanwhile.
  //
  // Every insertion changes the size of a product card, and the browser then lays out the owner's whole grid
  // again at its next frame: on a page of 1,000 cards that costs more than building the buttons. So the first
  // slice of a scan (what is on screen) puts its buttons on the page at once, and later slices keep theirs
  // (built, in their shadow roots) until the scan ends or PLACE_MS have passed: a few layouts, not one a slice.
  const queue: Element[] = [];
  let head = 0;
  let pending = false;
  /** later slices: buttons wait in toPlace */
  let placing = false;
  const toPlace: (() => void)[] = [];
  let placedAt = 0;
  /** queue[0, onScreenEnd) are on screen: their buttons go on the page at once, whichever slice builds them */
  let onScreenEnd = 0;
  const waiting: (() => void)[] = [];
  const work = (): void => {
    pending = false;
    const start = performance.now();
    while (head < queue.length) {
      const el = queue[head++] as Element;
      try {
        if (el.isConnected) scanOne(el);
      } catch (cause) {
        // One broken product never stops the others (SPEC §3).
        warn(`${describe(el)}: could not be read (${String(cause)}).`, el);
      }
      const spent = performance.now() - start;
      if (spent > SLICE_MS && (head >= onScreenEnd || spent > ON_SCREEN_SLICE_MS)) break;
    }
    const more = head < queue.length;
    if (!more || performance.now() - placedAt > PLACE_MS) {
      for (const place of toPlace.splice(0)) place();
      placedAt = performance.now();
    }
    placing = more;
    if (more) {
      pending = true;
      nextTask(work);
    } else {
      queue.length = head = onScreenEnd = 0;
      for (const callback of waiting.splice(0)) callback();
    }
  };

  /** Queues `list` with what is on screen first, then works. Which products are on screen comes from an
   * IntersectionObserver, computed at the browser's next frame: measuring them here (getBoundingClientRect)
   * would force the page's whole first layout into a task of ours. */
  const queueOnScreenFirst = (list: Element[]): void => {
    pending = true;
    let io: IntersectionObserver | null = null;
    const go = (onScreen: Set<Element>): void => {
      if (!io) return;
      io.disconnect();
      io = null;
      clearTimeout(timer);
      const first = list.filter((el) => onScreen.has(el));
      queue.push(...first);
      onScreenEnd = queue.length;
      queue.push(...list.filter((el) => !onScreen.has(el)));
      placedAt = performance.now();
      work();
    };
    // The screen and the one below it: buttons make cards taller, and what is just below the fold when the
    // browser answers may be on screen by the time the buttons are in.
    io = new IntersectionObserver((entries) => go(new Set(entries.filter((e) => e.isIntersecting).map((e) => e.target))), {
      rootMargin: '0px 0px 100% 0px',
    });
    const timer = setTimeout(() => go(new Set()), ON_SCREEN_WAIT_MS);
    for (const el of list) io.observe(el);
  };

  const scan = (root: ParentNode): void => {
    const list = matching(root, selector);
    const seen = new Set(list);
    // JSON-LD first: it names products that buttons anywhere on the page sell.
    if (app.config.scan.schemaOrg) queue.push(...matching(root, JSON_LD_SELECTOR));
    if (list.length > SLICE_SORT_MIN && !pending && typeof IntersectionObserver === 'function') {
      queueOnScreenFirst(list);
    } else {
      queue.push(...list);
      if (!pending) work();
    }
    for (const el of matching(root, INCOMPLETE_SELECTOR)) {
      if (seen.has(el)) continue; // schema.org or Snipcart markup says the rest
      const missing = REQUIRED.filter((name) => !el.hasAttribute(name)).join(', ');
      warn(`${describe(el)}: ${missing} is missing; a product needs ${REQUIRED.join(', ')}. This element gets no buttons.`, el);
      // It may have been a product until an attribute was removed: its old buttons must not keep selling it.
      const state = found.get(el);
      if (state) {
        drop(state, true);
        state.hooks = -1;
      }
    }
    wireHooks(root);
  };

  /** Watches the document for products added or changed later (from the first scan's task on). */
  const observe = (): void => {
    if (observer || typeof MutationObserver === 'undefined') return;
    const pending = new Set<Element>();
    let scheduled = false;
    const flush = (): void => {
      scheduled = false;
      const roots = [...pending];
      pending.clear();
      for (const root of roots) if (root.isConnected) scan(root);
      app.refreshHooks();
    };
    observer = new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement;
        if (!target || target.localName === TAG.buttons) continue;
        // Our own button hosts being inserted say nothing new about the product (and on a big page there are
        // thousands: re-reading each product for its own buttons cost a tenth of the scan). A host the page
        // removes is noticed, so its buttons come back.
        if (record.type === 'childList' && !record.removedNodes.length && [...record.addedNodes].every(ours)) continue;
        if (record.type === 'childList') {
          record.addedNodes.forEach((node) => {
            if (node instanceof Element && node.localName !== TAG.buttons && node.localName !== TAG.cart) pending.add(node);
          });
        }
        // a change inside or on a product (owner button added, attribute edited) re-reads that product
        const product = target.closest(selector);
        if (product) pending.add(product);
        else if (record.type === 'attributes' || target.matches(JSON_LD_SELECTOR)) pending.add(target);
      }
      // The page may have taken the cart's host (which holds the checkout slot) away with its <body>:
      // app.refreshHooks puts it back.
      if ((pending.size || !app.checkoutSlot.isConnected) && !scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
    });
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: OBSERVED_ATTRIBUTES,
    });
  };

  return {
    products,
    scan,
    scanSoon() {
      // Its own task: on a page of 10,000 products finding them and asking what is on screen costs ~25 ms,
      // which would otherwise add up with dropcart's start into one long task.
      // It starts watching the page too, right before that scan, so no change in between is missed: registering
      // costs ~1 ms (~3 ms on a phone's CPU) that dropcart's start need not pay.
      pending = true;
      nextTask(() => {
        pending = false;
        observe();
        // a page that swapped its <body> before this task took the cart's host with it
        if (!app.checkoutSlot.isConnected) app.refreshHooks();
        scan(document);
      });
    },
    done(callback) {
      if (pending) waiting.push(callback);
      else callback();
    },
  };
}

const ours = (node: Node): boolean => node instanceof Element && (node.localName === TAG.buttons || node.localName === TAG.cart);

/** root itself when it matches, then its descendants. */
function matching(root: ParentNode, selector: string): Element[] {
  const list = Array.from(root.querySelectorAll(selector));
  if (root instanceof Element && root.matches(selector)) list.unshift(root);
  return list;
}
