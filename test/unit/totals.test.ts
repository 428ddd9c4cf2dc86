import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTotals, type PricedLine, type PriceSettings } from '../../src/cart/totals';
import { parseConfig, type ShippingMethod } from '../../src/config';
import { MAX_MINOR, parseRate } from '../../src/money';

/** Settings as an owner writes them, through the real config parser. */
const settings = (raw: object): PriceSettings => {
  const problems: string[] = [];
  const config = parseConfig(raw, problems);
  expect(problems).toEqual([]);
  return config;
};

const line = (unitPrice: number, quantity: number, extra: Partial<PricedLine> = {}): PricedLine => ({
  unitPrice,
  quantity,
  shippable: true,
  taxable: true,
  ...extra,
});

const twoMethods = {
  shipping: {
    methods: [
      { id: 'standard', label: 'Standard', amount: '4.95', freeOver: '50.00' },
      { id: 'express', label: 'Express', amount: '12.00' },
    ],
  },
};

describe('computeTotals', () => {
  it('is all zero for an empty cart', () => {
    expect(computeTotals([], settings(twoMethods), null)).toEqual({
      count: 0,
      subtotal: 0,
      needsShipping: false,
      shippingMethod: null,
      shipping: 0,
      tax: 0,
      total: 0,
    });
  });

  it('adds unit price × quantity of every line into the subtotal', () => {
    const totals = computeTotals([line(1999, 2), line(500, 3)], settings({}), null);
    expect(totals.subtotal).toBe(1999 * 2 + 500 * 3);
    expect(totals.total).toBe(totals.subtotal);
  });

  it('counts items as the sum of quantities, not the number of lines', () => {
    expect(computeTotals([line(100, 2), line(100, 5)], settings({}), null).count).toBe(7);
  });

  it('charges the first shipping method when none was chosen', () => {
    const totals = computeTotals([line(1000, 1)], settings(twoMethods), null);
    expect(totals.shippingMethod?.id).toBe('standard');
    expect(totals.shipping).toBe(495);
    expect(totals.total).toBe(1495);
  });

  it('charges the chosen shipping method by id', () => {
    const totals = computeTotals([line(1000, 1)], settings(twoMethods), 'express');
    expect(totals.shippingMethod?.id).toBe('express');
    expect(totals.shipping).toBe(1200);
  });

  it('falls back to the first method when the chosen id no longer exists', () => {
    expect(computeTotals([line(1000, 1)], settings(twoMethods), 'drone').shippingMethod?.id).toBe('standard');
  });

  it('charges no shipping when the store has no methods', () => {
    const totals = computeTotals([line(1000, 1)], settings({}), null);
    expect(totals.needsShipping).toBe(true);
    expect(totals.shippingMethod).toBeNull();
    expect(totals.shipping).toBe(0);
  });

  it('makes a method free when the shippable subtotal reaches freeOver exactly', () => {
    const totals = computeTotals([line(2500, 2)], settings(twoMethods), 'standard');
    expect(totals.shippingMethod?.id).toBe('standard');
    expect(totals.shipping).toBe(0);
  });

  it('charges a method one minor unit below freeOver', () => {
    expect(computeTotals([line(4999, 1)], settings(twoMethods), 'standard').shipping).toBe(495);
  });

  it('counts only shippable lines towards freeOver', () => {
    const lines = [line(4000, 1), line(2000, 1, { shippable: false })];
    const totals = computeTotals(lines, settings(twoMethods), 'standard');
    expect(totals.subtotal).toBe(6000);
    expect(totals.shipping).toBe(495);
  });

  it('charges a method without freeOver however large the order', () => {
    expect(computeTotals([line(MAX_MINOR, 1)], settings(twoMethods), 'express').shipping).toBe(1200);
  });

  it('asks for no shipping for a cart of only digital goods', () => {
    const totals = computeTotals([line(1000, 1, { shippable: false }), line(500, 2, { shippable: false })], settings(twoMethods), 'express');
    expect(totals.needsShipping).toBe(false);
    expect(totals.shippingMethod).toBeNull();
    expect(totals.shipping).toBe(0);
  });

  it('needs shipping as soon as one line ships', () => {
    const totals = computeTotals([line(1000, 1, { shippable: false }), line(500, 1)], settings(twoMethods), null);
    expect(totals.needsShipping).toBe(true);
    expect(totals.shipping).toBe(495);
  });

  it('adds no tax without a rate', () => {
    expect(computeTotals([line(1000, 1)], settings({}), null).tax).toBe(0);
  });

  it('adds tax on the taxable lines only', () => {
    const lines = [line(1000, 1), line(3000, 1, { taxable: false })];
    const totals = computeTotals(lines, settings({ tax: { rate: '10' } }), null);
    expect(totals.tax).toBe(100);
    expect(totals.total).toBe(4100);
  });

  it('leaves shipping out of the taxed amount by default', () => {
    const totals = computeTotals([line(1000, 1)], settings({ ...twoMethods, tax: { rate: '10' } }), 'express');
    expect(totals.tax).toBe(100);
    expect(totals.total).toBe(1000 + 1200 + 100);
  });

  it('taxes shipping too when tax.shipping is set', () => {
    const totals = computeTotals([line(1000, 1)], settings({ ...twoMethods, tax: { rate: '10', shipping: true } }), 'express');
    expect(totals.tax).toBe(220);
    expect(totals.total).toBe(1000 + 1200 + 220);
  });

  it('taxes shipping even when no line is taxable, with tax.shipping', () => {
    const lines = [line(1000, 1, { taxable: false })];
    expect(computeTotals(lines, settings({ ...twoMethods, tax: { rate: '10', shipping: true } }), 'express').tax).toBe(120);
  });

  it('adds no tax when prices include it', () => {
    const totals = computeTotals([line(1190, 1)], settings({ tax: { rate: '19', included: true, shipping: true } }), null);
    expect(totals.tax).toBe(0);
    expect(totals.total).toBe(1190);
  });

  it('rounds tax half-up once on the sum, not per line', () => {
    // Per line: 8.25% of 0.10 = 0.00825 → 0.01, three times 0.03. On the sum: 8.25% of 0.30 = 0.02475 → 0.02.
    const lines = [line(10, 1), line(10, 1), line(10, 1)];
    expect(computeTotals(lines, settings({ tax: { rate: '8.25' } }), null).tax).toBe(2);
  });

  it('rounds half a minor unit of tax up', () => {
    expect(computeTotals([line(1000, 1)], settings({ tax: { rate: '8.25' } }), null).tax).toBe(83);
  });

  it('rounds tax on a zero-decimal currency to whole units', () => {
    const totals = computeTotals([line(1250, 1)], settings({ currency: 'JPY', tax: { rate: '10' } }), null);
    expect(totals.tax).toBe(125);
    expect(computeTotals([line(125, 1)], settings({ currency: 'JPY', tax: { rate: '10' } }), null).tax).toBe(13);
  });
});

