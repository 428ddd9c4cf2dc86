// Internal shapes → the public ones of SPEC §8: amounts as decimal strings in major units, options as a
// plain { name: value } object. Fresh objects every time, so a host that mutates what it got cannot
// change the cart.

import type { TotalsMinor } from '../cart/totals';
import type { CartLine } from '../model';
import { toDecimal } from '../money';
import type { Line, Totals } from '../types';

export function toLine(line: CartLine, currency: string): Line {
  const options: Record<string, string> = {};
  for (const choice of line.choices) options[choice.name] = choice.value;
  const result: Line = {
    id: line.id,
    productId: line.productId,
    name: line.name,
    price: toDecimal(line.unitPrice, currency),
    quantity: line.quantity,
    options,
    url: line.url,
    sku: line.sku,
  };
  if (line.image) result.image = line.image;
  return result;
}

export function toTotals(totals: TotalsMinor, currency: string): Totals {
  return {
    count: totals.count,
    subtotal: toDecimal(totals.subtotal, currency),
    shipping: toDecimal(totals.shipping, currency),
    tax: toDecimal(totals.tax, currency),
    total: toDecimal(totals.total, currency),
    currency,
  };
}
