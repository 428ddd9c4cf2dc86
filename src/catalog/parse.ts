// data-product-* markup (SPEC §3) → a validated Product. Pure DOM reading: nothing here changes the page,
// and nothing logs except the dropped-image warning (the product still works without its image). Every
// other problem rejects the product with a reason that names the attribute, quotes its value and says how
// to fix it; the scanner prefixes the element and reports it, and the element gets no buttons.
// The server-mode catalog builder runs this same parser, so page and server cannot price differently.

import type { Config } from '../config';
import { ATTR, MAX_OPTIONS, PRODUCT_ID_MAX, PRODUCT_SELECTOR, optionNameAttr, optionValuesAttr } from '../constants';
import { describe, quote, warn } from '../log';
import type { Choice, OptionValue, Product, ProductOption } from '../model';
import { MAX_MINOR, decimalsOf, parseMoney, toDecimal } from '../money';
import { safeUrl } from '../url';

export type ParseResult = { ok: true; product: Product } | { ok: false; reason: string };

/** Same bound as the `maxQuantity` config key, so a product cannot allow what the store could not. */
const MAX_QUANTITY_LIMIT = 9999;

/** Length in characters (code points), as an owner counts them, not UTF-16 units. */
const lengthOf = (text: string): number => [...text].length;

/** Reads the data-product-* attributes of one product element (SPEC §3) into a validated Product. `attr`
 * reads them; markup of another kind (SPEC §9, ./markup.ts) passes what it stands for instead. */
