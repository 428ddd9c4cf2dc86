import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENCY_DECIMALS,
  MAX_MINOR,
  formatMoney,
  parseMoney,
  parseRate,
  percentOf,
  toDecimal,
  type Rate,
} from '../../src/money';

const currencies = Object.keys(CURRENCY_DECIMALS);
const zeroDecimalCurrencies = currencies.filter((code) => CURRENCY_DECIMALS[code] === 0);
const twoDecimalCurrencies = currencies.filter((code) => CURRENCY_DECIMALS[code] === 2);

const currency = fc.constantFrom(...currencies);
const minorUnits = fc.integer({ min: 0, max: MAX_MINOR });

/** A price as an owner writes it: digits, then optionally '.' and 1…decimals digits, within MAX_MINOR. */
const priceText = (code: string): fc.Arbitrary<string> => {
  const decimals = CURRENCY_DECIMALS[code] as number;
  const maxWhole = Math.floor(MAX_MINOR / 10 ** decimals) - 1;
  const whole = fc.integer({ min: 0, max: maxWhole }).map(String);
  if (decimals === 0) return whole;
  const fraction = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: decimals });
  return fc.tuple(whole, fc.option(fraction, { nil: undefined })).map(([w, f]) => (f === undefined ? w : `${w}.${f}`));
};

/** Adds two decimal strings digit by digit, the way it is done on paper: no number type involved. */
function addDecimalStrings(a: string, b: string): string {
  const [aWhole = '', aFraction = ''] = a.split('.');
  const [bWhole = '', bFraction = ''] = b.split('.');
  const fractionLength = Math.max(aFraction.length, bFraction.length);
  const wholeLength = Math.max(aWhole.length, bWhole.length);
  const x = aWhole.padStart(wholeLength, '0') + aFraction.padEnd(fractionLength, '0');
  const y = bWhole.padStart(wholeLength, '0') + bFraction.padEnd(fractionLength, '0');
  let carry = 0;
  let digits = '';
  for (let i = x.length - 1; i >= 0; i--) {
    const sum = Number(x[i]) + Number(y[i]) + carry;
    digits = String(sum % 10) + digits;
    carry = sum >= 10 ? 1 : 0;
  }
  if (carry) digits = '1' + digits;
  if (fractionLength === 0) return digits;
  return `${digits.slice(0, -fractionLength)}.${digits.slice(-fractionLength)}`;
}

/** rate% of an amount, half-up, by quotient and remainder: a second way to the same answer. */
function percentReference(minor: number, rate: Rate): number {
  const numerator = BigInt(minor) * BigInt(rate.units);
  const denominator = 100n * 10n ** BigInt(rate.scale);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return Number(remainder * 2n >= denominator ? quotient + 1n : quotient);
}

