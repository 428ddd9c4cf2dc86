// Finding products on the page (SPEC §3) and wiring their buttons. Scanning is idempotent: an element is
// re-read only when its data-product-* attributes (or its owner buttons) changed, and dropcart's buttons
// live in one <dropcart-buttons> host per product, reused on every scan. One MutationObserver picks up
// products that single-page apps and infinite scroll add later.

import { ATTR, HOOK, MAX_OPTIONS, optionNameAttr, optionValuesAttr, PRODUCT_SELECTOR, TAG } from '../constants';
import { describe, warn } from '../log';
import type { Choice, Product } from '../model';
import { renderButtons, unmountButtons } from '../ui/buttons';
import type { App } from '../ui/context';
import { ownerControlledOptions, parseProduct, readChoices } from './parse';

interface Found {
  signature: string;
  product: Product | null;
  host: HTMLElement | null;
  ownChoices: Map<string, string>;
}

export interface Scanner {
  /** products by id, as last seen on this page */
  readonly products: ReadonlyMap<string, Product>;
  scan(root: ParentNode): void;
  /** calls `callback` once every product scanned so far has its buttons (at once when none are waiting) */
  done(callback: () => void): void;
  /** starts watching the document for products added or changed later */
  observe(): void;
  disconnect(): void;
}

const OBSERVED_ATTRIBUTES = [
  ...Object.values(ATTR),
  ...Array.from({ length: MAX_OPTIONS }, (_, i) => [optionNameAttr(i + 1), optionValuesAttr(i + 1)]).flat(),
  HOOK.add,
  HOOK.buy,
  HOOK.open,
];

const REQUIRED = [ATTR.id, ATTR.name, ATTR.price] as const;

/** How long one slice of scanning may take, in ms; well under the 50 ms of a long task. */
const SLICE_MS = 8;
/** Below this many products a scan is ordered as the page is; above, products on screen go first. */
const SLICE_SORT_MIN = 64;

/** Runs `task` in a new macrotask, without setTimeout's 4 ms clamp; the page can paint and handle input first. */
const nextTask = (task: () => void): void => {
  const channel = new MessageChannel();
  channel.port1.onmessage = task;
  channel.port2.postMessage(0);
};

/** Elements with two of the three required attributes: meant as products, but one was forgotten. (One
 * alone is too common outside dropcart, e.g. a theme's own data-product-id, to warn about.) */
const INCOMPLETE_SELECTOR = REQUIRED.map((missing) => {
  const present = REQUIRED.filter((name) => name !== missing).map((name) => `[${name}]`).join('');
  return `${present}:not([${missing}])`;
}).join(',');

