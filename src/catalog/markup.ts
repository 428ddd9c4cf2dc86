// Markup dropcart also understands (SPEC §9): schema.org Product microdata and JSON-LD, and Snipcart v3.
// Each is read into the data-product-* attributes it stands for, so parseProduct validates it, and words its
// messages, exactly as for dropcart's own markup; `names` puts the owner's own spelling back into them.

import { isObject } from '../checks';
import type { Config } from '../config';
import { ATTR, HOOK, MAX_OPTIONS, PRODUCT_SELECTOR, SNIPCART, optionNameAttr, optionValuesAttr } from '../constants';
import { describe, quote, warn } from '../log';
import { parseProduct, type ParseResult } from './parse';

type Json = Record<string, unknown>;

export interface Input {
  /** data-product-* name → value, what parseProduct reads */
  readonly attrs: Record<string, string>;
  /** data-product-* name → what the owner's markup calls it, for messages (schema.org and Snipcart markup; a
   * plain product element has none: nothing kept per product for it) */
  readonly names?: Record<string, string>;
  /** why the markup has no usable price (another currency, none at all): the product is skipped */
  problem?: string;
  /** Snipcart only: the element is itself the add button, adding this many (data-item-quantity) */
  quantity?: number;
  /** Snipcart only: preselected option values (data-item-customN-value), by option name */
  choices?: Record<string, string>;
}

export const SCHEMA_SELECTOR = '[itemscope][itemtype*="schema.org/Product"]';
export const JSON_LD_SELECTOR = 'script[type="application/ld+json"]';

/** Every kind of product element the config lets dropcart read. */
export const productSelector = ({ scan }: Config): string =>
  PRODUCT_SELECTOR + (scan.schemaOrg ? `,${SCHEMA_SELECTOR}` : '') + (scan.snipcart ? `,.${SNIPCART.add}` : '');

/** A page hook and, when Snipcart markup is read, its Snipcart class: `[data-cart-count],.snipcart-items-count`. */
export const hookSelector = (config: Config, name: keyof typeof SNIPCART & keyof typeof HOOK): string =>
  `[${HOOK[name]}]` + (config.scan.snipcart ? `,.${SNIPCART[name]}` : '');

