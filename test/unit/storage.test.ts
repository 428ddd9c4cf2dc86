import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createCart } from '../../src/cart';
import { openStorage, restoreCart, serializeCart, type StoredCart } from '../../src/cart/storage';
import { parseConfig } from '../../src/config';
import { storageKey } from '../../src/constants';
import { resetReported } from '../../src/log';
import { MAX_MINOR } from '../../src/money';
import type { Product } from '../../src/model';

/** the stored cart of the test pages' store, in USD */
const STORAGE_KEY = storageKey('USD');

let consoleWarn: MockInstance<typeof console.warn>;

beforeEach(() => {
  resetReported();
  consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  vi.restoreAllMocks();
  // Nothing may leak onto every object of the page.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** A line as serializeCart stores it. */
const storedLine = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  productId: 'tee',
  name: 'Tee',
  unitPrice: 2000,
  quantity: 2,
  choices: [['Size', 'L']],
  image: 'https://shop.example/tee.png',
  url: 'https://shop.example/tee',
  sku: 'TEE-1',
  maxQuantity: 10,
  shippable: true,
  taxable: true,
  ...overrides,
});
const mug = (): Record<string, unknown> => storedLine({ productId: 'mug', name: 'Mug', choices: [], sku: 'MUG' });
const stored = (lines: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ v: 1, lines, shippingMethodId: null, ...extra });

const ids = (cart: StoredCart): string[] => cart.lines.map((line) => line.id);
const warnings = (): string[] => consoleWarn.mock.calls.map((call) => String(call[0]));