/** Everything that, when changed, changes what the product element means. */
function signatureOf(el: Element): string {
  let signature = '';
  for (const name of el.getAttributeNames()) {
    if (name.startsWith('data-product-')) signature += `${name}=${el.getAttribute(name)}\u0000`;
  }
  // Owner buttons and slots decide which of our buttons are inserted, and where.
  signature += el.querySelector(`[${HOOK.add}]`) ? 'A' : '';
  signature += el.querySelector(`[${HOOK.buy}]`) ? 'B' : '';
  signature += el.querySelector(`[${HOOK.buttons}]`) ? 'S' : '';
  signature += el.querySelector(`[${ATTR.option}]`) ? 'O' : '';
  return signature;
}

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
  const found = new WeakMap<Element, Found>();
  const products = new Map<string, Product>();
  /** which element first showed each product id on this page, to catch the same id at two prices */
  const shownBy = new Map<string, Element>();
  const wired = new WeakSet<Element>();
  let observer: MutationObserver | null = null;

  const choicesOf = (el: Element, state: Found): readonly Choice[] | null => {
    if (!state.product) return null;
    const result = readChoices(el, state.product, state.ownChoices);
    if (result.ok) return result.choices;
    warn(`${describe(el)}: ${result.reason}`, el);
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
      const choices = choicesOf(el, state);
      if (!choices) return;
      if (kind === 'add') app.add(state.product, choices, 1);
      else app.buyNow(state.product, choices);
    });
  };

  /** Removes our inserted buttons; `invalid` also forgets the product, so owner buttons stop working. */
  const drop = (state: Found, invalid: boolean): void => {
    if (state.host) unmountButtons(state.host);
    state.host = null;
    if (invalid) state.product = null;
  };

  const scanProduct = (el: Element): void => {
    const signature = signatureOf(el);
    let state = found.get(el);
    if (state && state.signature === signature && (!state.host || state.host.isConnected)) return;
    if (!state) {
      state = { signature, product: null, host: null, ownChoices: new Map() };
      found.set(el, state);
    }
    state.signature = signature;

    const result = parseProduct(el, app.config);
    if (!result.ok) {
      warn(`${describe(el)}: ${result.reason.replace(/\.$/, "")}. This product gets no buttons.`, el);
      return drop(state, true);
    }
    const product = result.product;
    const first = shownBy.get(product.id);
    if (first && first !== el && first.isConnected && products.get(product.id)?.price !== product.price) {
      warn(`${describe(el)}: product id "${product.id}" is already on this page with another price; the same id must carry the same price. Give each product its own id. This element gets no buttons.`, el);
      return drop(state, true);
    }
    if (!first || !first.isConnected) shownBy.set(product.id, el);
    products.set(product.id, product);
    state.product = product;
    app.cart.refreshPrice(product);

    const ownerAdd = el.querySelectorAll(`[${HOOK.add}]`);
    const ownerBuy = el.querySelectorAll(`[${HOOK.buy}]`);
    ownerAdd.forEach((button) => wireOwnerButton(button, el, 'add'));
    ownerBuy.forEach((button) => wireOwnerButton(button, el, 'buy'));

    const ownerControlled = ownerControlledOptions(el, product);
    const showAdd = product.buttons.add && ownerAdd.length === 0;
    const showBuy = product.buttons.buy && ownerBuy.length === 0;
    const needsSelectors = product.options.some((option) => !ownerControlled.has(option.name));
    if (!showAdd && !showBuy && !needsSelectors) return drop(state, false);

    const slot = el.querySelector(`[${HOOK.buttons}]`) ?? el;
    if (!state.host) state.host = document.createElement(TAG.buttons);
    if (state.host.parentNode !== slot) slot.append(state.host);
    const current = state;
    renderButtons(state.host, {
      app,
      product,
      ownerControlled,
      showAdd,
      showBuy,
      ownChoices: state.ownChoices,
      readChoices: () => choicesOf(el, current),
    });
  };

  const wireHooks = (root: ParentNode): void => {
    for (const el of matching(root, `[${HOOK.open}]`)) {
      if (wired.has(el)) continue;
      wired.add(el);
      onActivate(el, (event) => {
        event.preventDefault();
        app.open(el);
      });
    }
  };

  // Products waiting for their buttons. A scan does as much as fits in one slice of SLICE_MS and leaves the
  // rest to the next macrotask, so no task of ours grows with the page (issue 6): a page of 10,000 products
  // gets its buttons in many short tasks, those on screen first, and stays responsive meanwhile.
  const queue: Element[] = [];
  let head = 0;
  let pending = false;
  const waiting: (() => void)[] = [];
  const work = (): void => {
    pending = false;
    const end = performance.now() + SLICE_MS;
    while (head < queue.length) {
      const el = queue[head++] as Element;
      try {
        if (el.isConnected) scanProduct(el);
      } catch (cause) {
        // One broken product never stops the others (SPEC §3).
        warn(`${describe(el)}: could not be read (${String(cause)}).`, el);
      }
      if (performance.now() > end) break;
    }
    if (head < queue.length) {
      pending = true;
      nextTask(work);
    } else {
      queue.length = head = 0;
      for (const callback of waiting.splice(0)) callback();
    }
  };

  const scan = (root: ParentNode): void => {
    const list = matching(root, PRODUCT_SELECTOR);
    if (list.length > SLICE_SORT_MIN) {
      // On screen first. The rects are all read before anything is written, so the page is laid out once.
      const height = innerHeight;
      const onScreen = list.map((el) => {
        const rect = el.getBoundingClientRect();
        return rect.bottom > 0 && rect.top < height;
      });
      queue.push(...list.filter((_, i) => onScreen[i]), ...list.filter((_, i) => !onScreen[i]));
    } else {
      queue.push(...list);
    }
    if (!pending) work();
    for (const el of matching(root, INCOMPLETE_SELECTOR)) {
      const missing = REQUIRED.filter((name) => !el.hasAttribute(name)).join(', ');
      warn(`${describe(el)}: ${missing} is missing; a product needs ${REQUIRED.join(', ')}. This element gets no buttons.`, el);
      // It may have been a product until an attribute was removed: its old buttons must not keep selling it.
      const state = found.get(el);
      if (state) {
        drop(state, true);
        state.signature = '';
      }
    }
    wireHooks(root);
  };

  return {
    products,
    scan,
    done(callback) {
      if (pending) waiting.push(callback);
      else callback();
    },
    observe() {
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
          if (record.type === 'childList') {
            record.addedNodes.forEach((node) => {
              if (node instanceof Element && node.localName !== TAG.buttons && node.localName !== TAG.cart) pending.add(node);
            });
          }
          // a change inside or on a product (owner button added, attribute edited) re-reads that product
          const product = target.closest(PRODUCT_SELECTOR);
          if (product) pending.add(product);
          else if (record.type === 'attributes') pending.add(target);
        }
        if (pending.size && !scheduled) {
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
    },
    disconnect() {
      observer?.disconnect();
      observer = null;
    },
  };
}

/** root itself when it matches, then its descendants. */
function matching(root: ParentNode, selector: string): Element[] {
  const list = Array.from(root.querySelectorAll(selector));
  if (root instanceof Element && root.matches(selector)) list.unshift(root);
  return list;
}
