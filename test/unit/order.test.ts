import type { CreateOrderRequestBody } from '@paypal/paypal-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTotals } from '../../src/cart/totals';
import { buildOrderBody, describeChoices, type OrderBody } from '../../src/checkout/order';
import { parseConfig, type Config } from '../../src/config';
import { lineIdOf, type CartLine, type Choice } from '../../src/model';
import { toDecimal } from '../../src/money';
import { checkBreakdown, validateOrderBody } from '../fixtures/orders-schema';

// Every body built here goes through PayPal's official Orders v2 schema and PayPal's amount rules.

interface LineSpec {
  productId?: string;
  name?: string;
  unitPrice: number;
  quantity?: number;
  choices?: Choice[];
  sku?: string;
  shippable?: boolean;
  taxable?: boolean;
}

function line(spec: LineSpec): CartLine {
  const productId = spec.productId ?? 'tee';
  const choices = spec.choices ?? [];
  return {
    id: lineIdOf(productId, choices),
    productId,
    name: spec.name ?? 'Black tee',
    unitPrice: spec.unitPrice,
    quantity: spec.quantity ?? 1,
    choices,
    image: null,
    url: 'https://shop.example/tee',
    sku: spec.sku ?? productId,
    maxQuantity: 99,
    shippable: spec.shippable ?? true,
    taxable: spec.taxable ?? true,
  };
}

function config(raw: Record<string, unknown>): Config {
  const problems: string[] = [];
  const parsed = parseConfig(raw, problems);
  expect(problems).toEqual([]);
  return parsed;
}

/** Builds a body and checks it as PayPal would; the assignment also proves, at compile time, that the JS
 * SDK's actions.order.create accepts the body as it is. */
function build(lines: CartLine[], settings: Config, shippingMethodId: string | null = null): OrderBody {
  const body = buildOrderBody(lines, settings, shippingMethodId);
  const forSdk: CreateOrderRequestBody = body;
  expect(validateOrderBody(forSdk)).toEqual([]);
  expect(checkBreakdown(body)).toEqual([]);
  return body;
}

const unitOf = (body: OrderBody) => body.purchase_units[0]!;
const usd = (value: string) => ({ currency_code: 'USD', value });

const standard = { id: 'standard', label: 'Standard', amount: '4.95' };