describe('parseMoney and toDecimal', () => {
  it('reads back every amount it writes, in every supported currency', () => {
    fc.assert(
      fc.property(currency, minorUnits, (code, minor) => {
        expect(parseMoney(toDecimal(minor, code), code)).toBe(minor);
      }),
    );
  });

  it('writes every accepted price back as the same amount, in every supported currency', () => {
    fc.assert(
      fc.property(
        currency.chain((code) => fc.tuple(fc.constant(code), priceText(code))),
        ([code, text]) => {
          const minor = parseMoney(text, code);
          expect(minor).not.toBeNull();
          const decimals = CURRENCY_DECIMALS[code] as number;
          const [whole = '', fraction = ''] = text.split('.');
          const expected = decimals === 0
            ? String(Number(whole))
            : `${String(Number(whole))}.${fraction.padEnd(decimals, '0')}`;
          expect(toDecimal(minor as number, code)).toBe(expected);
        },
      ),
    );
  });

  it('writes amounts with exactly the currency’s decimals', () => {
    expect(toDecimal(1999, 'USD')).toBe('19.99');
    expect(toDecimal(5, 'EUR')).toBe('0.05');
    expect(toDecimal(0, 'GBP')).toBe('0.00');
    expect(toDecimal(1200, 'JPY')).toBe('1200');
    expect(toDecimal(0, 'HUF')).toBe('0');
  });

  it('writes a negative amount with a leading minus', () => {
    expect(toDecimal(-105, 'USD')).toBe('-1.05');
    expect(toDecimal(-5, 'USD')).toBe('-0.05');
    expect(toDecimal(-300, 'TWD')).toBe('-300');
  });

  it('reads prices with fewer decimals than the currency has', () => {
    expect(parseMoney('19.9', 'USD')).toBe(1990);
    expect(parseMoney('19', 'USD')).toBe(1900);
    expect(parseMoney('1200', 'JPY')).toBe(1200);
  });

  it('ignores spaces around a price', () => {
    expect(parseMoney('  19.99\n', 'USD')).toBe(1999);
  });

  it('reads leading zeros as the same price', () => {
    expect(parseMoney('007.50', 'USD')).toBe(750);
  });

  it('reads zero as zero (whether zero is allowed is the caller’s decision)', () => {
    expect(parseMoney('0', 'USD')).toBe(0);
    expect(parseMoney('0.00', 'EUR')).toBe(0);
  });

  it.each([
    ['a comma as decimal separator', '1,99'],
    ['a thousands separator', '1,000.00'],
    ['an exponent', '1e3'],
    ['a plus sign', '+1'],
    ['a minus sign', '-1'],
    ['a trailing dot', '1.'],
    ['no digit before the dot', '.5'],
    ['two dots', '1.2.3'],
    ['a space inside', '1 000'],
    ['an empty string', ''],
    ['only spaces', '   '],
    ['a currency symbol', '$19.99'],
    ['a currency code', '19.99 USD'],
    ['hexadecimal', '0x10'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['full-width digits', '１９'],
    ['Arabic-Indic digits', '١٩'],
  ])('rejects %s (%j)', (_reason, text) => {
    expect(parseMoney(text, 'USD')).toBeNull();
  });

  it.each(zeroDecimalCurrencies)('rejects decimals in %s, which has none', (code) => {
    expect(parseMoney('12.5', code)).toBeNull();
    expect(parseMoney('12.0', code)).toBeNull();
  });

  it.each(twoDecimalCurrencies)('rejects a third decimal in %s', (code) => {
    expect(parseMoney('1.999', code)).toBeNull();
    expect(parseMoney('1.990', code)).toBeNull();
  });

  it('accepts the largest amount and rejects one minor unit more', () => {
    expect(parseMoney('99999999.99', 'USD')).toBe(MAX_MINOR);
    expect(parseMoney('100000000.00', 'USD')).toBeNull();
    expect(parseMoney('9999999999', 'JPY')).toBe(MAX_MINOR);
    expect(parseMoney('10000000000', 'JPY')).toBeNull();
  });

  it('rejects more digits than any amount can have', () => {
    expect(parseMoney('1234567890123', 'JPY')).toBeNull();
    expect(parseMoney('0000000000001', 'USD')).toBeNull();
  });

  it('keeps MAX_MINOR small enough that a line of 9999 items is an exact integer', () => {
    expect(Number.isSafeInteger(MAX_MINOR * 9999)).toBe(true);
  });

  it('adds parsed prices exactly: the sum equals the parsed sum of the decimal strings', () => {
    fc.assert(
      fc.property(
        currency.chain((code) => fc.tuple(fc.constant(code), priceText(code), priceText(code))),
        ([code, a, b]) => {
          const sum = addDecimalStrings(a, b);
          const expected = parseMoney(sum, code);
          fc.pre(expected !== null); // the sum may pass MAX_MINOR
          expect((parseMoney(a, code) as number) + (parseMoney(b, code) as number)).toBe(expected);
        },
      ),
    );
  });

  it('adds prices that floats get wrong exactly', () => {
    expect((parseMoney('0.1', 'USD') as number) + (parseMoney('0.2', 'USD') as number)).toBe(parseMoney('0.3', 'USD'));
  });
});

describe('formatMoney', () => {
  it('formats US dollars for en-US', () => {
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
  });

  it('formats euros for de-DE with a non-breaking space before the sign', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
  });

  it('formats yen for ja-JP without decimals', () => {
    expect(formatMoney(1200, 'JPY', 'ja-JP')).toBe('\uffe51,200');
  });

  it('formats pounds for en-GB', () => {
    expect(formatMoney(1999, 'GBP', 'en-GB')).toBe('£19.99');
  });

  it('shows the trailing zero of a round amount', () => {
    expect(formatMoney(1990, 'USD', 'en-US')).toBe('$19.90');
  });

  it('formats the largest amount to the last cent', () => {
    expect(formatMoney(MAX_MINOR, 'USD', 'en-US')).toBe('$99,999,999.99');
  });

  it('falls back to English for an unusable locale tag instead of throwing', () => {
    expect(formatMoney(1999, 'USD', 'not a locale!')).toBe('$19.99');
  });

  it('formats the same currency differently per locale', () => {
    expect(formatMoney(1999, 'EUR', 'en-US')).toBe('€19.99');
    expect(formatMoney(1999, 'EUR', 'de-DE')).toBe('19,99\u00a0€');
  });
});

