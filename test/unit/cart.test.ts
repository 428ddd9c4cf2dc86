import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCart, type Cart, type CartHooks } from '../../src/cart';
import { openStorage, serializeCart, type CartStorage, type StoredCart } from '../../src/cart/storage';
import { parseConfig, type Config } from '../../src/config';
import { storageKey } from '../../src/constants';
import { resetReported } from '../../src/log';
import type { CartLine, Choice, Product } from '../../src/model';

/** the stored cart of the test pages' store, in USD */
const STORAGE_KEY = storageKey('USD');

/** A CartStorage kept in a variable, with a hand on the "other tab" side of `watch`. */
class MemoryStorage implements CartStorage {
  stored: StoredCart;
  readonly writes: StoredCart[] = [];
  private listeners: ((cart: StoredCart) => void)[] = [];

  constructor(initial: StoredCart = { lines: [], shippingMethodId: null }) {
    this.stored = initial;
  }

  read(): StoredCart {
    return this.stored;
  }

  write(cart: StoredCart): boolean {
    this.stored = cart;
    this.writes.push(cart);
    return true;
  }

  watch(onChange: (cart: StoredCart) => void): () => void {
    this.listeners.push(onChange);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== onChange);
    };
  }

  /** What another tab's write looks like to this one. */
  changeFromOtherTab(cart: StoredCart): void {
    this.stored = cart;
    for (const listener of this.listeners) listener(cart);
  }
}

const config: Config = parseConfig({});

const product = (overrides: Partial<Product> = {}): Product => ({
  id: 'tee',
  name: 'Tee',
  price: 2000,
  description: null,
  image: 'https://shop.example/tee.png',
  url: 'https://shop.example/tee',
  sku: 'TEE-1',
  maxQuantity: 5,
  shippable: true,
  taxable: true,
  options: [],
  hostedButtonId: null,
  buttons: { add: true, buy: true },
  ...overrides,
});

const shirt = (sizeLDelta = 200, price = 3000): Product =>
  product({
    id: 'shirt',
    name: 'Shirt',
    price,
    options: [{ name: 'Size', values: [{ value: 'S', delta: 0 }, { value: 'L', delta: sizeLDelta }] }],
  });
const small: Choice[] = [{ name: 'Size', value: 'S' }];
const large: Choice[] = [{ name: 'Size', value: 'L' }];

const carts: Cart[] = [];
const open = (hooks: CartHooks = {}, storage: CartStorage = new MemoryStorage()): Cart => {
  const cart = createCart(config, hooks, storage);
  carts.push(cart);
  return cart;
};

beforeEach(() => {
  resetReported();
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  for (const cart of carts.splice(0)) cart.destroy();
  vi.restoreAllMocks();
});