export function parseProduct(
  el: Element,
  config: Config,
  attr: (name: string) => string | null = (name) => el.getAttribute(name),
): ParseResult {
  const reject = (reason: string): ParseResult => ({ ok: false, reason });
  const currency = config.currency;

  const id = (attr(ATTR.id) ?? '').trim();
  if (id === '') return reject(`${ATTR.id} is empty; give the product an id such as "black-tee".`);
  if (lengthOf(id) > PRODUCT_ID_MAX) {
    return reject(`${ATTR.id} is ${lengthOf(id)} characters long; shorten it to at most ${PRODUCT_ID_MAX}.`);
  }

  // Attribute values often span lines in hand-formatted HTML; the shopper should see one line of text.
  const name = (attr(ATTR.name) ?? '').replace(/\s+/g, ' ').trim();
  if (name === '') return reject(`${ATTR.name} is empty; write the name shoppers should see, such as "Black tee".`);

  const priceText = attr(ATTR.price) ?? '';
  const price = parseMoney(priceText, currency);
  if (price === null) {
    const trimmed = priceText.trim();
    if (trimmed.startsWith('-')) {
      const positive = suggestAmount(trimmed.slice(1), currency);
      return reject(`${ATTR.price} ${quote(priceText)} is negative; a price must be more than 0${positive ? ` (write ${quote(positive)})` : ''}.`);
    }
    return reject(moneyProblem(trimmed === '' ? ATTR.price : `${ATTR.price} ${quote(priceText)}`, priceText, currency));
  }
  if (price === 0) return reject(`${ATTR.price} ${quote(priceText)} is 0; a price must be more than 0, such as ${quote(example(currency))}.`);

  const description = (attr(ATTR.description) ?? '').trim() || null;

  const base = el.ownerDocument.baseURI;
  let image: string | null = null;
  const imageText = attr(ATTR.image);
  if (imageText !== null && imageText.trim() !== '') {
    image = safeUrl(imageText, base);
    if (image === null) {
      warn(`${describe(el)}: ${ATTR.image} ${quote(imageText)} is not an http(s) or relative URL, so the product is shown without its image. Use a link like "images/tee.jpg" or "https://…".`, el);
    }
  }

  let url: string;
  const urlText = attr(ATTR.url);
  if (urlText !== null && urlText.trim() !== '') {
    const safe = safeUrl(urlText, base);
    // A link the cart shows to shoppers must not be javascript: or data:; rejecting (rather than silently
    // using the page URL) lets the owner see the mistake.
    if (safe === null) return reject(`${ATTR.url} ${quote(urlText)} is not an http(s) or relative URL; use a link like "/shop/tee.html", or leave it out to use this page.`);
    url = safe;
  } else {
    url = withoutHash(el.ownerDocument.URL);
  }

  const sku = (attr(ATTR.sku) ?? '').trim() || id;
  if (lengthOf(sku) > PRODUCT_ID_MAX) {
    return reject(`${ATTR.sku} is ${lengthOf(sku)} characters long; PayPal accepts at most ${PRODUCT_ID_MAX}, so shorten it.`);
  }

  let maxQuantity = config.maxQuantity;
  const maxText = attr(ATTR.maxQuantity);
  if (maxText !== null) {
    const trimmed = maxText.trim();
    const value = /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : NaN;
    if (!(value >= 1 && value <= MAX_QUANTITY_LIMIT)) {
      return reject(`${ATTR.maxQuantity} ${quote(maxText)} is not a whole number from 1 to ${MAX_QUANTITY_LIMIT}; write one like "10", or leave it out for the store's limit of ${config.maxQuantity}.`);
    }
    maxQuantity = value;
  }

  // Only an explicit "false" turns these off: a typo must not silently skip shipping or tax.
  const isFalse = (value: string | null): boolean => value !== null && value.trim().toLowerCase() === 'false';
  const shippable = !isFalse(attr(ATTR.shippable));
  const taxable = !isFalse(attr(ATTR.taxable));

  const options: ProductOption[] = [];
  for (let n = 1; n <= MAX_OPTIONS; n++) {
    const nameAttr = optionNameAttr(n);
    const valuesAttr = optionValuesAttr(n);
    const optionName = (attr(nameAttr) ?? '').replace(/\s+/g, ' ').trim();
    const valuesText = attr(valuesAttr);
    const hasValues = valuesText !== null && valuesText.trim() !== '';
    if (optionName === '' && !hasValues) continue;
    if (optionName === '') return reject(`${valuesAttr} is set but ${nameAttr} is missing; name the option, such as ${nameAttr}="Size".`);
    if (!hasValues) return reject(`${nameAttr} ${quote(optionName)} has no values; list them in ${valuesAttr}, such as "S|M|L".`);
    // Names are compared without case: "Color" and "color" would show the shopper two identical selectors.
    const twin = options.find((o) => o.name.toLowerCase() === optionName.toLowerCase());
    if (twin) return reject(`${nameAttr} ${quote(optionName)} repeats the option ${quote(twin.name)}; give each option its own name, or merge their values.`);
    const parsed = parseOptionValues(valuesText, currency);
    if (!parsed.ok) return reject(`${valuesAttr} ${quote(valuesText)}: ${parsed.reason}`);
    options.push(Object.freeze({ name: optionName, values: Object.freeze(parsed.values) }));
  }

  // Every combination of choices must still be a price PayPal accepts: check the cheapest and dearest.
  if (options.length > 0) {
    const pick = (better: (a: number, b: number) => boolean): OptionValue[] =>
      options.map((o) => o.values.reduce((best, v) => (better(v.delta, best.delta) ? v : best)));
    const describeChoice = (values: OptionValue[]): string =>
      values.map((v, i) => (v.delta === 0 ? null : `${quote(v.value)} (${(options[i] as ProductOption).name})`)).filter(Boolean).join(' with ');
    const cheapest = pick((a, b) => a < b);
    const lowest = cheapest.reduce((sum, v) => sum + v.delta, price);
    if (lowest <= 0) {
      return reject(`the price change of ${describeChoice(cheapest)} takes the price of ${toDecimal(price, currency)} down to ${toDecimal(lowest, currency)} ${currency}; every choice must leave a price above 0, so make the reduction smaller.`);
    }
    const dearest = pick((a, b) => a > b);
    const highest = dearest.reduce((sum, v) => sum + v.delta, price);
    if (highest > MAX_MINOR) {
      return reject(`the price change of ${describeChoice(dearest)} takes the price above ${toDecimal(MAX_MINOR, currency)} ${currency}, the largest amount PayPal accepts; make it smaller.`);
    }
  }

  let hostedButtonId: string | null = null;
  const hostedText = attr(ATTR.hostedButtonId);
  if (hostedText !== null && hostedText.trim() !== '') {
    const trimmed = hostedText.trim();
    // It goes into PayPal's HostedButtons call; PayPal's ids are letters and digits only.
    if (!/^[A-Za-z0-9]{1,127}$/.test(trimmed)) {
      return reject(`${ATTR.hostedButtonId} ${quote(hostedText)} is not a PayPal Hosted Button id (letters and digits only, such as "ABCD1234EFGH5"); copy it from the button's code at PayPal.`);
    }
    hostedButtonId = trimmed;
  }

  // the config's own (frozen) object unless the element says otherwise: nothing kept per product for most
  let buttons: Product['buttons'] = config.buttons;
  const buttonsText = attr(ATTR.buttons);
  if (buttonsText !== null) {
    const words = buttonsText.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const allowed = words.length > 0 && (words.every((w) => w === 'add' || w === 'buy') || (words.length === 1 && words[0] === 'none'));
    if (!allowed) {
      return reject(`${ATTR.buttons} ${quote(buttonsText)} is not one of "add buy", "add", "buy" or "none".`);
    }
    buttons = { add: words.includes('add'), buy: words.includes('buy') };
  }

  return {
    ok: true,
    product: Object.freeze({
      id,
      name,
      price,
      description,
      image,
      url,
      sku,
      maxQuantity,
      shippable,
      taxable,
      options: Object.freeze(options),
      hostedButtonId,
      buttons: Object.freeze(buttons),
    }),
  };
}

