// @vitest-environment node
// The catalog file of server mode: what it accepts, the defaults it writes out, and a message naming every
// mistake — the handler refuses to start on any of them, so each must be clear enough to fix.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetReported } from '../../src/log';
import { parseMoney, toDecimal } from '../../src/money';
import { productOf, readCatalog, storeOf, validateCatalog } from '../../src/server/catalog';

const demoCatalog = JSON.parse(readFileSync(new URL('../../demo/server/catalog.json', import.meta.url), 'utf8'));

const minimal = (products: unknown[] = [{ id: 'tee', name: 'Black tee', price: '19.99' }], store: unknown = { currency: 'USD' }) => ({
  version: 1,
  store,
  products,
});

/** The errors of an invalid catalog (fails the test when it is valid). */
function errorsOf(json: unknown): string[] {
  const result = validateCatalog(json);
  if (result.ok) throw new Error('expected the catalog to be invalid');
  return result.errors;
}

beforeEach(() => {
  resetReported();
  // parseConfig, which reads the store block, reports its problems on the console too.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('validateCatalog', () => {
  it('accepts the demo shop catalog', () => {
    expect(validateCatalog(demoCatalog)).toMatchObject({ ok: true });
  });

  it('writes out every default of a minimal catalog', () => {
    const result = validateCatalog(minimal());
    expect(result).toEqual({
      ok: true,
      catalog: {
        version: 1,
        store: { currency: 'USD', shipping: { methods: [] }, tax: { included: false, shipping: false }, maxQuantity: 99 },
        products: [{ id: 'tee', name: 'Black tee', price: '19.99', sku: 'tee', shippable: true, taxable: true, maxQuantity: 99, options: [] }],
      },
    });
  });

  it('gives products the store maxQuantity unless they set their own', () => {
    const result = validateCatalog(minimal([{ id: 'a', name: 'A', price: '1' }, { id: 'b', name: 'B', price: '1', maxQuantity: 3 }], { currency: 'USD', maxQuantity: 10 }));
    expect(result.ok && result.catalog.products.map((p) => p.maxQuantity)).toEqual([10, 3]);
  });

  it('reads the store settings the way the page config does', () => {
    const store = {
      currency: 'eur',
      shipping: { methods: [{ id: 'std', label: 'Standard', amount: '4.9', freeOver: '50' }] },
      tax: { rate: '19', included: true },
      maxQuantity: 5,
    };
    const result = validateCatalog(minimal(undefined, store));
    expect(result.ok && result.catalog.store).toEqual({
      currency: 'EUR',
      shipping: { methods: [{ id: 'std', label: 'Standard', amount: '4.90', freeOver: '50.00' }] },
      tax: { rate: '19', included: true, shipping: false },
      maxQuantity: 5,
    });
  });

  it('reads option deltas with or without a sign, and a missing delta as 0', () => {
    const result = readCatalog(minimal([{
      id: 'tee', name: 'Tee', price: '10.00',
      options: [{ name: 'Size', values: [{ value: 'M' }, { value: 'XL', delta: '+2.00' }, { value: 'XS', delta: '-1.00' }, { value: 'L', delta: '1.5' }] }],
    }]));
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.catalog.products.get('tee')?.options[0]?.values).toEqual([
      { value: 'M', delta: 0 }, { value: 'XL', delta: 200 }, { value: 'XS', delta: -100 }, { value: 'L', delta: 150 },
    ]);
  });

  it('refuses a catalog that is not an object', () => {
    expect(errorsOf('[]')[0]).toMatch(/must be a JSON object/);
  });

  it('refuses another version', () => {
    expect(errorsOf({ ...minimal(), version: 2 })).toEqual([expect.stringMatching(/"version" is 2; this dropcart reads version 1/)]);
  });

  it('refuses an unknown top-level key', () => {
    expect(errorsOf({ ...minimal(), prodcuts: [] })).toEqual([expect.stringMatching(/unknown key "prodcuts"/)]);
  });

  it('refuses a store without a currency', () => {
    expect(errorsOf(minimal(undefined, {}))).toEqual([expect.stringMatching(/store.currency is missing/)]);
  });

  it('refuses a currency PayPal does not support', () => {
    expect(errorsOf(minimal(undefined, { currency: 'XYZ' }))).toEqual([expect.stringMatching(/^store.currency: PayPal does not support "XYZ"/)]);
  });

  it('names a shipping method with a bad amount', () => {
    const store = { currency: 'USD', shipping: { methods: [{ id: 'std', label: 'Standard', amount: '4,95' }] } };
    expect(errorsOf(minimal(undefined, store))).toEqual([expect.stringMatching(/^store.shipping.methods\[0\]/)]);
  });

  it('refuses a store key that is not a price setting', () => {
    expect(errorsOf(minimal(undefined, { currency: 'USD', paypal: {} }))).toEqual([expect.stringMatching(/store: unknown key "paypal"/)]);
  });

  it('refuses a catalog without products', () => {
    expect(errorsOf(minimal([]))).toEqual([expect.stringMatching(/"products" is empty/)]);
  });

  it('names the product whose price is not a decimal string', () => {
    expect(errorsOf(minimal([{ id: 'tee', name: 'Tee', price: '1,99' }]))).toEqual([expect.stringMatching(/^products\[0\] \("tee"\): "price" "1,99"/)]);
  });

  it('refuses a price of 0', () => {
    expect(errorsOf(minimal([{ id: 'tee', name: 'Tee', price: '0.00' }]))[0]).toMatch(/"price" "0.00"/);
  });

  it('refuses a price given as a number', () => {
    expect(errorsOf(minimal([{ id: 'tee', name: 'Tee', price: 19.99 }]))[0]).toMatch(/"price" 19.99 is not a decimal string/);
  });

  it('refuses more decimals than the currency has', () => {
    expect(errorsOf(minimal([{ id: 'tea', name: 'Tea', price: '1200.5' }], { currency: 'JPY' }))[0]).toMatch(/decimals of JPY/);
  });

  it('refuses two products with one id', () => {
    const products = [{ id: 'tee', name: 'Tee', price: '1' }, { id: 'tee', name: 'Tee 2', price: '2' }];
    expect(errorsOf(minimal(products))).toEqual([expect.stringMatching(/^products\[1\]: the id "tee" is used by an earlier product/)]);
  });

  it('refuses a product without a name', () => {
    expect(errorsOf(minimal([{ id: 'tee', name: ' ', price: '1' }]))[0]).toMatch(/"name" must be a non-empty string/);
  });

  it('refuses an unknown product key, so a typo cannot silently drop a setting', () => {
    expect(errorsOf(minimal([{ id: 'tee', name: 'Tee', price: '1', shipable: false }]))[0]).toMatch(/unknown key "shipable"/);
  });

  it('refuses a maxQuantity outside 1 to 9999', () => {
    expect(errorsOf(minimal([{ id: 'tee', name: 'Tee', price: '1', maxQuantity: 0 }]))[0]).toMatch(/"maxQuantity" must be a whole number from 1 to 9999, got 0/);
  });

  it('refuses shippable given as a string', () => {
    expect(errorsOf(minimal([{ id: 'tee', name: 'Tee', price: '1', shippable: 'false' }]))[0]).toMatch(/"shippable" must be true or false/);
  });

  it('refuses an option value listed twice', () => {
    const products = [{ id: 'tee', name: 'Tee', price: '1', options: [{ name: 'Size', values: [{ value: 'M' }, { value: 'M' }] }] }];
    expect(errorsOf(minimal(products))[0]).toMatch(/options\[0\]: "Size": the value "M" is listed twice/);
  });

  it('refuses two options with one name', () => {
    const option = { name: 'Size', values: [{ value: 'M' }] };
    const products = [{ id: 'tee', name: 'Tee', price: '1', options: [option, { ...option, name: 'size' }] }];
    expect(errorsOf(minimal(products))[0]).toMatch(/repeats the option "Size"/);
  });

  it('refuses a delta that is not a decimal string', () => {
    const products = [{ id: 'tee', name: 'Tee', price: '10', options: [{ name: 'Size', values: [{ value: 'XL', delta: '+2,00' }] }] }];
    expect(errorsOf(minimal(products))[0]).toMatch(/the delta "\+2,00" of "XL"/);
  });

  it('refuses options whose cheapest choice takes the price to 0', () => {
    const products = [{ id: 'tee', name: 'Tee', price: '10', options: [{ name: 'Size', values: [{ value: 'M' }, { value: 'XS', delta: '-10.00' }] }] }];
    expect(errorsOf(minimal(products))[0]).toMatch(/cheapest choice of options takes the price to 0 or below/);
  });

  it('refuses more than five options', () => {
    const options = Array.from({ length: 6 }, (_, i) => ({ name: `O${i}`, values: [{ value: 'a' }] }));
    expect(errorsOf(minimal([{ id: 'tee', name: 'Tee', price: '1', options }]))[0]).toMatch(/has 6 options; at most 5/);
  });

  it('lists every problem at once', () => {
    const products = [{ id: 'a', name: 'A', price: 'x' }, { id: 'b', name: 'B', price: '1' }, { id: 'c', name: '', price: '1' }];
    expect(errorsOf(minimal(products))).toHaveLength(2);
  });

  it('accepts its own output again unchanged', () => {
    const first = validateCatalog(demoCatalog);
    if (!first.ok) throw new Error(first.errors.join('\n'));
    expect(validateCatalog(first.catalog)).toEqual(first);
  });
});