describe('adding', () => {
  it('adds a new line with what the page showed', () => {
    const cart = open();
    cart.add(product(), [], 2);
    expect(cart.$lines.get()).toEqual<CartLine[]>([
      {
        id: 'tee',
        productId: 'tee',
        name: 'Tee',
        unitPrice: 2000,
        quantity: 2,
        choices: [],
        image: 'https://shop.example/tee.png',
        url: 'https://shop.example/tee',
        sku: 'TEE-1',
        maxQuantity: 5,
        shippable: true,
        taxable: true,
      },
    ]);
  });

  it('adds the same product with the same choices to the existing line', () => {
    const cart = open();
    cart.add(shirt(), large, 1);
    cart.add(shirt(), [{ name: 'Size', value: 'L' }], 2);
    expect(cart.$lines.get().map((l) => [l.id, l.quantity])).toEqual([['shirt?Size=L', 3]]);
  });

  it('puts different choices of one product on separate lines', () => {
    const cart = open();
    cart.add(shirt(), small, 1);
    cart.add(shirt(), large, 1);
    expect(cart.$lines.get().map((l) => [l.id, l.unitPrice])).toEqual([
      ['shirt?Size=S', 3000],
      ['shirt?Size=L', 3200],
    ]);
  });

  it('reports how many were added when they fit', () => {
    const result = open().add(product(), [], 3);
    expect(result.added).toBe(3);
    expect(result.capped).toBe(false);
  });

  it('holds a line at its cap and reports that it was capped', () => {
    const cart = open();
    cart.add(product({ maxQuantity: 5 }), [], 4);
    const result = cart.add(product({ maxQuantity: 5 }), [], 3);
    expect(result.line.quantity).toBe(5);
    expect(result.added).toBe(1);
    expect(result.capped).toBe(true);
    expect(cart.$lines.get()[0]?.quantity).toBe(5);
  });

  it('caps a first add of more than the cap', () => {
    const cart = open();
    const result = cart.add(product({ maxQuantity: 5 }), [], 8);
    expect(result).toMatchObject({ added: 5, capped: true });
    expect(cart.$lines.get()[0]?.quantity).toBe(5);
  });

  it('adds nothing to a line already at its cap', () => {
    const add = vi.fn();
    const cart = open({ add });
    cart.add(product({ maxQuantity: 2 }), [], 2);
    add.mockClear();
    const result = cart.add(product({ maxQuantity: 2 }), [], 1);
    expect(result).toMatchObject({ added: 0, capped: true });
    expect(cart.$lines.get()[0]?.quantity).toBe(2);
    expect(add).not.toHaveBeenCalled();
  });

  it('refuses choices the product does not offer', () => {
    const cart = open();
    expect(() => cart.add(shirt(), [{ name: 'Size', value: 'XXL' }], 1)).toThrow(TypeError);
    expect(cart.$lines.get()).toEqual([]);
  });

  it('refuses a product with options when no choice is given', () => {
    expect(() => open().add(shirt(), [], 1)).toThrow(TypeError);
  });

  it('calls the add hook with the line and the quantity actually added', () => {
    const add = vi.fn();
    const cart = open({ add });
    cart.add(product({ maxQuantity: 5 }), [], 4);
    cart.add(product({ maxQuantity: 5 }), [], 3);
    expect(add.mock.calls.map(([line, quantity]) => [line.quantity, quantity])).toEqual([
      [4, 4],
      [5, 1],
    ]);
  });

  it('derives totals from the lines', () => {
    const cart = open();
    cart.add(product(), [], 2);
    cart.add(shirt(), large, 1);
    expect(cart.$totals.get()).toMatchObject({ count: 3, subtotal: 2 * 2000 + 3200, total: 2 * 2000 + 3200 });
  });
});

describe('changing quantities', () => {
  it('sets the quantity of a line', () => {
    const cart = open();
    cart.add(product(), [], 1);
    expect(cart.setQuantity('tee', 3)?.quantity).toBe(3);
    expect(cart.$lines.get()[0]?.quantity).toBe(3);
  });

  it('holds a quantity above the cap at the cap', () => {
    const cart = open();
    cart.add(product({ maxQuantity: 5 }), [], 1);
    expect(cart.setQuantity('tee', 50)?.quantity).toBe(5);
    expect(cart.$lines.get()[0]?.quantity).toBe(5);
  });

  it('removes the line when the quantity is set to 0', () => {
    const remove = vi.fn();
    const cart = open({ remove });
    cart.add(product(), [], 2);
    expect(cart.setQuantity('tee', 0)).toBeNull();
    expect(cart.$lines.get()).toEqual([]);
    expect(remove).toHaveBeenCalledWith(expect.objectContaining({ id: 'tee', quantity: 2 }));
  });

  it('removes the line when the quantity is set below 0', () => {
    const cart = open();
    cart.add(product(), [], 2);
    cart.setQuantity('tee', -1);
    expect(cart.$lines.get()).toEqual([]);
  });

  it('ignores a quantity change for a line that is not in the cart', () => {
    const cart = open();
    cart.add(product(), [], 2);
    expect(cart.setQuantity('mug', 3)).toBeNull();
    expect(cart.$lines.get().map((l) => l.quantity)).toEqual([2]);
  });
});

describe('removing', () => {
  it('removes a line and hands it back', () => {
    const cart = open();
    cart.add(product(), [], 1);
    cart.add(shirt(), small, 1);
    expect(cart.remove('tee')?.productId).toBe('tee');
    expect(cart.$lines.get().map((l) => l.id)).toEqual(['shirt?Size=S']);
  });

  it('calls the remove hook with the removed line', () => {
    const remove = vi.fn();
    const cart = open({ remove });
    cart.add(product(), [], 3);
    cart.remove('tee');
    expect(remove).toHaveBeenCalledTimes(1);
    expect(remove.mock.calls[0]?.[0]).toMatchObject({ id: 'tee', quantity: 3 });
  });

  it('returns null for a line that is not in the cart, without calling the hook', () => {
    const remove = vi.fn();
    expect(open({ remove }).remove('tee')).toBeNull();
    expect(remove).not.toHaveBeenCalled();
  });

  it('clears every line', () => {
    const cart = open();
    cart.add(product(), [], 1);
    cart.add(shirt(), small, 1);
    cart.clear();
    expect(cart.$lines.get()).toEqual([]);
  });

  it('clears only the given lines', () => {
    const cart = open();
    cart.add(product(), [], 1);
    cart.add(shirt(), small, 1);
    cart.add(shirt(), large, 1);
    cart.clear(['tee', 'shirt?Size=L']);
    expect(cart.$lines.get().map((l) => l.id)).toEqual(['shirt?Size=S']);
  });

  it('drops the price notice of a cleared line', () => {
    const cart = open();
    cart.add(product(), [], 1);
    cart.add(shirt(), small, 1);
    cart.refreshPrice(product({ price: 2500 }));
    cart.refreshPrice(shirt(200, 3500));
    cart.clear(['tee']);
    expect(cart.$notices.get().map((n) => n.lineId)).toEqual(['shirt?Size=S']);
  });

  it('drops the price notice of a removed line', () => {
    const cart = open();
    cart.add(product(), [], 1);
    cart.refreshPrice(product({ price: 2500 }));
    cart.remove('tee');
    expect(cart.$notices.get()).toEqual([]);
  });
});

