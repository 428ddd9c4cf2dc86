// Fuzzing the whole scan → add path (issue 4): arbitrary values in every product attribute, scanned by the
// real app in happy-dom through the public API. No exception ever escapes (DropCart.add may only reject
// with a [dropcart] TypeError), nothing is logged as an internal failure, and every line that reaches the
// cart has a whole, positive price within PayPal's limit. parseProduct alone is fuzzed in catalog.test.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createDropCart } from '../../src/app';
import { ATTR, MAX_OPTIONS, optionNameAttr, optionValuesAttr } from '../../src/constants';
import { MAX_MINOR, parseMoney } from '../../src/money';
import type { DropCartApi } from '../../src/types';

const NAMES = [
  ...Object.values(ATTR),
  ...Array.from({ length: MAX_OPTIONS }, (_, i) => [optionNameAttr(i + 1), optionValuesAttr(i + 1)]).flat(),
];

/** Mostly near-valid text, sometimes anything at all (including lone surrogates and control characters). */
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
const near = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: anyText, weight: 1 });
const price = near(
  fc.oneof(
    fc.stringMatching(/^-?\d{1,14}(\.\d{0,4})?$/),
    fc.constantFrom('0', '0.01', '92233720368547.75', '99999999999.99', '1e3', '1,99', ' 5 ', '١٢', 'NaN', 'Infinity', '0x10'),
  ),
);
const valuesText = near(
  fc.array(fc.tuple(fc.constantFrom('S', 'M', 'L', '__proto__', 'constructor', ''), fc.constantFrom('', '[+1.00]', '[-0.50]', '[+99999999999.99]', '[-5]', '[x]', '[')), { maxLength: 4 })
    .map((pairs) => pairs.map(([v, d]) => v + d).join('|')),
);

const attrs = fc
  .record({
    id: near(fc.constantFrom('tee', '__proto__', 'constructor', 'a?b', 'x'.repeat(128), ' ', 'hasOwnProperty')),
    name: near(fc.constantFrom('Black tee', '<b>x</b>', '')),
    price,
    extra: fc.array(fc.tuple(fc.constantFrom(...NAMES), near(fc.constantFrom('S|M', 'Size', 'false', '3', 'add', 'https://x.example/a', 'javascript:x'))), { maxLength: 3 }),
    option: fc.option(fc.tuple(fc.integer({ min: 1, max: MAX_OPTIONS }), near(fc.constantFrom('Size', 'Color', '__proto__')), valuesText)),
  })
  .map(({ id, name, price, extra, option }) => {
    const out: Record<string, string> = Object.create(null);
    for (const [k, v] of extra) out[k] = v;
    if (option) {
      out[optionNameAttr(option[0])] = option[1];
      out[optionValuesAttr(option[0])] = option[2];
    }
    out[ATTR.id] = id;
    out[ATTR.name] = name;
    out[ATTR.price] = price;
    return out;
  });

describe('scanning and adding arbitrary product markup', () => {
  let api: DropCartApi;
  let consoleError: MockInstance<typeof console.error>;
  let consoleWarn: MockInstance<typeof console.warn>;
  const container = document.createElement('main');

  beforeAll(async () => {
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.append(container);
    api = createDropCart();
    await api.ready;
  });
  afterAll(() => {
    vi.restoreAllMocks();
    container.remove();
  });

  it('never lets an exception escape, and every line in the cart has a whole price in (0, MAX_MINOR]', async () => {
    let added = 0;
    await fc.assert(
      fc.asyncProperty(attrs, async (product) => {
        const el = document.createElement('article');
        for (const [name, value] of Object.entries(product)) {
          try {
            el.setAttribute(name, value);
          } catch {
            // happy-dom refuses some names/values a browser would too; such markup cannot exist
          }
        }
        container.replaceChildren(el);
        api.scan(container);
        const id = el.getAttribute(ATTR.id)?.trim() ?? '';
        try {
          await api.add(id);
          added++;
        } catch (cause) {
          expect(cause).toBeInstanceOf(TypeError);
          expect(String((cause as Error).message)).toMatch(/^\[dropcart\] /);
        }
        for (const line of api.items()) {
          const minor = parseMoney(line.price, 'USD');
          expect(minor, line.price).not.toBeNull();
          expect(Number.isInteger(minor)).toBe(true);
          expect(minor!).toBeGreaterThan(0);
          expect(minor!).toBeLessThanOrEqual(MAX_MINOR);
          expect(Number.isInteger(line.quantity) && line.quantity >= 1).toBe(true);
        }
        const totals = api.totals();
        expect(parseMoney(totals.total, 'USD')).not.toBeNull();
        api.clear();
        // Internal failures: the app's guard logs "… failed:", the scanner "could not be read". None allowed.
        const logged = [...consoleError.mock.calls, ...consoleWarn.mock.calls].map((c) => String(c[0]));
        expect(logged.filter((m) => /failed:|could not start|could not be read/.test(m))).toEqual([]);
      }),
      { numRuns: 500 },
    );
    // The generator must reach products that are accepted and added, or the checks above never ran.
    expect(added).toBeGreaterThan(20);
    expect(consoleWarn).toHaveBeenCalled();
    expect(Object.keys(Object.prototype)).toEqual([]); // '__proto__' ids and option names stayed data
  });
});