describe('buildOrderBody', () => {
  it('sends a USD cart as items with their options as description', () => {
    const body = build(
      [
        line({ unitPrice: 2199, quantity: 2, choices: [{ name: 'Size', value: 'L' }, { name: 'Color', value: 'Black' }], sku: 'TEE-L-BLK' }),
        line({ productId: 'mug', name: 'Mug', unitPrice: 850 }),
      ],
      config({ currency: 'USD' }),
    );
    expect(body).toEqual({
      intent: 'CAPTURE',
      purchase_units: [
        {
          amount: { ...usd('52.48'), breakdown: { item_total: usd('52.48') } },
          items: [
            { name: 'Black tee', unit_amount: usd('21.99'), quantity: '2', sku: 'TEE-L-BLK', description: 'Size: L, Color: Black', category: 'PHYSICAL_GOODS' },
            { name: 'Mug', unit_amount: usd('8.50'), quantity: '1', sku: 'mug', category: 'PHYSICAL_GOODS' },
          ],
        },
      ],
    });
  });

  it('writes JPY amounts without decimals', () => {
    const body = build([line({ unitPrice: 1200, quantity: 3 })], config({ currency: 'JPY', shipping: { methods: [{ id: 'std', label: 'Std', amount: '500' }] } }));
    expect(unitOf(body).amount).toEqual({
      currency_code: 'JPY',
      value: '4100',
      breakdown: { item_total: { currency_code: 'JPY', value: '3600' }, shipping: { currency_code: 'JPY', value: '500' } },
    });
  });

  it('asks PayPal for no shipping address when every line is digital', () => {
    const body = build([line({ unitPrice: 900, shippable: false })], config({ shipping: { methods: [standard] } }));
    expect(body.payment_source).toEqual({ paypal: { experience_context: { shipping_preference: 'NO_SHIPPING' } } });
    expect(unitOf(body).items[0]!.category).toBe('DIGITAL_GOODS');
    expect(unitOf(body).amount.breakdown.shipping).toBeUndefined();
  });

  it('lets PayPal collect an address when one line ships', () => {
    const body = build(
      [line({ unitPrice: 900, shippable: false }), line({ productId: 'mug', unitPrice: 850 })],
      config({ shipping: { methods: [standard] } }),
    );
    expect(body.payment_source).toBeUndefined();
    expect(unitOf(body).amount.breakdown.shipping).toEqual(usd('4.95'));
    expect(unitOf(body).amount.value).toBe('22.45');
  });

  it('charges the shipping method the buyer chose', () => {
    const express = { id: 'express', label: 'Express', amount: '12.00' };
    const body = build([line({ unitPrice: 1000 })], config({ shipping: { methods: [standard, express] } }), 'express');
    expect(unitOf(body).amount.breakdown.shipping).toEqual(usd('12.00'));
  });

  it('charges the first shipping method when the chosen one no longer exists', () => {
    const body = build([line({ unitPrice: 1000 })], config({ shipping: { methods: [standard] } }), 'gone');
    expect(unitOf(body).amount.breakdown.shipping).toEqual(usd('4.95'));
  });

  it('sends free shipping as 0.00 once shippable lines reach freeOver', () => {
    const body = build([line({ unitPrice: 5000 })], config({ shipping: { methods: [{ ...standard, freeOver: '50.00' }] } }));
    expect(unitOf(body).amount.breakdown.shipping).toEqual(usd('0.00'));
    expect(unitOf(body).amount.value).toBe('50.00');
  });

  it('does not count digital lines towards freeOver', () => {
    const body = build(
      [line({ unitPrice: 4999 }), line({ productId: 'ebook', unitPrice: 1000, shippable: false })],
      config({ shipping: { methods: [{ ...standard, freeOver: '50.00' }] } }),
    );
    expect(unitOf(body).amount.breakdown.shipping).toEqual(usd('4.95'));
  });

  it('sends no shipping amount when the store has no shipping methods', () => {
    const body = build([line({ unitPrice: 1000 })], config({}));
    expect(unitOf(body).amount.breakdown).toEqual({ item_total: usd('10.00') });
  });

  it('rounds tax half-up on the taxable sum', () => {
    // 8.25 % of 2.00 = 0.165: half-up gives 0.17 (half-even would give 0.16).
    const body = build([line({ unitPrice: 200 })], config({ tax: { rate: '8.25' } }));
    expect(unitOf(body).amount.breakdown.tax_total).toEqual(usd('0.17'));
    expect(unitOf(body).amount.value).toBe('2.17');
  });

  it('leaves tax-exempt lines out of the tax', () => {
    const body = build(
      [line({ unitPrice: 1000 }), line({ productId: 'gift', unitPrice: 2000, taxable: false })],
      config({ tax: { rate: '10' } }),
    );
    expect(unitOf(body).amount.breakdown.tax_total).toEqual(usd('1.00'));
  });

  it('taxes shipping too when tax.shipping is set', () => {
    const body = build([line({ unitPrice: 1000 })], config({ shipping: { methods: [standard] }, tax: { rate: '10', shipping: true } }));
    // 10 % of (10.00 + 4.95) = 1.495 → 1.50
    expect(unitOf(body).amount.breakdown.tax_total).toEqual(usd('1.50'));
    expect(unitOf(body).amount.value).toBe('16.45');
  });

  it('sends tax_total 0.00 when tax applies but every line is exempt', () => {
    const body = build([line({ unitPrice: 1000, taxable: false })], config({ tax: { rate: '10' } }));
    expect(unitOf(body).amount.breakdown.tax_total).toEqual(usd('0.00'));
  });

  it('sends prices as shown and no tax_total when prices include tax', () => {
    const body = build([line({ unitPrice: 1190 })], config({ currency: 'EUR', tax: { rate: '19', included: true } }));
    expect(unitOf(body).amount).toEqual({
      currency_code: 'EUR',
      value: '11.90',
      breakdown: { item_total: { currency_code: 'EUR', value: '11.90' } },
    });
  });

  it('cuts a 200-character name to its first 127 characters', () => {
    const name = 'n'.repeat(100) + 'm'.repeat(100);
    const body = build([line({ unitPrice: 100, name })], config({}));
    expect(unitOf(body).items[0]!.name).toBe(name.slice(0, 127));
  });

  it('drops an emoji whole rather than cutting it in half', () => {
    const name = `${'a'.repeat(126)}😀 tee`;
    const body = build([line({ unitPrice: 100, name })], config({}));
    expect(unitOf(body).items[0]!.name).toBe('a'.repeat(126));
  });

  it('keeps an emoji that ends exactly at the limit', () => {
    const name = `${'a'.repeat(125)}😀 tee`;
    const body = build([line({ unitPrice: 100, name })], config({}));
    expect(unitOf(body).items[0]!.name).toBe(`${'a'.repeat(125)}😀`);
  });

  it('cuts a long sku and long options to 127 characters', () => {
    const body = build(
      [line({ unitPrice: 100, sku: 's'.repeat(150), choices: [{ name: 'Engraving', value: 'x'.repeat(200) }] })],
      config({}),
    );
    const item = unitOf(body).items[0]!;
    expect(item.sku).toBe('s'.repeat(127));
    expect(item.description).toBe(`Engraving: ${'x'.repeat(116)}`);
  });

  it('refuses to build an order without lines', () => {
    expect(() => buildOrderBody([], config({}), null)).toThrow(RangeError);
  });
});

