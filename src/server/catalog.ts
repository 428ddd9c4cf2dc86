// The catalog file of server mode (SPEC §7): every product the shop sells and the store settings that price
// an order, so the handler never takes a price, a shipping charge or a tax rate from the buyer's page.
// `npx dropcart catalog` writes it from the site's pages with the widget's own parser; owners may read and
// edit it by hand, so it uses the words and decimal strings of the markup and of `#dropcart-config`:
//
//   { "version": 1,
//     "store": { "currency": "USD", "shipping": { "methods": [{ "id": "standard", "label": "Standard",
//                "amount": "4.95", "freeOver": "50.00" }] }, "tax": { "rate": "8.25" }, "maxQuantity": 99 },
//     "products": [{ "id": "tee", "name": "Black tee", "price": "19.99", "sku": "tee", "shippable": true,
//                    "taxable": true, "maxQuantity": 99,
//                    "options": [{ "name": "Size", "values": [{ "value": "M", "delta": "0.00" },
//                                                             { "value": "XL", "delta": "2.00" }] }] }] }
//
// The store block is read by parseConfig, the browser's own config reader, so a shipping method or a tax
// rate means exactly what it means on the page.

import { isObject, own } from '../checks';
import { parseConfig, type Config } from '../config';
import { MAX_OPTIONS, PRODUCT_ID_MAX } from '../constants';
import type { OptionValue, Product, ProductOption } from '../model';
import { MAX_MINOR, parseMoney, toDecimal, type Rate } from '../money';
import type { Catalog, CatalogOption, CatalogProduct, CatalogStore, CatalogValidation } from './types';

export const CATALOG_VERSION = 1;

/** Same bound as the `maxQuantity` config key and data-product-max-quantity. */
const MAX_QUANTITY_LIMIT = 9999;

/** A valid catalog, ready to price orders: products as the widget's Product, store settings as its Config. */
export interface PricedCatalog {
  /** the file with every default written out */
  readonly file: Catalog;
  readonly config: Config;
  readonly products: ReadonlyMap<string, Product>;
}

type Json = Record<string, unknown>;

/** Any JSON value as it appears in a message (`undefined` too). */
export const quote = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Length in characters (code points), as an owner counts them. */
const lengthOf = (text: string): number => [...text].length;

/** Checks a catalog file; on success returns it with every default written out. */
export function validateCatalog(json: unknown): CatalogValidation {
  const result = readCatalog(json);
  return result.ok ? { ok: true, catalog: result.catalog.file } : result;
}

/** Reads a catalog file into what the handler prices orders with, or lists every problem in it. */
export function readCatalog(json: unknown): { ok: true; catalog: PricedCatalog } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (!isObject(json)) {
    return { ok: false, errors: ['the catalog must be a JSON object { "version": 1, "store": { … }, "products": [ … ] }; build it with `npx dropcart catalog <your site>`.'] };
  }
  for (const key of Object.keys(json)) {
    if (!['version', 'store', 'products'].includes(key)) errors.push(`unknown key ${quote(key)}; the keys are "version", "store" and "products".`);
  }
  if (json.version !== CATALOG_VERSION) {
    errors.push(`"version" is ${quote(json.version)}; this dropcart reads version ${CATALOG_VERSION}. Rebuild the catalog with this version's \`npx dropcart catalog\`.`);
  }

  const config = readStore(json.store, errors);

  const products = new Map<string, Product>();
  if (!Array.isArray(json.products)) {
    errors.push('"products" must be a list [ { "id", "name", "price", … } ].');
  } else if (json.products.length === 0) {
    errors.push('"products" is empty; a shop needs at least one product.');
  } else if (config) {
    json.products.forEach((raw, index) => {
      const product = readProduct(raw, `products[${index}]`, config, errors);
      if (!product) return;
      if (products.has(product.id)) {
        errors.push(`products[${index}]: the id ${quote(product.id)} is used by an earlier product too; each product needs its own id.`);
        return;
      }
      products.set(product.id, product);
    });
  }

  if (errors.length > 0 || !config) return { ok: false, errors };
  const file: Catalog = {
    version: CATALOG_VERSION,
    store: storeOf(config),
    products: [...products.values()].map((product) => productOf(product, config.currency)),
  };
  return { ok: true, catalog: { file, config, products } };
}

/** A store block on its own (the CLI reads one from a products file) → the browser's Config, or its problems. */
export function readStoreSettings(raw: unknown): { ok: true; config: Config } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const config = readStore(raw, errors);
  return config ? { ok: true, config } : { ok: false, errors };
}