const list = (value: unknown): unknown[] => (value == null ? [] : Array.isArray(value) ? value : [value]);
/** "Product", "schema:Product" and "https://schema.org/Product" alike. */
const isType = (item: Json, type: string): boolean => list(item['@type']).some((t) => String(t).replace(/^.*[/:#]/, '') === type);

/** The first value of a property as one line of text ("" when none); an ImageObject gives its url. */
function text(value: unknown): string {
  const first = list(value)[0];
  if (isObject(first)) return text(first.url ?? first.contentUrl ?? first['@value']);
  return typeof first === 'string' || typeof first === 'number' ? String(first).replace(/\s+/g, ' ').trim() : '';
}

/** The data-product-* attributes of a product element (null: not a product), its own attributes winning
 * over what schema.org or Snipcart markup on it says. */
export function inputOf(el: Element, config: Config): Input | null {
  let input: Input = { attrs: {} };
  if (config.scan.snipcart && el.classList.contains(SNIPCART.add)) input = fromSnipcart(el, config.currency);
  else if (config.scan.schemaOrg && el.matches(SCHEMA_SELECTOR)) {
    // A product card with a dropcart or Snipcart product inside is that product's: one set of buttons.
    const item = itemOf(el);
    if (!isType(item, 'Product') || el.querySelector(PRODUCT_SELECTOR + (config.scan.snipcart ? `,.${SNIPCART.add}` : ''))) return null;
    input = fromSchema(item, config.currency, (prop) => `itemprop="${prop}"`);
  } else if (!el.matches(PRODUCT_SELECTOR)) return null;
  for (const name of el.getAttributeNames()) {
    if (!name.startsWith('data-product-')) continue;
    input.attrs[name] = el.getAttribute(name) as string;
    delete input.names?.[name];
    if (name === ATTR.price) delete input.problem;
  }
  return input;
}

/** Parses what a product element (or JSON-LD script) says with the shared parser; the reasons name the
 * owner's own attributes or properties, not the data-product-* ones they stand for. */
export function parseInput(el: Element, input: Input, config: Config): ParseResult {
  const result: ParseResult = input.problem
    ? { ok: false, reason: input.problem }
    : parseProduct(el, config, (name) => input.attrs[name] ?? null);
  return result.ok ? result : { ok: false, reason: result.reason.replace(/data-product-[\w-]+/g, (name) => input.names?.[name] ?? name) };
}

export const JSON_LD_LABEL = '<script type="application/ld+json">';

/** The products of a JSON-LD script that a button can name: those with a sku (the others only describe a
 * product to search engines). Throws a SyntaxError when the script is not JSON. */
export const jsonLdProducts = (script: Element, currency: string): { label: string; input: Input }[] =>
  schemaProducts(JSON.parse(script.textContent ?? ''))
    .map((item) => fromSchema(item, currency, (name) => `"${name}"`))
    .filter((input) => input.attrs[ATTR.sku])
    .map((input) => ({ label: `${JSON_LD_LABEL} Product "${input.attrs[ATTR.sku]}"`, input }));

/** Every product a page describes, read as the widget reads it: for the catalog builder of server mode
 * (src/server/cli.ts), so that page and server cannot drift apart. */
export function documentProducts(doc: ParentNode, config: Config): { label: string; result: ParseResult }[] {
  const found: { label: string; result: ParseResult }[] = [];
  for (const el of doc.querySelectorAll(productSelector(config))) {
    const input = inputOf(el, config);
    if (input) found.push({ label: describe(el), result: parseInput(el, input, config) });
  }
  for (const script of config.scan.schemaOrg ? doc.querySelectorAll(JSON_LD_SELECTOR) : []) {
    try {
      for (const { label, input } of jsonLdProducts(script, config.currency)) found.push({ label, result: parseInput(script, input, config) });
    } catch (cause) {
      found.push({ label: JSON_LD_LABEL, result: { ok: false, reason: `is not valid JSON (${(cause as Error).message})` } });
    }
  }
  return found;
}

/** The schema.org Products of a JSON-LD document: at its top, in arrays, in `@graph`, and as a page's main
 * entity, a list's items or a product group's variants. */
export function schemaProducts(json: unknown): Json[] {
  return list(json)
    .filter(isObject)
    .flatMap((node) => [
      ...(isType(node, 'Product') ? [node] : []),
      ...['@graph', 'mainEntity', 'itemListElement', 'item', 'hasVariant'].flatMap((key) => schemaProducts(node[key])),
    ]);
}

/** A microdata item as the JSON-LD object it means: every property a list of texts or nested items. */
function itemOf(item: Element): Json {
  const result: Json = { '@type': (item.getAttribute('itemtype') ?? '').split(/\s+/) };
  for (const el of item.querySelectorAll('[itemprop]')) {
    if (el.parentElement?.closest('[itemscope]') !== item) continue; // a property of a nested item
    // HTML's property values (meta content, a/link href, img src, data value, time datetime, else the text),
    // read by attribute rather than by tag: the same for valid markup, and `content` works on any element,
    // as search engines allow.
    const value = el.hasAttribute('itemscope')
      ? itemOf(el)
      : ['content', 'href', 'src', 'value', 'datetime'].map((name) => el.getAttribute(name)).find((v) => v !== null) ?? el.textContent;
    for (const name of (el.getAttribute('itemprop') ?? '').trim().split(/\s+/)) ((result[name] ??= []) as unknown[]).push(value);
  }
  return result;
}

/** A schema.org Product (JSON-LD, or microdata read by itemOf) → the data-product-* it stands for. Its
 * price is that of an Offer in the store's currency; an AggregateOffer's lowPrice is the bottom of a range,
 * not what a buyer pays, so it is never used. `prop` spells a property name for messages. */
export function fromSchema(product: Json, currency: string, prop: (name: string) => string): Input {
  const input: Input & { names: Record<string, string> } = { attrs: {}, names: {} };
  const set = (attr: string, name: string, value = text(product[name])): void => {
    input.names[attr] = prop(name);
    if (value) input.attrs[attr] = value;
  };
  set(ATTR.id, text(product.sku) ? 'sku' : 'productID');
  set(ATTR.sku, 'sku');
  set(ATTR.name, 'name');
  set(ATTR.description, 'description');
  set(ATTR.image, 'image');
  set(ATTR.url, 'url');
  const offersOf = (value: unknown): Json[] =>
    list(value).filter(isObject).flatMap((offer) => (isType(offer, 'AggregateOffer') ? offersOf(offer.offers) : [offer]));
  const prices = offersOf(product.offers).map((offer) => {
    const spec = list(offer.priceSpecification).find(isObject) ?? {};
    // No priceCurrency: taken as the store's, as the owner most likely meant.
    return [text(offer.price) || text(spec.price), (text(offer.priceCurrency) || text(spec.priceCurrency) || currency).toUpperCase()];
  }).filter(([price]) => price);
  const mine = prices.find(([, code]) => code === currency);
  if (mine) set(ATTR.price, 'price', mine[0]);
  else {
    input.problem = prices.length
      ? `its offer is in ${prices.map(([, code]) => code).join(', ')}, not in ${currency}, the store's currency; give it an Offer with ${prop('priceCurrency')} ${quote(currency)}`
      : `it has no Offer with ${prop('price')} (an AggregateOffer's lowPrice is not a price); give it an Offer with ${prop('price')} and ${prop('priceCurrency')}`;
  }
  return input;
}

/** A Snipcart v3 product element (.snipcart-add-item) → the data-product-* it stands for. */
function fromSnipcart(el: Element, currency: string): Input {
  const input: Input & { names: Record<string, string> } = { attrs: {}, names: {}, quantity: 1, choices: {} };
  const get = (name: string): string | null => el.getAttribute(`data-item-${name}`);
  const set = (attr: string, name: string, value = get(name)): void => {
    input.names[attr] = `data-item-${name}`;
    if (value !== null) input.attrs[attr] = value;
  };
  // data-item-X means what data-product-X does.
  for (const attr of [ATTR.id, ATTR.name, ATTR.price, ATTR.url, ATTR.description, ATTR.image, ATTR.maxQuantity, ATTR.shippable, ATTR.taxable]) {
    set(attr, attr.slice(13));
  }
  // A price per currency, {"usd": 20, "cad": 25} (Snipcart's multi-currency pricing): the store currency's.
  const price = get('price') ?? '';
  if (price.trim().startsWith('{')) {
    let prices: unknown;
    try {
      prices = JSON.parse(price);
    } catch {
      // reported below, like a missing entry
    }
    const key = isObject(prices) ? Object.keys(prices).find((code) => code.toUpperCase() === currency) : undefined;
    if (key !== undefined) set(ATTR.price, 'price', text((prices as Json)[key]));
    else input.problem = `data-item-price ${quote(price)} has no price in ${currency}, the store's currency; add one, like {"${currency.toLowerCase()}": 19.99}`;
  }
  const quantity = get('quantity');
  if (quantity !== null) {
    if (/^\s*0*[1-9]\d{0,3}\s*$/.test(quantity)) input.quantity = Number(quantity);
    else input.problem = `data-item-quantity ${quote(quantity)} is not a whole number from 1 to 9999, such as "1"`;
  }
  // Custom fields with options become options, in their order; custom1 may be missing, custom3 present.
  const fields = [...new Set(el.getAttributeNames().map((name) => /^data-item-custom(\d+)-(name|options)$/.exec(name)?.[1]))]
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  let n = 0;
  for (const field of fields.map((number) => `custom${number}`)) {
    const options = get(`${field}-options`);
    if (options === null) {
      warn(`${describe(el)}: data-item-${field}-name has no data-item-${field}-options; dropcart only offers choices from a list, so it leaves this field out.`, el);
      continue;
    }
    if (++n > MAX_OPTIONS) {
      input.problem = `it has more than ${MAX_OPTIONS} data-item-customN-options; dropcart supports ${MAX_OPTIONS}`;
      break;
    }
    set(optionNameAttr(n), `${field}-name`);
    set(optionValuesAttr(n), `${field}-options`);
    const value = get(`${field}-value`)?.trim();
    if (value === undefined) continue;
    if (options.split('|').some((option) => option.replace(/\[[^\]]*\]\s*$/, '').trim() === value)) {
      (input.choices as Record<string, string>)[(get(`${field}-name`) ?? '').replace(/\s+/g, ' ').trim()] = value;
    } else {
      warn(`${describe(el)}: data-item-${field}-value ${quote(value)} is not one of data-item-${field}-options (without [+x]), so the first is preselected.`, el);
    }
  }
  input.attrs[ATTR.buttons] = 'none'; // the element is the add button; options get selectors beside it
  return input;
}