describe('describeChoices', () => {
  it('writes options as "Name: value" pairs separated by commas', () => {
    expect(describeChoices([{ name: 'Size', value: 'L' }, { name: 'Color', value: 'Black' }])).toBe('Size: L, Color: Black');
  });

  it('is empty without options', () => {
    expect(describeChoices([])).toBe('');
  });
});

describe("the checks standing in for PayPal's API", () => {
  const valid = (): OrderBody => buildOrderBody([line({ unitPrice: 1000, quantity: 2 })], config({ tax: { rate: '10' } }), null);

  it('reject an item name longer than 127 characters', () => {
    const body = valid();
    unitOf(body).items[0]!.name = 'x'.repeat(128);
    expect(validateOrderBody(body).join('\n')).toContain('INVALID_STRING_LENGTH /purchase_units/0/items/0/name');
  });

  it('reject a quantity of zero', () => {
    const body = valid();
    unitOf(body).items[0]!.quantity = '0';
    expect(validateOrderBody(body).join('\n')).toContain('/purchase_units/0/items/0/quantity');
  });

  it('reject a name cut inside an emoji', () => {
    const body = valid();
    unitOf(body).items[0]!.name = 'tee \ud83d';
    expect(validateOrderBody(body).join('\n')).toContain('lone UTF-16 surrogate');
  });

  it('reject a field the schema does not define', () => {
    const body = valid() as unknown as { payment_source: unknown };
    body.payment_source = { paypal: { experience_context: { shipping_preferences: 'NO_SHIPPING' } } };
    expect(validateOrderBody(body).join('\n')).toContain('UNKNOWN_FIELD /payment_source/paypal/experience_context/shipping_preferences');
  });

  it('reject a total that is not the sum of its breakdown', () => {
    const body = valid();
    unitOf(body).amount.value = '22.01';
    expect(checkBreakdown(body).join('\n')).toContain('AMOUNT_MISMATCH');
  });

  it('reject an item_total that is not the sum of the items', () => {
    const body = valid();
    unitOf(body).items[0]!.quantity = '3';
    expect(checkBreakdown(body).join('\n')).toContain('ITEM_TOTAL_MISMATCH');
  });

  it('reject decimals a currency does not have', () => {
    const body = buildOrderBody([line({ unitPrice: 1200 })], config({ currency: 'JPY' }), null);
    unitOf(body).items[0]!.unit_amount.value = '1200.00';
    expect(checkBreakdown(body).join('\n')).toContain('DECIMAL_PRECISION /purchase_units/0/items/0/unit_amount/value');
  });

  it('reject a second currency in one order', () => {
    const body = valid();
    unitOf(body).amount.breakdown.tax_total = { currency_code: 'EUR', value: '2.00' };
    expect(checkBreakdown(body).join('\n')).toContain('MULTI_CURRENCY_ORDER');
  });
});

