// GA4 ecommerce events on window.dataLayer (SPEC §8 "Analytics"), for Google Tag Manager and gtag.js:
// add_to_cart, remove_from_cart, view_cart, begin_checkout, purchase.
// https://developers.google.com/analytics/devguides/collection/ga4/ecommerce
//
// GA4 wants `value` and `price` as numbers. They are made from dropcart's exact decimal strings at this
// edge only — Number("19.99") — never computed in floating point: sums and products are done in minor
// units first.

import type { Config } from '../config';
import { parseMoney, toDecimal } from '../money';
import type { Line, Totals } from '../types';
import { on } from './index';

interface Ga4Item {
  item_id: string;
  item_name: string;
  item_variant?: string;
  price: number;
  quantity: number;
}

type DataLayerWindow = Window & {
  dataLayer?: unknown[];
  gtag?: (...args: unknown[]) => void;
  google_tag_manager?: Record<string, unknown>;
};

/** Starts pushing; returns a function that stops. */
export function connectAnalytics(config: Config, current: () => { items: Line[]; totals: Totals }): () => void {
  const { currency } = config;
  const amount = (decimal: string): number => Number(decimal);
  const minor = (decimal: string): number => parseMoney(decimal, currency) ?? 0;
  const item = (line: Line, quantity = line.quantity): Ga4Item => {
    const result: Ga4Item = { item_id: line.productId, item_name: line.name, price: amount(line.price), quantity };
    const variant = Object.keys(line.options).map((name) => `${name}: ${line.options[name]}`).join(', ');
    if (variant) result.item_variant = variant;
    return result;
  };
  const valueOf = (lines: readonly { line: Line; quantity: number }[]): number =>
    amount(toDecimal(lines.reduce((sum, { line, quantity }) => sum + minor(line.price) * quantity, 0), currency));

  /** Pushes when the config asks for it, or ("auto") when the page has a dataLayer at that moment — so
   * GTM or gtag.js loaded after dropcart still gets every later event. */
  const push = (event: string, ecommerce: Record<string, unknown>): void => {
    const page = window as DataLayerWindow;
    const wanted = config.analytics.dataLayer;
    if (wanted === false || (wanted === 'auto' && !Array.isArray(page.dataLayer))) return;
    // gtag.js without Google Tag Manager ignores plain { event } objects on the dataLayer: it hears only
    // gtag('event', …). With a GTM container on the page (a "GTM-" key) the GTM shape below is what its
    // triggers read, so gtag is left alone there and nothing is counted twice.
    const gtm = Object.keys(page.google_tag_manager ?? {}).some((key) => key.startsWith('GTM-'));
    if (typeof page.gtag === 'function' && !gtm) return page.gtag('event', event, { currency, ...ecommerce });
    const layer = (page.dataLayer ??= []);
    // Google: clear the previous ecommerce object first, so its fields do not leak into this event.
    layer.push({ ecommerce: null });
    layer.push({ event, ecommerce: { currency, ...ecommerce } });
  };

  const off = [
  on('add', ({ line, quantity }) => push('add_to_cart', { value: valueOf([{ line, quantity }]), items: [item(line, quantity)] })),
  on('remove', ({ line }) => push('remove_from_cart', { value: valueOf([{ line, quantity: line.quantity }]), items: [item(line)] })),
  on('open', () => {
    const { items, totals } = current();
    push('view_cart', { value: amount(totals.subtotal), items: items.map((line) => item(line)) });
  }),
  on('checkout', ({ items, totals }) => push('begin_checkout', { value: amount(totals.total), items: items.map((line) => item(line)) })),
  on('approve', ({ orderId, items, totals }) =>
    push('purchase', {
      transaction_id: orderId,
      value: amount(totals.total),
      tax: amount(totals.tax),
      shipping: amount(totals.shipping),
      items: items.map((line) => item(line)),
    }),
  ),
  ];
  return () => off.forEach((stop) => stop());
}