/** The store block → the browser's Config, through parseConfig. */
function readStore(raw: unknown, errors: string[]): Config | null {
  if (!isObject(raw)) {
    errors.push('"store" must be an object like { "currency": "USD" }: the settings of #dropcart-config that change prices.');
    return null;
  }
  const before = errors.length;
  for (const key of Object.keys(raw)) {
    if (!['currency', 'shipping', 'tax', 'maxQuantity'].includes(key)) {
      errors.push(`store: unknown key ${quote(key)}; the keys are "currency", "shipping", "tax" and "maxQuantity".`);
    }
  }
  if (typeof raw.currency !== 'string') errors.push('store.currency is missing; write the shop\'s currency, such as "USD".');
  if (errors.length > before) return null;
  const problems: string[] = [];
  const config = parseConfig(raw, problems);
  // parseConfig names keys as the page config does ("config key \"tax.rate\""); here they live under store.
  for (const problem of problems) errors.push(problem.replace(/^config key "([^"]*)"/, 'store.$1'));
  return problems.length === 0 ? config : null;
}

function readProduct(raw: unknown, where: string, config: Config, errors: string[]): Product | null {
  const currency = config.currency;
  if (!isObject(raw)) {
    errors.push(`${where}: expected an object { "id", "name", "price", … }, got ${quote(raw)}.`);
    return null;
  }
  const id = typeof raw.id === 'string' ? raw.id.trim() : '';
  const at = id === '' ? where : `${where} (${quote(id)})`;
  const fail = (message: string): null => {
    errors.push(`${at}: ${message}`);
    return null;
  };
  for (const key of Object.keys(raw)) {
    if (!['id', 'name', 'price', 'sku', 'shippable', 'taxable', 'maxQuantity', 'options'].includes(key)) {
      return fail(`unknown key ${quote(key)}; the keys are "id", "name", "price", "sku", "shippable", "taxable", "maxQuantity" and "options".`);
    }
  }
  if (id === '') return fail('"id" must be a non-empty string, the product\'s data-product-id.');
  if (lengthOf(id) > PRODUCT_ID_MAX) return fail(`"id" is ${lengthOf(id)} characters long; at most ${PRODUCT_ID_MAX}.`);
  if (typeof raw.name !== 'string' || raw.name.trim() === '') return fail('"name" must be a non-empty string.');
  const name = raw.name.replace(/\s+/g, ' ').trim();
  const price = typeof raw.price === 'string' ? parseMoney(raw.price, currency) : null;
  if (price === null || price === 0) {
    return fail(`"price" ${quote(raw.price)} is not a decimal string like "19.99" above 0 and at most ${toDecimal(MAX_MINOR, currency)}, with at most the decimals of ${currency}.`);
  }
  let sku = id;
  if (own(raw, 'sku')) {
    if (typeof raw.sku !== 'string' || raw.sku.trim() === '' || lengthOf(raw.sku.trim()) > PRODUCT_ID_MAX) {
      return fail(`"sku" ${quote(raw.sku)} must be a string of 1 to ${PRODUCT_ID_MAX} characters.`);
    }
    sku = raw.sku.trim();
  }
  const flag = (key: 'shippable' | 'taxable'): boolean | null => {
    if (!own(raw, key)) return true;
    if (typeof raw[key] === 'boolean') return raw[key] as boolean;
    fail(`"${key}" must be true or false, got ${quote(raw[key])}.`);
    return null;
  };
  const shippable = flag('shippable');
  const taxable = flag('taxable');
  if (shippable === null || taxable === null) return null;
  let maxQuantity = config.maxQuantity;
  if (own(raw, 'maxQuantity')) {
    const value = raw.maxQuantity;
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_QUANTITY_LIMIT) {
      return fail(`"maxQuantity" must be a whole number from 1 to ${MAX_QUANTITY_LIMIT}, got ${quote(value)}.`);
    }
    maxQuantity = value as number;
  }

  const options: ProductOption[] = [];
  if (own(raw, 'options')) {
    if (!Array.isArray(raw.options)) return fail('"options" must be a list [ { "name", "values": [ … ] } ].');
    if (raw.options.length > MAX_OPTIONS) return fail(`has ${raw.options.length} options; at most ${MAX_OPTIONS}.`);
    for (const [index, entry] of raw.options.entries()) {
      const option = readOption(entry, currency);
      if (typeof option === 'string') return fail(`options[${index}]: ${option}`);
      const twin = options.find((o) => o.name.toLowerCase() === option.name.toLowerCase());
      if (twin) return fail(`options[${index}]: the name ${quote(option.name)} repeats the option ${quote(twin.name)}.`);
      options.push(option);
    }
  }
  // Every combination of choices must leave a price PayPal accepts (the page parser checks the same).
  const sum = (pick: (values: readonly OptionValue[]) => number): number =>
    options.reduce((total, option) => total + pick(option.values), price);
  if (sum((values) => Math.min(...values.map((v) => v.delta))) <= 0) {
    return fail('the cheapest choice of options takes the price to 0 or below; every choice must leave a price above 0.');
  }
  if (sum((values) => Math.max(...values.map((v) => v.delta))) > MAX_MINOR) {
    return fail(`the dearest choice of options takes the price above ${toDecimal(MAX_MINOR, currency)} ${currency}, the largest amount PayPal accepts.`);
  }

  return Object.freeze({
    id,
    name,
    price,
    description: null,
    image: null,
    url: '',
    sku,
    maxQuantity,
    shippable,
    taxable,
    options: Object.freeze(options),
    hostedButtonId: null,
    buttons: Object.freeze({ add: true, buy: true }),
  });
}