describe('restoreCart', () => {
  it('reads back what serializeCart wrote', () => {
    const cart = restoreCart(stored([storedLine(), mug()], { shippingMethodId: 'express' }));
    expect(serializeCart(cart)).toBe(stored([storedLine(), mug()], { shippingMethodId: 'express' }));
    expect(ids(cart)).toEqual(['tee?Size=L', 'mug']);
    expect(consoleWarn).not.toHaveBeenCalled();
  });

  it('empties a cart that is not JSON, with a warning', () => {
    expect(restoreCart('{"v":1,"lines":[')).toEqual({ lines: [], shippingMethodId: null });
    expect(warnings()).toEqual(['[dropcart] the stored cart was unreadable (not JSON) and was emptied.']);
  });

  it.each([
    ['a newer version', JSON.stringify({ v: 2, lines: [storedLine()] })],
    ['a version as text', JSON.stringify({ v: '1', lines: [storedLine()] })],
    ['no version', JSON.stringify({ lines: [storedLine()] })],
    ['lines that are not a list', JSON.stringify({ v: 1, lines: { 0: storedLine() } })],
    ['a list instead of an object', JSON.stringify([storedLine()])],
    ['null', 'null'],
    ['a number', '42'],
  ])('empties a cart stored as %s, with a warning', (_what, text) => {
    expect(restoreCart(text)).toEqual({ lines: [], shippingMethodId: null });
    expect(consoleWarn).toHaveBeenCalledTimes(1);
    expect(warnings()[0]).toMatch(/^\[dropcart\] the stored cart is from an unknown version/);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a numeric product id', { productId: 5 }],
    ['an empty product id', { productId: '' }],
    ['a product id longer than 127 characters', { productId: 'x'.repeat(128) }],
    ['no name', { name: undefined }],
    ['an empty name', { name: '' }],
    ['a price as text', { unitPrice: '19.99' }],
    ['a fractional price', { unitPrice: 19.99 }],
    ['a zero price', { unitPrice: 0 }],
    ['a negative price', { unitPrice: -2000 }],
    ['a price above the largest amount', { unitPrice: MAX_MINOR + 1 }],
    ['an absurd price', { unitPrice: 1e300 }],
    ['a quantity as text', { quantity: '2' }],
    ['a zero quantity', { quantity: 0 }],
    ['a negative quantity', { quantity: -3 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['a quantity above its cap', { quantity: 11, maxQuantity: 10 }],
    ['an absurd quantity', { quantity: 1e9, maxQuantity: 1e9 }],
    ['a cap of 0', { maxQuantity: 0 }],
    ['a cap above 9999', { quantity: 1, maxQuantity: 10000 }],
    ['choices as text', { choices: 'Size=L' }],
    ['a choice without a value', { choices: [['Size']] }],
    ['a choice with an empty value', { choices: [['Size', '']] }],
    ['a choice of numbers', { choices: [[1, 2]] }],
    ['more than 5 choices', { choices: [['a', '1'], ['b', '2'], ['c', '3'], ['d', '4'], ['e', '5'], ['f', '6']] }],
    ['an empty sku', { sku: '' }],
    ['shippable as text', { shippable: 'true' }],
    ['taxable as a number', { taxable: 1 }],
    ['a javascript: image URL', { image: 'javascript:alert(1)' }],
    ['a data: image URL', { image: 'data:image/svg+xml,<svg onload=alert(1)>' }],
    ['a numeric image', { image: 5 }],
    ['a javascript: page URL', { url: 'javascript:alert(1)' }],
    ['no page URL', { url: undefined }],
    ['a line that is not an object', null],
  ] as [string, Record<string, unknown>][])('drops a line with %s and keeps the others', (_what, overrides) => {
    const bad = overrides === null ? null : storedLine(overrides);
    const cart = restoreCart(stored([mug(), bad, storedLine({ productId: 'cap', name: 'Cap', choices: [] })]));
    expect(ids(cart)).toEqual(['mug', 'cap']);
    expect(warnings()).toEqual(['[dropcart] 1 unreadable line(s) in the stored cart were dropped.']);
  });

  it('keeps a line without an image', () => {
    expect(restoreCart(stored([storedLine({ image: null })])).lines[0]?.image).toBeNull();
  });

  it('resolves a relative image URL against the page', () => {
    expect(restoreCart(stored([storedLine({ image: '/img/tee.png' })])).lines[0]?.image).toBe(new URL('/img/tee.png', document.baseURI).href);
  });

  it('keeps the first of two lines with the same product and choices', () => {
    const cart = restoreCart(stored([storedLine({ quantity: 2 }), storedLine({ quantity: 7 }), mug()]));
    expect(cart.lines.map((line) => [line.id, line.quantity])).toEqual([
      ['tee?Size=L', 2],
      ['mug', 2],
    ]);
    expect(warnings()).toEqual(['[dropcart] 1 unreadable line(s) in the stored cart were dropped.']);
  });

  it('counts every dropped line in one warning', () => {
    restoreCart(stored([storedLine({ quantity: 0 }), storedLine({ unitPrice: -1 }), mug()]));
    expect(warnings()).toEqual(['[dropcart] 2 unreadable line(s) in the stored cart were dropped.']);
  });

  it('drops a shipping method id that is not text but keeps the lines', () => {
    const cart = restoreCart(stored([mug()], { shippingMethodId: { id: 'express' } }));
    expect(cart.shippingMethodId).toBeNull();
    expect(ids(cart)).toEqual(['mug']);
  });

  it('keeps the stored fields only, not extra ones', () => {
    const line = restoreCart(stored([storedLine({ admin: true, unitPriceOverride: 1 })])).lines[0];
    expect(Object.keys(line ?? {}).sort()).toEqual(
      ['choices', 'id', 'image', 'maxQuantity', 'name', 'productId', 'quantity', 'shippable', 'sku', 'taxable', 'unitPrice', 'url'].sort(),
    );
  });

  it('builds the line id itself, so a stored id cannot impersonate another line', () => {
    const line = restoreCart(stored([storedLine({ id: 'mug' })])).lines[0];
    expect(line?.id).toBe('tee?Size=L');
  });
});

describe('restoreCart with prototype payloads', () => {
  it('does not pollute Object.prototype through a __proto__ key in a line', () => {
    const text = stored([mug()]).replace('{"productId"', '{"__proto__":{"polluted":"yes"},"productId"');
    const cart = restoreCart(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((cart.lines[0] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(ids(cart)).toEqual(['mug']);
  });

  it('does not pollute Object.prototype through a __proto__ key at the top', () => {
    const text = `{"__proto__":{"polluted":"yes","v":1},${stored([mug()]).slice(1)}`;
    const cart = restoreCart(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(ids(cart)).toEqual(['mug']);
  });

  it('ignores a version smuggled in through __proto__', () => {
    const text = JSON.stringify({ lines: [mug()] }).replace('{', '{"__proto__":{"v":1},');
    expect(restoreCart(text).lines).toEqual([]);
  });

  it('does not pollute Object.prototype through a constructor key', () => {
    const text = stored([{ ...mug(), constructor: { prototype: { polluted: 'yes' } } }]);
    const cart = restoreCart(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(ids(cart)).toEqual(['mug']);
  });

  it('keeps __proto__ and constructor as plain choice text', () => {
    const cart = restoreCart(stored([storedLine({ productId: 'constructor', choices: [['__proto__', 'polluted']] })]));
    expect(cart.lines[0]?.choices).toEqual([{ name: '__proto__', value: 'polluted' }]);
    expect(cart.lines[0]?.id).toBe('constructor?__proto__=polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** A Storage that refuses some writes, like a full quota or a blocked store. */
class RefusingStorage implements Storage {
  [name: string]: unknown;
  private readonly data = new Map<string, string>();

  constructor(private readonly refuses: (key: string) => boolean) {}

  get length(): number {
    return this.data.size;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.refuses(key)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.data.set(key, String(value));
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  clear(): void {
    this.data.clear();
  }
}

const tee: Product = {
  id: 'tee',
  name: 'Tee',
  price: 2000,
  description: null,
  image: null,
  url: 'https://shop.example/tee',
  sku: 'tee',
  maxQuantity: 10,
  shippable: true,
  taxable: true,
  options: [],
  hostedButtonId: null,
  buttons: { add: true, buy: true },
};

describe('openStorage', () => {
  it('starts empty when nothing is stored', () => {
    expect(openStorage('local', 'USD').read()).toEqual({ lines: [], shippingMethodId: null });
  });

  it('writes nothing to the browser with storage "none"', () => {
    const storage = openStorage('none', 'USD');
    expect(storage.write(restoreCart(stored([mug()])))).toBe(true);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });

  it('keeps the cart in memory when the browser refuses to store it', () => {
    vi.spyOn(window, 'localStorage', 'get').mockReturnValue(new RefusingStorage((key) => key === STORAGE_KEY));
    const cart = createCart(parseConfig({ storage: 'local' }));
    cart.add(tee, [], 3);
    cart.setQuantity('tee', 4);
    expect(cart.$lines.get().map((line) => line.quantity)).toEqual([4]);
    expect(cart.$totals.get().subtotal).toBe(8000);
    cart.destroy();
  });

  it('warns once with [dropcart] when the browser refuses to store the cart', () => {
    vi.spyOn(window, 'localStorage', 'get').mockReturnValue(new RefusingStorage((key) => key === STORAGE_KEY));
    const cart = createCart(parseConfig({ storage: 'local' }));
    cart.add(tee, [], 1);
    cart.add(tee, [], 1);
    expect(warnings()).toEqual(['[dropcart] the browser refused to store the cart (storage full or blocked); it is kept in memory for this page.']);
    cart.destroy();
  });

  it('tells the caller that a write was refused', () => {
    vi.spyOn(window, 'localStorage', 'get').mockReturnValue(new RefusingStorage((key) => key === STORAGE_KEY));
    expect(openStorage('local', 'USD').write(restoreCart(stored([mug()])))).toBe(false);
  });

  it('falls back to memory, with a warning, when every write throws', () => {
    vi.spyOn(window, 'localStorage', 'get').mockReturnValue(new RefusingStorage(() => true));
    const cart = createCart(parseConfig({ storage: 'local' }));
    cart.add(tee, [], 2);
    expect(cart.$lines.get().map((line) => line.quantity)).toEqual([2]);
    expect(warnings()).toEqual(['[dropcart] localStorage is not available in this browser; the cart is kept in memory for this page only.']);
    cart.destroy();
  });

  it('falls back to memory, with a warning, when the browser blocks localStorage itself', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const cart = createCart(parseConfig({ storage: 'local' }));
    cart.add(tee, [], 2);
    expect(cart.$lines.get()).toHaveLength(1);
    expect(warnings()).toEqual(['[dropcart] localStorage is not available in this browser; the cart is kept in memory for this page only.']);
    cart.destroy();
  });

  it('starts an empty cart when reading storage throws', () => {
    const broken = new RefusingStorage(() => false);
    broken.getItem = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    vi.spyOn(window, 'localStorage', 'get').mockReturnValue(broken);
    expect(openStorage('local', 'USD').read()).toEqual({ lines: [], shippingMethodId: null });
  });

  it('starts with the readable part of a tampered cart', () => {
    localStorage.setItem(STORAGE_KEY, stored([storedLine({ unitPrice: -5 }), mug()]));
    const cart = createCart(parseConfig({ storage: 'local' }));
    expect(cart.$lines.get().map((line) => line.id)).toEqual(['mug']);
    cart.destroy();
  });
});

describe('serializeCart on a page that patched built-ins', () => {
  afterEach(() => {
    delete (Array.prototype as { toJSON?: unknown }).toJSON;
    delete (Object.prototype as { toJSON?: unknown }).toJSON;
  });

  it('writes real JSON despite a Prototype.js-style Array.prototype.toJSON, and puts the page’s method back', () => {
    const toJSON = function (this: unknown[]): string {
      return `[${this.join(',')}]`;
    };
    const cart = restoreCart(stored([storedLine(), mug()]));
    Object.defineProperty(Array.prototype, 'toJSON', { value: toJSON, configurable: true, writable: true });
    expect(JSON.parse(serializeCart(cart)).lines).toHaveLength(2);
    expect(restoreCart(serializeCart(cart))).toEqual(cart);
    expect((Array.prototype as { toJSON?: unknown }).toJSON).toBe(toJSON);
    expect(JSON.stringify([1])).toBe('"[1]"');
  });

  it('writes real JSON despite an Object.prototype.toJSON', () => {
    const cart = restoreCart(stored([storedLine()]));
    Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'object', configurable: true, writable: true });
    expect(JSON.parse(serializeCart(cart)).v).toBe(1);
    expect(JSON.stringify({ a: 1 })).toBe('"object"');
  });
});