describe('parseRate', () => {
  it.each([
    ['8.25', { units: 825, scale: 2 }],
    ['20', { units: 20, scale: 0 }],
    ['0', { units: 0, scale: 0 }],
    ['7.5', { units: 75, scale: 1 }],
    [' 19 ', { units: 19, scale: 0 }],
    ['99.999999', { units: 99999999, scale: 6 }],
    ['0.000001', { units: 1, scale: 6 }],
  ])('reads %j as a ratio of integers', (text, rate) => {
    expect(parseRate(text)).toEqual(rate);
  });

  it.each([
    ['100', 'is not below 100'],
    ['150', 'is not below 100'],
    ['8.1234567', 'has more than 6 decimals'],
    ['-5', 'is negative'],
    ['+5', 'has a sign'],
    ['8,25', 'uses a comma'],
    ['8.25%', 'has a percent sign'],
    ['.5', 'has no digit before the dot'],
    ['5.', 'has a trailing dot'],
    ['1e1', 'is an exponent'],
    ['', 'is empty'],
  ])('rejects %j, which %s', (text) => {
    expect(parseRate(text)).toBeNull();
  });
});

describe('percentOf', () => {
  const rate = (text: string): Rate => parseRate(text) as Rate;

  it('rounds half a minor unit up: 8.25% of 10.00 is 0.83', () => {
    expect(percentOf(1000, rate('8.25'))).toBe(83);
  });

  it('rounds less than half a minor unit down', () => {
    expect(percentOf(999, rate('8.25'))).toBe(82); // 82.4175
  });

  it('rounds more than half a minor unit up', () => {
    expect(percentOf(1001, rate('8.25'))).toBe(83); // 82.5825
  });

  it('rounds exactly half of the smallest unit up', () => {
    expect(percentOf(5, rate('10'))).toBe(1);
    expect(percentOf(4, rate('10'))).toBe(0);
  });

  it('is zero at a zero rate', () => {
    expect(percentOf(123456, rate('0'))).toBe(0);
  });

  it('is exact for the largest amount at the finest rate', () => {
    // 9999999999 × 99.999999% = 9999999899.00000001 → 9999999899
    expect(percentOf(MAX_MINOR, rate('99.999999'))).toBe(9999999899);
  });

  it('equals a quotient-and-remainder reference for every amount and rate', () => {
    const rateText = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 6 }), { nil: undefined }))
      .map(([whole, fraction]) => (fraction === undefined ? String(whole) : `${whole}.${fraction}`));
    fc.assert(
      fc.property(minorUnits, rateText, (minor, text) => {
        const parsed = rate(text);
        expect(parsed).not.toBeNull();
        expect(percentOf(minor, parsed)).toBe(percentReference(minor, parsed));
      }),
    );
  });
});