/** One option, or why it is wrong. */
function readOption(raw: unknown, currency: string): ProductOption | string {
  if (!isObject(raw)) return `expected { "name", "values": [ … ] }, got ${quote(raw)}.`;
  for (const key of Object.keys(raw)) {
    if (key !== 'name' && key !== 'values') return `unknown key ${quote(key)}; the keys are "name" and "values".`;
  }
  if (typeof raw.name !== 'string' || raw.name.trim() === '') return '"name" must be a non-empty string, such as "Size".';
  const name = raw.name.replace(/\s+/g, ' ').trim();
  if (!Array.isArray(raw.values) || raw.values.length === 0) return `${quote(name)}: "values" must be a non-empty list [ { "value": "S" }, … ].`;
  const values: OptionValue[] = [];
  for (const [index, entry] of raw.values.entries()) {
    if (!isObject(entry) || typeof entry.value !== 'string' || entry.value.trim() === '') {
      return `${quote(name)}: values[${index}] must be { "value": "S", "delta": "0.00" } with a non-empty value.`;
    }
    for (const key of Object.keys(entry)) {
      if (key !== 'value' && key !== 'delta') return `${quote(name)}: values[${index}] has the unknown key ${quote(key)}; the keys are "value" and "delta".`;
    }
    const value = entry.value.trim();
    if (values.some((v) => v.value === value)) return `${quote(name)}: the value ${quote(value)} is listed twice.`;
    let delta = 0;
    if (own(entry, 'delta')) {
      const match = typeof entry.delta === 'string' ? /^\s*([+-]?)(.*)$/.exec(entry.delta) : null;
      const amount = match ? parseMoney(match[2] as string, currency) : null;
      if (!match || amount === null) {
        return `${quote(name)}: the delta ${quote(entry.delta)} of ${quote(value)} is not a decimal string like "2.00" or "-1.00" (${currency}).`;
      }
      // 0 - amount: "-0" must be 0, not -0.
      delta = match[1] === '-' ? 0 - amount : amount;
    }
    values.push(Object.freeze({ value, delta }));
  }
  return Object.freeze({ name, values: Object.freeze(values) });
}

/** "8.25" from { units: 825, scale: 2 }. */
function rateText(rate: Rate): string {
  if (rate.scale === 0) return String(rate.units);
  const digits = String(rate.units).padStart(rate.scale + 1, '0');
  return `${digits.slice(0, -rate.scale)}.${digits.slice(-rate.scale)}`;
}

/** The price-changing settings of a Config, written as the catalog (and #dropcart-config) writes them. */
export function storeOf(config: Config): CatalogStore {
  const money = (minor: number): string => toDecimal(minor, config.currency);
  return {
    currency: config.currency,
    shipping: {
      methods: config.shipping.methods.map((method) => ({
        id: method.id,
        label: method.label,
        amount: money(method.amount),
        ...(method.freeOver !== null ? { freeOver: money(method.freeOver) } : {}),
      })),
    },
    tax: {
      ...(config.tax.rate !== null ? { rate: rateText(config.tax.rate) } : {}),
      included: config.tax.included,
      shipping: config.tax.shipping,
    },
    maxQuantity: config.maxQuantity,
  };
}

/** A Product as a catalog entry, every field written out. */
export function productOf(product: Product, currency: string): CatalogProduct {
  return {
    id: product.id,
    name: product.name,
    price: toDecimal(product.price, currency),
    sku: product.sku,
    shippable: product.shippable,
    taxable: product.taxable,
    maxQuantity: product.maxQuantity,
    options: product.options.map((option): CatalogOption => ({
      name: option.name,
      values: option.values.map((v) => ({ value: v.value, delta: toDecimal(v.delta, currency) })),
    })),
  };
}