describe('price changes', () => {
  it('gives the line the price the page shows now', () => {
    const cart = open();
    cart.add(product({ price: 2000 }), [], 1);
    cart.refreshPrice(product({ price: 2500 }));
    expect(cart.$lines.get()[0]?.unitPrice).toBe(2500);
  });

  it('tells the buyer about the new price', () => {
    const cart = open();
    cart.add(product({ price: 2000 }), [], 1);
    cart.refreshPrice(product({ price: 2500 }));
    expect(cart.$notices.get()).toEqual([{ kind: 'price', lineId: 'tee', name: 'Tee', from: 2000, to: 2500 }]);
  });

  it('keeps the original price in the notice after two changes', () => {
    const cart = open();
    cart.add(product({ price: 2000 }), [], 1);
    cart.refreshPrice(product({ price: 2500 }));
    cart.refreshPrice(product({ price: 1800 }));
    expect(cart.$notices.get()).toEqual([{ kind: 'price', lineId: 'tee', name: 'Tee', from: 2000, to: 1800 }]);
  });

  it('drops the notice when the price goes back to the original', () => {
    const cart = open();
    cart.add(product({ price: 2000 }), [], 1);
    cart.refreshPrice(product({ price: 2500 }));
    cart.refreshPrice(product({ price: 2000 }));
    expect(cart.$notices.get()).toEqual([]);
    expect(cart.$lines.get()[0]?.unitPrice).toBe(2000);
  });

  it('makes no notice when the price is unchanged', () => {
    const cart = open();
    cart.add(product(), [], 1);
    cart.refreshPrice(product());
    expect(cart.$notices.get()).toEqual([]);
  });

  it('reprices each choice of a product by its own option price', () => {
    const cart = open();
    cart.add(shirt(200), small, 1);
    cart.add(shirt(200), large, 1);
    cart.refreshPrice(shirt(500));
    expect(cart.$lines.get().map((l) => [l.id, l.unitPrice])).toEqual([
      ['shirt?Size=S', 3000],
      ['shirt?Size=L', 3500],
    ]);
    expect(cart.$notices.get()).toEqual([{ kind: 'price', lineId: 'shirt?Size=L', name: 'Shirt', from: 3200, to: 3500 }]);
  });

  it('leaves lines of other products alone', () => {
    const cart = open();
    cart.add(product(), [], 1);
    cart.refreshPrice(shirt(200, 9900));
    expect(cart.$lines.get()[0]?.unitPrice).toBe(2000);
    expect(cart.$notices.get()).toEqual([]);
  });

  it('keeps the price of a line whose choice the page no longer offers', () => {
    const cart = open();
    cart.add(shirt(), large, 1);
    cart.refreshPrice(product({ id: 'shirt', price: 9900, options: [{ name: 'Size', values: [{ value: 'S', delta: 0 }] }] }));
    expect(cart.$lines.get()[0]?.unitPrice).toBe(3200);
  });

  it('dismisses the notices on request', () => {
    const cart = open();
    cart.add(product(), [], 1);
    cart.refreshPrice(product({ price: 2500 }));
    cart.dismissNotices();
    expect(cart.$notices.get()).toEqual([]);
  });
});

