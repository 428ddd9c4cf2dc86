// Persistence of the cart (SPEC §4): local or session storage, falling back to memory when the browser's
// storage throws (Safari private mode, quota exceeded, storage disabled by policy). Whatever is read back
// is untrusted: it may be corrupted, from another version, or edited by hand.

import { isObject } from '../checks';
import { STORAGE_KEY, STORAGE_VERSION, storageKey } from '../constants';
import type { StorageKind } from '../config';
import { warn } from '../log';
import { MAX_MINOR } from '../money';
import { lineIdOf, type CartLine, type Choice } from '../model';
import { safeUrl } from '../url';

export interface StoredCart {
  readonly lines: readonly CartLine[];
  readonly shippingMethodId: string | null;
}

export interface CartStorage {
  read(): StoredCart;
  /** false when the browser refused (the cart then lives on in memory) */
  write(cart: StoredCart): boolean;
  /** calls back when another tab changed the stored cart; returns an unsubscribe function */
  watch(onChange: (cart: StoredCart) => void): () => void;
}

const EMPTY: StoredCart = { lines: [], shippingMethodId: null };

function browserStorage(kind: StorageKind): Storage | null {
  if (kind === 'none') return null;
  try {
    const storage = kind === 'local' ? window.localStorage : window.sessionStorage;
    // Reading the property can succeed while every write throws (old Safari private mode): probe it.
    const probe = `${STORAGE_KEY}:probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    warn(`${kind}Storage is not available in this browser; the cart is kept in memory for this page only.`);
    return null;
  }
}

export function openStorage(kind: StorageKind, currency: string): CartStorage {
  const storage = browserStorage(kind);
  const key = storageKey(currency);
  // The last value written or read, so a failing write still leaves this page with the right cart.
  let memory: string | null = null;
  /** after a refused write the browser's copy is stale: this page's memory is the truth */
  let refused = false;

  const parse = (text: string | null): StoredCart => (text === null ? EMPTY : restoreCart(text));

  return {
    read() {
      try {
        if (storage && !refused) memory = storage.getItem(key);
      } catch {
        // keep the in-memory copy
      }
      return parse(memory);
    },
    write(cart) {
      const text = serializeCart(cart);
      memory = text;
      if (!storage) return kind === 'none';
      try {
        if (cart.lines.length === 0 && cart.shippingMethodId === null) storage.removeItem(key);
        else storage.setItem(key, text);
        refused = false;
        return true;
      } catch {
        refused = true;
        warn('the browser refused to store the cart (storage full or blocked); it is kept in memory for this page.');
        return false;
      }
    },
    watch(onChange) {
      if (!storage) return () => {};
      // The storage event fires in the other tabs of the origin, never in the tab that wrote.
      const listener = (event: StorageEvent): void => {
        if (event.storageArea !== storage) return;
        if (event.key !== key && event.key !== null) return; // null: storage.clear()
        // What storage holds now, not the event's newValue: when two tabs write at once, each is told of the
        // other's write, and adopting those values would swap the two carts. Storage settles on one value,
        // and every tab that reads it converges on the same cart.
        let now = event.key === null ? null : event.newValue;
        try {
          now = storage.getItem(key);
        } catch {
          // a storage that throws on read keeps the event's value
        }
        if (now === memory) return;
        memory = now;
        onChange(parse(memory));
      };
      window.addEventListener('storage', listener);
      return () => window.removeEventListener('storage', listener);
    },
  };
}

export function serializeCart(cart: StoredCart): string {
  const lines = cart.lines.map((line) => ({
    productId: line.productId,
    name: line.name,
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    choices: line.choices.map((c) => [c.name, c.value]),
    image: line.image,
    url: line.url,
    sku: line.sku,
    maxQuantity: line.maxQuantity,
    shippable: line.shippable,
    taxable: line.taxable,
  }));
  return stringify({ v: STORAGE_VERSION, lines, shippingMethodId: cart.shippingMethodId });
}

/** JSON.stringify, immune to a host page's `toJSON` on Array.prototype or Object.prototype: Prototype.js
 * ≤ 1.6 made `JSON.stringify([1])` return `'"[1]"'`, which would store the lines as a string and lose the
 * cart at the next page. The page's methods are set aside for this one synchronous call and put back. */
export function stringify(value: unknown): string {
  const patched = [Array.prototype, Object.prototype].map((proto) => [proto, Object.getOwnPropertyDescriptor(proto, 'toJSON')] as const);
  for (const [proto, descriptor] of patched) if (descriptor?.configurable) delete (proto as { toJSON?: unknown }).toJSON;
  try {
    return JSON.stringify(value);
  } finally {
    for (const [proto, descriptor] of patched) if (descriptor?.configurable) Object.defineProperty(proto, 'toJSON', descriptor);
  }
}

const text = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;
const count = (value: unknown, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= max;

/** Parses stored text into a cart, dropping (with one warning) whatever is unreadable.
 * Only own, expected fields are copied into fresh objects, so `__proto__` or `constructor` keys in the
 * stored JSON can never reach a prototype. */
export function restoreCart(stored: string): StoredCart {
  let data: unknown;
  try {
    data = JSON.parse(stored);
  } catch {
    warn('the stored cart was unreadable (not JSON) and was emptied.');
    return EMPTY;
  }
  if (!isObject(data) || data.v !== STORAGE_VERSION || !Array.isArray(data.lines)) {
    warn(`the stored cart is from an unknown version (${isObject(data) ? JSON.stringify(data.v) : 'none'}) and was emptied.`);
    return EMPTY;
  }
  const lines: CartLine[] = [];
  let dropped = 0;
  for (const raw of data.lines) {
    const line = restoreLine(raw);
    if (line && !lines.some((l) => l.id === line.id)) lines.push(line);
    else dropped++;
  }
  if (dropped) warn(`${dropped} unreadable line(s) in the stored cart were dropped.`);
  const method = data.shippingMethodId;
  return { lines, shippingMethodId: text(method, 200) ? method : null };
}

function restoreLine(raw: unknown): CartLine | null {
  if (!isObject(raw)) return null;
  const { productId, name, unitPrice, quantity, choices, image, url, sku, maxQuantity, shippable, taxable } = raw;
  if (!text(productId, 127) || !text(name, 1000) || !count(unitPrice, MAX_MINOR)) return null;
  if (!count(maxQuantity, 9999) || !count(quantity, maxQuantity as number)) return null;
  if (!text(sku, 127) || typeof shippable !== 'boolean' || typeof taxable !== 'boolean') return null;
  if (!Array.isArray(choices) || choices.length > 5) return null;
  const pairs: Choice[] = [];
  for (const pair of choices) {
    if (!Array.isArray(pair) || pair.length !== 2 || !text(pair[0], 200) || !text(pair[1], 200)) return null;
    pairs.push({ name: pair[0], value: pair[1] });
  }
  const safeImage = typeof image === 'string' ? safeUrl(image) : null;
  if (image !== null && safeImage === null) return null;
  const safePageUrl = typeof url === 'string' ? safeUrl(url) : null;
  if (safePageUrl === null) return null;
  return {
    id: lineIdOf(productId, pairs),
    productId,
    name,
    unitPrice,
    quantity,
    choices: pairs,
    image: safeImage,
    url: safePageUrl,
    sku,
    maxQuantity,
    shippable,
    taxable,
  } as CartLine;
}