describe('computeTotals properties', () => {
  const pricedLine = fc.record({
    unitPrice: fc.integer({ min: 1, max: 1_000_000 }),
    quantity: fc.integer({ min: 1, max: 9999 }),
    shippable: fc.boolean(),
    taxable: fc.boolean(),
  });
  const method = (id: string): fc.Arbitrary<ShippingMethod> =>
    fc.record({
      id: fc.constant(id),
      label: fc.constant(id),
      amount: fc.integer({ min: 0, max: 100_000 }),
      freeOver: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
    });
  const rateText = fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999_999 }))
    .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(6, '0')}`);
  const priceSettings: fc.Arbitrary<PriceSettings> = fc.record({
    shipping: fc.record({ methods: fc.tuple(method('a'), method('b'), method('c')).chain((all) => fc.subarray(all)) }),
    tax: fc.record({
      rate: fc.option(rateText.map((text) => parseRate(text)), { nil: null }),
      included: fc.boolean(),
      shipping: fc.boolean(),
    }),
  });
  const chosenMethod = fc.constantFrom(null, 'a', 'b', 'c', 'gone');

  it('makes the total the sum of subtotal, shipping and tax, all whole non-negative amounts', () => {
    fc.assert(
      fc.property(fc.array(pricedLine, { maxLength: 20 }), priceSettings, chosenMethod, (lines, prices, methodId) => {
        const totals = computeTotals(lines, prices, methodId);
        expect(totals.total).toBe(totals.subtotal + totals.shipping + totals.tax);
        for (const amount of [totals.subtotal, totals.shipping, totals.tax, totals.total]) {
          expect(Number.isSafeInteger(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('counts the sum of quantities', () => {
    fc.assert(
      fc.property(fc.array(pricedLine, { maxLength: 20 }), priceSettings, chosenMethod, (lines, prices, methodId) => {
        expect(computeTotals(lines, prices, methodId).count).toBe(lines.reduce((sum, l) => sum + l.quantity, 0));
      }),
    );
  });

  it('charges shipping only when a line ships, with a method that exists', () => {
    fc.assert(
      fc.property(fc.array(pricedLine, { maxLength: 20 }), priceSettings, chosenMethod, (lines, prices, methodId) => {
        const totals = computeTotals(lines, prices, methodId);
        if (!lines.some((l) => l.shippable)) expect(totals.shipping).toBe(0);
        if (totals.shippingMethod) expect(prices.shipping.methods).toContain(totals.shippingMethod);
        if (totals.shipping > 0) expect(totals.shipping).toBe(totals.shippingMethod?.amount);
      }),
    );
  });

  it('never adds tax when prices include it', () => {
    fc.assert(
      fc.property(fc.array(pricedLine, { maxLength: 20 }), priceSettings, chosenMethod, (lines, prices, methodId) => {
        const included = { ...prices, tax: { ...prices.tax, included: true } };
        expect(computeTotals(lines, included, methodId).tax).toBe(0);
      }),
    );
  });
});
