// Money is integer minor units (cents, yen) everywhere inside dropcart. Decimal strings exist only at
// the edges: the owner's markup and config, the public API and events, and PayPal's order body.
// No float ever holds an amount: parsing and formatting work on the digits as text.

import { own } from '../checks';

/** Currencies PayPal's REST API accepts, with their minor-unit digits as PayPal uses them.
 * https://developer.paypal.com/reference/currency-codes/ — HUF, JPY and TWD take no decimals at PayPal
 * (HUF and TWD have minor units in ISO 4217, but PayPal rejects decimals for them). */
export const CURRENCY_DECIMALS: Readonly<Record<string, number>> = Object.freeze({
  AUD: 2, BRL: 2, CAD: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2, HKD: 2, HUF: 0, ILS: 2, JPY: 0, MYR: 2,
  MXN: 2, TWD: 0, NZD: 2, NOK: 2, PHP: 2, PLN: 2, GBP: 2, SGD: 2, SEK: 2, CHF: 2, THB: 2, USD: 2,
});

export const isSupportedCurrency = (code: string): boolean =>
  own(CURRENCY_DECIMALS, code);

/** Minor-unit digits of a supported currency (2 for anything unknown, so display still works). */
export const decimalsOf = (currency: string): number =>
  isSupportedCurrency(currency) ? (CURRENCY_DECIMALS[currency] as number) : 2;

/** Largest amount dropcart accepts, in minor units: PayPal's amount value allows at most 10 integer
 * digits (pattern ^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$, maxLength 32), and staying far below 2^53 keeps
 * every sum of quantities × prices an exact integer. */
export const MAX_MINOR = 99_999_999_99;

/** Parses an owner's decimal string ("19.99", "1200") into minor units.
 * Returns null for anything that is not plain digits with at most the currency's decimals: commas,
 * exponents, signs, spaces inside, or more decimals than the currency has. Surrounding spaces are allowed. */
export function parseMoney(text: string, currency: string): number | null {
  const decimals = decimalsOf(currency);
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const whole = match[1] as string;
  const fraction = match[2] ?? '';
  if (match[2] !== undefined && fraction.length === 0) return null; // "12." is a typo, not a price
  if (fraction.length > decimals) return null;
  const minor = Number(whole + fraction.padEnd(decimals, '0'));
  return minor <= MAX_MINOR ? minor : null;
}

/** Minor units → PayPal's decimal string: 1999 → "19.99" (USD), 1200 → "1200" (JPY). */
export function toDecimal(minor: number, currency: string): string {
  const decimals = decimalsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Minor units → text for the shopper, in their locale: 1999 → "$19.99", "19,99 €". */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    const decimals = decimalsOf(currency);
    const options: Intl.NumberFormatOptions = {
      style: 'currency',
      currency,
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    };
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      format = new Intl.NumberFormat('en', options); // an unusable locale tag must not hide prices
    }
    formatters.set(key, format);
  }
  // Intl accepts a decimal string and formats it exactly (no float in between) where the browser
  // implements Intl.NumberFormat v3 (all current engines); older ones convert it to a number, which is
  // still exact for amounts of at most 12 digits.
  return format.format(toDecimal(minor, currency) as unknown as number);
}

/** A percentage as an owner writes it ("8.25") → a ratio of two integers, or null when it is not a plain
 * non-negative decimal below 100. Kept as integers so tax is computed exactly. */
export interface Rate {
  /** the percentage × 10^scale, e.g. 825 for "8.25" with scale 2 */
  readonly units: number;
  readonly scale: number;
}

export function parseRate(text: string): Rate | null {
  const match = /^(\d{1,2})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  return { units: Number((match[1] as string) + fraction), scale: fraction.length };
}

/** rate% of an amount in minor units, rounded half-up to a whole minor unit.
 * amount × units / (100 × 10^scale), computed in BigInt so no step rounds. */
export function percentOf(minor: number, rate: Rate): number {
  const numerator = BigInt(minor) * BigInt(rate.units);
  const denominator = 100n * 10n ** BigInt(rate.scale);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}