/** Parses "S|M|L[+2.00]|XS[-1.00]" for the store currency; null + reason on bad syntax. */
export function parseOptionValues(
  text: string,
  currency: string,
): { ok: true; values: OptionValue[] } | { ok: false; reason: string } {
  const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
  const values: OptionValue[] = [];
  const parts = text.split('|');
  for (const [index, part] of parts.entries()) {
    const entry = part.trim();
    if (entry === '') {
      const where = index === 0 ? 'at the start' : index === parts.length - 1 ? 'at the end' : `after ${quote((values[index - 1] as OptionValue).value)}`;
      return fail(`value ${index + 1} is empty (a stray "|" ${where}); remove it, or write the values like "S|M|L".`);
    }
    let value = entry;
    let delta = 0;
    if (/[[\]]/.test(entry)) {
      const match = /^([^[\]]*)\[([^[\]]*)\]$/.exec(entry);
      if (!match) {
        return fail(`value ${index + 1}, ${quote(entry)}, has square brackets that are not a price change at its end; write a price change like "L[+2.00]", and no other brackets.`);
      }
      value = (match[1] as string).trim();
      const change = (match[2] as string).trim();
      if (value === '') return fail(`${quote(entry)} has a price change but no value; write the value before it, like "L${entry}".`);
      const sign = change[0];
      if (sign !== '+' && sign !== '-') {
        return fail(`the price change of ${quote(value)} needs a sign: write "${value}[+${change}]" to add or "${value}[-${change}]" to subtract.`);
      }
      const amountText = change.slice(1);
      const amount = parseMoney(amountText, currency);
      if (amount === null) {
        return fail(moneyProblem(`the price change ${quote(change)} of ${quote(value)}`, amountText, currency, sign));
      }
      // 0 - amount, not -amount: "[-0]" must be 0, not -0, so it compares and serialises as 0.
      delta = sign === '-' ? 0 - amount : amount;
    }
    if (values.some((v) => v.value === value)) {
      return fail(`${quote(value)} is listed twice; list each value once.`);
    }
    values.push(Object.freeze({ value, delta }));
  }
  return { ok: true, values };
}

/** The buyer's current choices for a product element: for each product option, the value of an owner's
 *  select[data-product-option="Name"] or checked radio input[data-product-option="Name"] inside `el`, if any; for
 *  options without an owner control, the value from `ownChoices` (dropcart's own selectors) or the first value.
 *  Returns null + reason when an owner control holds a value that is not one of the option's values. */
export function readChoices(
  el: Element,
  product: Product,
  ownChoices?: ReadonlyMap<string, string>,
): { ok: true; choices: Choice[] } | { ok: false; reason: string; unchosen?: HTMLSelectElement } {
  const controls = ownerControls(el);
  const choices: Choice[] = [];
  for (const option of product.options) {
    const first = (option.values[0] as OptionValue).value;
    const mine = controls.filter((c) => c.getAttribute(ATTR.option) === option.name);
    if (mine.length === 0) {
      const own = ownChoices?.get(option.name);
      // A remembered choice that the product no longer offers (the page changed) falls back to the default.
      const value = own !== undefined && option.values.some((v) => v.value === own) ? own : first;
      choices.push({ name: option.name, value });
      continue;
    }
    const select = mine.find((c): c is HTMLSelectElement => c.tagName === 'SELECT');
    const checked = mine.find((c) => c.tagName === 'INPUT' && (c as HTMLInputElement).checked) as HTMLInputElement | undefined;
    const control = select ?? checked;
    // Radios with none checked yet: the first value is the default choice (SPEC §3).
    if (!control) {
      choices.push({ name: option.name, value: first });
      continue;
    }
    const value = control.value.trim();
    // A placeholder such as <option value="">Choose a size</option>: the buyer has yet to choose, which is
    // no mistake of the owner's.
    if (value === '' && control.tagName === 'SELECT') return { ok: false, reason: option.name, unchosen: control as HTMLSelectElement };
    if (!option.values.some((v) => v.value === value)) {
      const tag = control.tagName === 'SELECT' ? `<select ${ATTR.option}="${option.name}">` : `<input type="radio" ${ATTR.option}="${option.name}">`;
      const list = option.values.map((v) => quote(v.value)).join(', ');
      return {
        ok: false,
        reason: `the ${tag} holds ${quote(value)}, which is not a value of the option ${quote(option.name)} (${list}); give it one of those values, without any [+x] price change.`,
      };
    }
    choices.push({ name: option.name, value });
  }
  return { ok: true, choices };
}

