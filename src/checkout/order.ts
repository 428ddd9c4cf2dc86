// The Orders v2 create-order body dropcart sends to PayPal (SPEC §5), built from cart lines. Pure: no DOM,
// no clock, no randomness — the browser (client mode) and the server handler (server mode) build the same
// body from the same lines, and the amounts are the ones the cart shows because both come from
// computeTotals (issue 3: "the totals the cart shows and the body PayPal receives come from the same code").
//
// Field rules follow PayPal's official schema, `@paypal/paypal-rest-api-specifications`
// openapi/checkout_orders_v2.json (v2.13), components.schemas.order_request; every body is checked against it
// in test/unit/order.test.ts.

import { computeTotals } from '../cart/totals';
import type { Config } from '../config';
import type { CartLine, Choice } from '../model';
import { toDecimal } from '../money';

/** PayPal's `money`: a currency code and a decimal string with exactly the currency's decimals. */
export interface OrderMoney {
  currency_code: string;
  value: string;
}

/** PayPal's `item`. Arrays and objects are mutable on purpose: the body is handed to the JS SDK's
 * `actions.order.create`, whose type (@paypal/paypal-js CreateOrderRequestBody) takes mutable arrays. */
export interface OrderItem {
  /** 1–127 characters */
  name: string;
  unit_amount: OrderMoney;
  /** a whole number ≥ 1, as a string (pattern ^[1-9][0-9]{0,9}$) */
  quantity: string;
  /** ≤ 127 characters; omitted when empty */
  sku?: string;
  /** the chosen options, "Size: L, Color: Black", ≤ 127 characters; omitted without options */
  description?: string;
  category: 'PHYSICAL_GOODS' | 'DIGITAL_GOODS';
}

export interface OrderBreakdown {
  item_total: OrderMoney;
  shipping?: OrderMoney;
  tax_total?: OrderMoney;
}

export interface OrderPurchaseUnit {
  amount: OrderMoney & { breakdown: OrderBreakdown };
  items: OrderItem[];
}

export interface OrderBody {
  intent: 'CAPTURE';
  purchase_units: OrderPurchaseUnit[];
  payment_source?: { paypal: { experience_context: { shipping_preference: 'NO_SHIPPING' } } };
}

/** PayPal's limit for item name, sku and description (schema `item`: maxLength 127). */
const MAX_TEXT = 127;

/**
 * Cuts text to at most `max` UTF-16 code units without splitting a surrogate pair.
 *
 * JSON Schema's maxLength counts code points, while PayPal's servers (Java) may count UTF-16 units; a cut
 * that satisfies the stricter count satisfies both. An emoji is either kept whole or dropped whole, so
 * PayPal never receives a lone surrogate (which is not valid Unicode text).
 */
function cut(text: string, max: number = MAX_TEXT): string {
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** The buyer's choices as one line of text: "Size: L, Color: Black" ('' without options). The cart, the
 * order description and the GA4 `item_variant` all describe a line this way. */
export function describeChoices(choices: readonly Choice[]): string {
  return choices.map((choice) => `${choice.name}: ${choice.value}`).join(', ');
}

/**
 * Builds the create-order request body for the given lines.
 *
 * - `intent: "CAPTURE"`, one purchase unit, one item per line.
 * - `amount.breakdown` always has `item_total`; `shipping` whenever a shipping method applies (the cart
 *   ships something and the store has methods), even when it is free ("0.00"), so the buyer sees on PayPal
 *   that shipping was considered; `tax_total` whenever tax is added on top (a rate is set and prices do not
 *   include tax), even when it comes to "0.00". With `tax.included` the prices already hold the tax, so
 *   PayPal gets them as shown and no `tax_total` (SPEC §2).
 * - A cart of only digital goods asks PayPal for no shipping address.
 *
 * `lines` must not be empty: PayPal rejects an order of zero (CANNOT_BE_ZERO_OR_NEGATIVE), so this throws
 * instead of building one.
 */
export function buildOrderBody(lines: readonly CartLine[], config: Config, shippingMethodId: string | null): OrderBody {
  if (lines.length === 0) throw new RangeError('[dropcart] an order needs at least one cart line');
  const currency = config.currency;
  const money = (minor: number): OrderMoney => ({ currency_code: currency, value: toDecimal(minor, currency) });
  const totals = computeTotals(lines, config, shippingMethodId);

  const items = lines.map((line): OrderItem => {
    const item: OrderItem = {
      name: cut(line.name),
      unit_amount: money(line.unitPrice),
      quantity: String(line.quantity),
      category: line.shippable ? 'PHYSICAL_GOODS' : 'DIGITAL_GOODS',
    };
    const sku = cut(line.sku);
    if (sku !== '') item.sku = sku;
    const options = cut(describeChoices(line.choices));
    if (options !== '') item.description = options;
    // No `url` or `image_url`: they are not part of the Orders v2 `item` in PayPal's published schema
    // (v2.13) nor in @paypal/paypal-js's CreateOrderRequestBody type, and PayPal's reference restricts
    // image_url to https .jpg/.png/.gif — a product image that fails that would fail the whole order.
    return item;
  });

  const breakdown: OrderBreakdown = { item_total: money(totals.subtotal) };
  if (totals.shippingMethod !== null) breakdown.shipping = money(totals.shipping);
  if (config.tax.rate !== null && !config.tax.included) breakdown.tax_total = money(totals.tax);

  const body: OrderBody = {
    intent: 'CAPTURE',
    purchase_units: [{ amount: { ...money(totals.total), breakdown }, items }],
  };
  if (!totals.needsShipping) {
    // `payment_source.paypal.experience_context` is where current Orders v2 takes shipping_preference;
    // `application_context.shipping_preference` is marked DEPRECATED in the schema ("The fields in
    // `application_context` are now available in the `experience_context` object under the
    // `payment_source`"). The JS SDK's actions.order.create takes the schema's order_request as it is
    // (@paypal/paypal-js types it as CreateOrderRequestBody) and posts it to /v2/checkout/orders after
    // checking intent and currency and adding an empty `application_context` (paypal-smart-payment-buttons
    // src/props/createOrder.js), so the same body serves client and server mode.
    body.payment_source = { paypal: { experience_context: { shipping_preference: 'NO_SHIPPING' } } };
  }
  return body;
}