describe('buildOrderBody on random carts', () => {
  const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'HUF', 'TWD'] as const;
  const DECIMALS: Record<(typeof CURRENCIES)[number], number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0, HUF: 0, TWD: 0 };
  /** An owner's decimal string for a minor amount, written independently of src/money. */
  const decimal = (minor: number, decimals: number): string =>
    decimals === 0 ? String(minor) : `${Math.floor(minor / 10 ** decimals)}.${String(minor % 10 ** decimals).padStart(decimals, '0')}`;

  const choice = fc.record({ name: fc.constantFrom('Size', 'Color', 'Engraving'), value: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 90 }) });
  // Names near the 127 limit with emoji and other astral characters around the cut.
  const astral = fc.constantFrom('😀', '👩‍👩‍👧', '𝄞', '🇯🇵', 'é', 'x');
  const name = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
    fc.tuple(fc.integer({ min: 118, max: 130 }), fc.array(astral, { minLength: 1, maxLength: 8 })).map(([n, tail]) => 'a'.repeat(n) + tail.join('')),
  );
  const lineSpec = fc.record({
    name,
    unitPrice: fc.integer({ min: 1, max: 5_000_000 }),
    quantity: fc.integer({ min: 1, max: 99 }),
    choices: fc.array(choice, { maxLength: 3 }),
    sku: fc.string({ unit: 'binary', minLength: 1, maxLength: 160 }),
    shippable: fc.boolean(),
    taxable: fc.boolean(),
  });
  const method = fc.record({ amount: fc.integer({ min: 0, max: 10_000 }), freeOver: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }) });
  const rate = fc.tuple(fc.integer({ min: 0, max: 99 }), fc.option(fc.integer({ min: 0, max: 9999 }), { nil: undefined }));
  const cart = fc.record({
    currency: fc.constantFrom(...CURRENCIES),
    lines: fc.array(lineSpec, { minLength: 1, maxLength: 8 }),
    methods: fc.array(method, { maxLength: 3 }),
    rate: fc.option(rate, { nil: undefined }),
    included: fc.boolean(),
    taxShipping: fc.boolean(),
    chosen: fc.constantFrom<string | null>(null, 'm0', 'm1', 'm2', 'gone'),
  });

  it('always builds a schema-valid, exact body whose total is the cart total', () => {
    fc.assert(
      fc.property(cart, (c) => {
        const decimals = DECIMALS[c.currency];
        const raw: Record<string, unknown> = {
          currency: c.currency,
          shipping: {
            methods: c.methods.map((m, i) => ({
              id: `m${i}`,
              label: `Method ${i}`,
              amount: decimal(m.amount, decimals),
              ...(m.freeOver === undefined ? {} : { freeOver: decimal(m.freeOver, decimals) }),
            })),
          },
          tax: {
            included: c.included,
            shipping: c.taxShipping,
            ...(c.rate === undefined ? {} : { rate: c.rate[1] === undefined ? String(c.rate[0]) : `${c.rate[0]}.${c.rate[1]}` }),
          },
        };
        const settings = config(raw);
        const lines = c.lines.map((spec, index) => line({ ...spec, productId: `p${index}` }));
        const body = build(lines, settings, c.chosen);
        const totals = computeTotals(lines, settings, c.chosen);
        const unit = unitOf(body);

        expect(unit.amount.value).toBe(toDecimal(totals.total, c.currency));
        expect(unit.amount.breakdown.tax_total !== undefined).toBe(c.rate !== undefined && !c.included);
        expect(unit.amount.breakdown.shipping !== undefined).toBe(totals.needsShipping && c.methods.length > 0);
        expect(body.payment_source !== undefined).toBe(!c.lines.some((l) => l.shippable));
        expect(unit.items.map((item) => item.quantity)).toEqual(c.lines.map((l) => String(l.quantity)));
      }),
    );
  });
});