const NO_OPTIONS: ReadonlySet<string> = new Set();

/** Names of the product's options that have an owner control inside el (so dropcart renders selectors only for the rest). */
export function ownerControlledOptions(el: Element, product: Product): ReadonlySet<string> {
  if (product.options.length === 0) return NO_OPTIONS; // most products: no look-up, nothing kept per product
  const names = new Set(ownerControls(el).map((c) => c.getAttribute(ATTR.option)));
  return new Set(product.options.map((o) => o.name).filter((name) => names.has(name)));
}

/** The owner's selects and radio inputs that belong to this product: not those of another product element
 * nested inside it. Matched by comparing attributes, not by a selector built from the option name, so names
 * with quotes or brackets need no escaping. */
function ownerControls(el: Element): Element[] {
  const found = el.querySelectorAll(`select[${ATTR.option}], input[${ATTR.option}]`);
  return Array.from(found).filter((control) => {
    if (control.tagName === 'INPUT' && (control as HTMLInputElement).type !== 'radio') return false;
    const product = control.closest(PRODUCT_SELECTOR);
    return product === null || product === el || !el.contains(product);
  });
}

function withoutHash(href: string): string {
  const hash = href.indexOf('#');
  return hash === -1 ? href : href.slice(0, hash);
}

/** A plausible price in the currency, for messages: "19.99" or "1200". */
const example = (currency: string): string => (decimalsOf(currency) === 0 ? '1200' : toDecimal(1999, currency));

/** Why an amount parseMoney refused is wrong, and how to write it: `subject` names it ("data-product-price
 * "1,99""); `sign` is put back in front of a suggestion for a price change. */
function moneyProblem(subject: string, text: string, currency: string, sign = ''): string {
  const trimmed = text.trim();
  const decimals = decimalsOf(currency);
  if (trimmed === '') return `${subject} is empty; write an amount like ${quote(sign + example(currency))}.`;
  if (/\d[eE][+-]?\d/.test(trimmed)) return `${subject} uses exponent notation; write the digits out, like ${quote(sign + example(currency))}.`;
  const suggestion = suggestAmount(trimmed, currency);
  const fix = suggestion ? `write ${quote(sign + suggestion)}` : `write it like ${quote(sign + example(currency))}`;
  const plain = /^(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (plain) {
    if ((plain[2] ?? '').length > decimals) {
      const allowed = decimals === 0 ? `${currency} has no decimals` : `${currency} has at most ${decimals} decimals`;
      return `${subject} has too many decimals: ${allowed} (${fix}).`;
    }
    return `${subject} is more than ${toDecimal(MAX_MINOR, currency)} ${currency}, the largest amount PayPal accepts.`;
  }
  const format = decimals === 0
    ? `a whole number for ${currency} (no decimals, no separators)`
    : `a decimal number with a "." separator and at most ${decimals} decimals for ${currency}`;
  return `${subject} is not ${format} (${fix}).`;
}

/** Best guess at what the owner meant, as a valid amount, or null: "1,99" → "1.99", "1.299,00" → "1299.00",
 * "$19.99" → "19.99", "1.999" in USD → "2.00" (rounded half-up). Only ever shown in a message. */
function suggestAmount(text: string, currency: string): string | null {
  // Only spaces, currency signs and an ISO code are taken away: guessing a number out of other text
  // ("}Ow4" → "4") would mislead more than help.
  let digits = text.replace(/[\s\p{Sc}]+/gu, '').replace(/^[A-Za-z]{3}(?=[\d.,])|(?<=[\d.,])[A-Za-z]{3}$/, '');
  if (!/\d/.test(digits) || /[^\d.,]/.test(digits)) return null;
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) {
    // Both used: the later one is the decimal separator, the other groups thousands.
    const decimalMark = lastDot > lastComma ? '.' : ',';
    const group = decimalMark === '.' ? ',' : '.';
    digits = digits.split(group).join('').replace(',', '.');
  } else if (lastComma !== -1) {
    digits = /^\d{1,3}(,\d{3})+$/.test(digits) ? digits.split(',').join('') : digits.replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3}){2,}$/.test(digits)) {
    digits = digits.split('.').join('');
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(digits);
  if (!match) return null;
  const decimals = decimalsOf(currency);
  const whole = match[1] || '0';
  const fraction = match[2] ?? '';
  if (whole.length > 12) return null;
  let minor = BigInt(whole + fraction.slice(0, decimals).padEnd(decimals, '0'));
  if ((fraction[decimals] ?? '0') >= '5') minor += 1n;
  if (minor <= 0n || minor > BigInt(MAX_MINOR)) return null;
  const result = toDecimal(Number(minor), currency);
  return result === text.trim() ? null : result;
}