describe('persistence through a CartStorage', () => {
  it('writes every change to storage', () => {
    const storage = new MemoryStorage();
    const cart = open({}, storage);
    cart.add(product(), [], 2);
    cart.setQuantity('tee', 3);
    expect(storage.writes.map((w) => w.lines.map((l) => l.quantity))).toEqual([[2], [3]]);
  });

  it('starts a new cart with the lines the last one wrote', () => {
    const storage = new MemoryStorage();
    const first = open({}, storage);
    first.add(product(), [], 2);
    first.add(shirt(), large, 1);
    first.$shippingMethodId.set('express');
    const second = open({}, storage);
    expect(second.$lines.get()).toEqual(first.$lines.get());
    expect(second.$shippingMethodId.get()).toBe('express');
  });

  it('applies a change from another tab without writing it back', () => {
    const storage = new MemoryStorage();
    const cart = open({}, storage);
    cart.add(product(), [], 1);
    const otherTab = open({}, new MemoryStorage());
    otherTab.add(shirt(), small, 4);
    const writesBefore = storage.writes.length;
    storage.changeFromOtherTab({ lines: otherTab.$lines.get(), shippingMethodId: 'express' });
    expect(cart.$lines.get().map((l) => [l.id, l.quantity])).toEqual([['shirt?Size=S', 4]]);
    expect(cart.$shippingMethodId.get()).toBe('express');
    expect(storage.writes).toHaveLength(writesBefore);
  });

  it('saves the next change of its own after applying one from another tab', () => {
    const storage = new MemoryStorage();
    const cart = open({}, storage);
    storage.changeFromOtherTab({ lines: [], shippingMethodId: 'express' });
    cart.add(product(), [], 1);
    expect(storage.writes).toHaveLength(1);
  });

  it('stops syncing once destroyed', () => {
    const storage = new MemoryStorage();
    const cart = open({}, storage);
    cart.destroy();
    cart.add(product(), [], 1);
    storage.changeFromOtherTab({ lines: [], shippingMethodId: null });
    expect(storage.writes).toEqual([]);
    expect(cart.$lines.get()).toHaveLength(1);
  });
});

describe('persistence in localStorage', () => {
  const local = (): CartStorage => openStorage('local', 'USD');

  it('keeps the cart in localStorage under its key', () => {
    open({}, local()).add(product(), [], 2);
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) as string)).toMatchObject({ v: 1, lines: [{ productId: 'tee', quantity: 2 }] });
  });

  it('reads the same lines back in a new cart, as after a reload', () => {
    const first = open({}, local());
    first.add(product(), [], 2);
    first.add(shirt(), large, 1);
    const second = open({}, local());
    expect(second.$lines.get()).toEqual(first.$lines.get());
  });

  it('uses localStorage when the config says so', () => {
    const cart = createCart(parseConfig({ storage: 'local' }));
    carts.push(cart);
    cart.add(product(), [], 1);
    expect(localStorage.getItem(STORAGE_KEY)).not.toBeNull();
  });

  it('keeps the cart out of localStorage with storage "session"', () => {
    const cart = createCart(parseConfig({ storage: 'session' }));
    carts.push(cart);
    cart.add(product(), [], 1);
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(sessionStorage.getItem(STORAGE_KEY)).not.toBeNull();
  });

  it('removes the key when the cart is emptied', () => {
    const cart = open({}, local());
    cart.add(product(), [], 1);
    cart.clear();
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('applies a storage event from another tab without writing back', () => {
    const cart = open({}, local());
    cart.add(product(), [], 1);
    const otherTabCart = serializeCart({
      lines: [{ ...cart.$lines.get()[0]!, quantity: 4 }],
      shippingMethodId: null,
    });
    localStorage.setItem(STORAGE_KEY, otherTabCart);
    const setItem = vi.spyOn(localStorage, 'setItem');
    const removeItem = vi.spyOn(localStorage, 'removeItem');
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY, newValue: otherTabCart, storageArea: localStorage }));
    expect(cart.$lines.get().map((l) => l.quantity)).toEqual([4]);
    expect(setItem).not.toHaveBeenCalled();
    expect(removeItem).not.toHaveBeenCalled();
  });

  it('empties the cart when another tab clears storage', () => {
    const cart = open({}, local());
    cart.add(product(), [], 1);
    localStorage.clear();
    window.dispatchEvent(new StorageEvent('storage', { key: null, storageArea: localStorage }));
    expect(cart.$lines.get()).toEqual([]);
  });

  it('ignores storage events for other keys', () => {
    const cart = open({}, local());
    cart.add(product(), [], 1);
    window.dispatchEvent(new StorageEvent('storage', { key: 'theme', newValue: 'dark', storageArea: localStorage }));
    expect(cart.$lines.get()).toHaveLength(1);
  });

  it('ignores storage events from sessionStorage', () => {
    const cart = open({}, local());
    cart.add(product(), [], 1);
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY, newValue: null, storageArea: sessionStorage }));
    expect(cart.$lines.get()).toHaveLength(1);
  });
});
