// Totals: one pure function for what the cart shows and what PayPal is asked to charge (issue 3: "the
// totals the cart shows and the body PayPal receives come from the same code").

import type { ShippingMethod } from '../config';
import { percentOf, type Rate } from '../money';

export interface PricedLine {
  readonly unitPrice: number;
  readonly quantity: number;
  readonly shippable: boolean;
  readonly taxable: boolean;
}

export interface PriceSettings {
  readonly shipping: { readonly methods: readonly ShippingMethod[] };
  readonly tax: { readonly rate: Rate | null; readonly included: boolean; readonly shipping: boolean };
}

/** All amounts in minor units. */
export interface TotalsMinor {
  /** number of items (sum of quantities) */
  readonly count: number;
  /** sum of unit price × quantity: PayPal's item_total */
  readonly subtotal: number;
  /** true when some line is shippable: the buyer picks a shipping method and PayPal asks for an address */
  readonly needsShipping: boolean;
  /** the method charged, null when nothing ships or the store has no methods */
  readonly shippingMethod: ShippingMethod | null;
  readonly shipping: number;
  /** tax added on top; 0 when prices include tax */
  readonly tax: number;
  readonly total: number;
}

export function computeTotals(
  lines: readonly PricedLine[],
  settings: PriceSettings,
  shippingMethodId: string | null,
): TotalsMinor {
  let count = 0;
  let subtotal = 0;
  let shippableSubtotal = 0;
  let taxableSubtotal = 0;
  for (const line of lines) {
    const amount = line.unitPrice * line.quantity;
    count += line.quantity;
    subtotal += amount;
    if (line.shippable) shippableSubtotal += amount;
    if (line.taxable) taxableSubtotal += amount;
  }
  const needsShipping = lines.some((line) => line.shippable);
  const methods = settings.shipping.methods;
  const shippingMethod = needsShipping
    ? methods.find((m) => m.id === shippingMethodId) ?? methods[0] ?? null
    : null;
  const shipping =
    shippingMethod && !(shippingMethod.freeOver !== null && shippableSubtotal >= shippingMethod.freeOver)
      ? shippingMethod.amount
      : 0;
  const { rate, included } = settings.tax;
  // Tax is computed once on the sum, then rounded (SPEC §2), not per line.
  const tax = rate && !included ? percentOf(taxableSubtotal + (settings.tax.shipping ? shipping : 0), rate) : 0;
  return { count, subtotal, needsShipping, shippingMethod, shipping, tax, total: subtotal + shipping + tax };
}