describe('catalog prices', () => {
  it('are the minor units of the decimal strings, in any supported currency', () => {
    fc.assert(
      fc.property(fc.constantFrom('USD', 'EUR', 'JPY', 'HUF', 'GBP'), fc.integer({ min: 1, max: 99_999_999_99 }), (currency, minor) => {
        const price = toDecimal(minor, currency);
        const result = readCatalog(minimal([{ id: 'p', name: 'P', price }], { currency }));
        expect(result.ok && result.catalog.products.get('p')?.price).toBe(parseMoney(price, currency));
      }),
    );
  });

  it('survive writing a product back out and reading it again', () => {
    const value = fc.record({ value: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s !== ''), delta: fc.integer({ min: -99, max: 10_000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1_000_000 }), fc.uniqueArray(value, { minLength: 1, maxLength: 4, selector: (v) => v.value }), (price, values) => {
        const raw = { id: 'p', name: 'P', price: toDecimal(price, 'USD'), options: [{ name: 'O', values: values.map((v) => ({ value: v.value, delta: toDecimal(v.delta, 'USD') })) }] };
        const read = readCatalog(minimal([raw]));
        if (!read.ok) throw new Error(read.errors.join('\n'));
        const product = read.catalog.products.get('p');
        if (!product) throw new Error('no product');
        const again = readCatalog({ version: 1, store: storeOf(read.catalog.config), products: [productOf(product, 'USD')] });
        expect(again.ok && again.catalog.products.get('p')).toEqual(product);
      }),
    );
  });
});
