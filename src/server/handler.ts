// Server mode's checkout endpoint (SPEC §7): a Web-standard `(request) => Promise<Response>` that prices
// every order from the owner's catalog and talks to PayPal with the owner's secret, so what a buyer pays no
// longer depends on a page they can edit.
//
//   POST …/orders               { lines: [{ productId, options?, quantity }], shippingMethod? } → 201 { id }
//   POST …/orders/{id}/capture  → 200 the captured Orders v2 order
//
// Routes match the end of the path, so the handler works mounted under any prefix (/api/checkout/orders).
// The price of each line comes from the catalog through the browser's own code (lineOf, computeTotals,
// buildOrderBody), so the order PayPal receives is the one the cart showed for an untampered page.
//
// Which orders it captures, and why that is safe without shared storage:
// - Orders this instance created are remembered (a bounded map, id → amount): a capture is checked against
//   that amount before and after PayPal captures.
// - Serverless platforms run many short-lived instances, so the capture often reaches an instance that did
//   not create the order. The handler then reads the order from PayPal (GET /v2/checkout/orders/{id}) and
//   accepts it only when it carries the handler's seal: `custom_id` holds an HMAC, keyed with the client
//   secret, of the amount and items the handler priced. An order's own amount alone proves nothing: anyone
//   with the public client id can create an order at any price with PayPal's JS SDK and send its id here.
// - Capturing twice returns the captured order and never captures or calls onCaptured again: the same
//   instance answers from its map (concurrent captures share one PayPal call); another instance sees
//   PayPal's COMPLETED order or ORDER_ALREADY_CAPTURED and returns the order without calling onCaptured,
//   because the instance that captured it did.

import { lineOf } from '../cart';
import { isObject, own } from '../checks';
import { buildOrderBody, type OrderBody } from '../checkout/order';
import { LOG_PREFIX } from '../constants';
import { lineIdOf, type CartLine, type Choice, type Product } from '../model';
import { MAX_MINOR, parseMoney, toDecimal } from '../money';
import { quote, readCatalog, type PricedCatalog } from './catalog';
import { createPayPalClient, PayPalApiError, type PayPalClient } from './paypal';
import type { CheckoutErrorCode, CheckoutHandler, CheckoutHandlerOptions, PayPalOrder } from './types';

/** Largest request body accepted (SPEC §7): far above any real cart, far below a memory problem. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Lines per order: more than any cart a person fills, few enough that pricing stays cheap. */
const MAX_LINES = 100;
/** Orders remembered per instance; the oldest are forgotten first (and then verified by their seal). */
const MAX_REMEMBERED = 1000;
const SEAL_PREFIX = 'dropcart1.';
/** PayPal's order ids are 17 letters and digits; anything far from that is not worth a PayPal call. */
const ORDER_ID = /^[A-Za-z0-9-]{1,64}$/;
const ALLOW = 'POST, OPTIONS';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: CheckoutErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** What a route answers; shared by concurrent captures of one order, each adding its own CORS headers. */
interface Outcome {
  status: number;
  body: unknown;
}

interface Remembered {
  currency: string;
  /** the order's amount, minor units */
  amount: number;
  /** this instance sent PayPal a capture for it (which may have succeeded even when the answer was lost) */
  captureSent: boolean;
  notified: boolean;
  captured: PayPalOrder | null;
}

type Json = Record<string, unknown>;

/** Server logs: console.error with dropcart's prefix (not src/log.ts, whose once-only memory would grow
 * with every order id in a long-running server). */
const logError = (message: string, cause?: unknown): void => {
  if (cause === undefined) console.error(`${LOG_PREFIX} ${message}`);
  else console.error(`${LOG_PREFIX} ${message}`, cause);
};

/**
 * Creates the checkout endpoint. Throws when the catalog or the options are invalid: a shop must not start
 * selling with a price list it cannot read.
 */
export function createCheckoutHandler(options: CheckoutHandlerOptions): CheckoutHandler {
  const { clientId, clientSecret, environment, apiBaseUrl, allowedOrigins, onCaptured } = options ?? ({} as CheckoutHandlerOptions);
  const read = readCatalog(options?.catalog);
  if (!read.ok) {
    throw new Error(`${LOG_PREFIX} the catalog is invalid, so the checkout handler does not start:\n${read.errors.map((e) => `  - ${e}`).join('\n')}\nRebuild it with \`npx dropcart catalog <your site> > catalog.json\`.`);
  }
  const catalog = read.catalog;
  if (typeof clientId !== 'string' || clientId.trim() === '') throw new Error(`${LOG_PREFIX} clientId is missing: pass your PayPal REST app's client id.`);
  if (typeof clientSecret !== 'string' || clientSecret === '') throw new Error(`${LOG_PREFIX} clientSecret is missing: pass your PayPal REST app's secret (from an environment variable, never from the page).`);
  if (environment !== 'sandbox' && environment !== 'production') {
    throw new Error(`${LOG_PREFIX} environment is ${quote(environment)}; use "sandbox" or "production".`);
  }
  if (apiBaseUrl !== undefined && !/^https?:\/\/[^/]/.test(String(apiBaseUrl))) {
    throw new Error(`${LOG_PREFIX} apiBaseUrl ${quote(apiBaseUrl)} is not an http(s) URL.`);
  }
  if (onCaptured !== undefined && typeof onCaptured !== 'function') throw new Error(`${LOG_PREFIX} onCaptured must be a function.`);
  const origins = new Set<string>();
  if (allowedOrigins !== undefined) {
    if (!Array.isArray(allowedOrigins)) throw new Error(`${LOG_PREFIX} allowedOrigins must be a list like ["https://shop.example"].`);
    for (const entry of allowedOrigins) origins.add(originOf(entry));
  }

  const paypal = createPayPalClient({
    clientId: clientId.trim(),
    clientSecret,
    environment,
    ...(apiBaseUrl !== undefined ? { apiBaseUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const seal = createSeal(clientSecret);
  const remembered = new Map<string, Remembered>();
  const capturing = new Map<string, Promise<Outcome>>();

  const remember = (id: string, entry: Remembered): Remembered => {
    remembered.delete(id);
    remembered.set(id, entry);
    for (const oldest of remembered.keys()) {
      if (remembered.size <= MAX_REMEMBERED) break;
      if (!capturing.has(oldest)) remembered.delete(oldest);
    }
    return entry;
  };

  async function createOrder(request: Request): Promise<Outcome> {
    const json = await readJson(request);
    const { lines, shippingMethodId } = priceRequest(json, catalog);
    const body = buildOrderBody(lines, catalog.config, shippingMethodId);
    const unit = body.purchase_units[0] as OrderBody['purchase_units'][number];
    const amount = parseMoney(unit.amount.value, catalog.config.currency);
    if (amount === null || amount > MAX_MINOR) {
      throw new HttpError(400, 'order_too_large', `the order's total is above ${toDecimal(MAX_MINOR, catalog.config.currency)} ${catalog.config.currency}, the largest amount PayPal accepts; split it into smaller orders.`);
    }
    const sealed = { ...body, purchase_units: [{ ...unit, custom_id: await seal.of(unit) }] };
    let order: PayPalOrder;
    try {
      order = await paypal.createOrder(sealed, newRequestId());
    } catch (cause) {
      throw fromPayPal(cause, 'create the order');
    }
    remember(order.id, { currency: catalog.config.currency, amount, captureSent: false, notified: false, captured: null });
    return { status: 201, body: { id: order.id } };
  }

  async function captureOrder(request: Request, id: string): Promise<Outcome> {
    await readCaptureBody(request);
    if (!ORDER_ID.test(id)) throw new HttpError(404, 'order_not_found', `there is no order ${quote(id)}.`);
    const known = remembered.get(id);
    if (known?.captured) return { status: 200, body: known.captured };
    let pending = capturing.get(id);
    if (!pending) {
      pending = captureOnce(id).finally(() => capturing.delete(id));
      capturing.set(id, pending);
    }
    return pending;
  }

  async function captureOnce(id: string): Promise<Outcome> {
    let order = await getOrder(id);
    let entry = remembered.get(id);
    if (!entry) {
      const unit = order.purchase_units?.[0];
      const amount = unit?.amount ? parseMoney(unit.amount.value, unit.amount.currency_code) : null;
      if (!unit?.amount || amount === null || order.purchase_units?.length !== 1 || !(await seal.verify(unit))) {
        throw new HttpError(404, 'order_not_found', `order ${id} was not created by this shop's checkout, so it is not captured here.`);
      }
      entry = remember(id, { currency: unit.amount.currency_code, amount, captureSent: false, notified: false, captured: null });
    }
    // The amount may have been changed at PayPal since the order was created (PATCH from a page using the
    // client id): refuse before any money moves.
    const unit = order.purchase_units?.[0];
    if (order.purchase_units?.length !== 1 || !unit?.amount || unit.amount.currency_code !== entry.currency || parseMoney(unit.amount.value, entry.currency) !== entry.amount) {
      logError(`order ${id} now asks PayPal for ${describeAmount(unit?.amount)} instead of ${toDecimal(entry.amount, entry.currency)} ${entry.currency}; it was not captured.`);
      throw new HttpError(409, 'amount_mismatch', `order ${id} no longer matches the amount it was created with, so it was not captured.`);
    }

    const sentBefore = entry.captureSent;
    if (order.status === 'COMPLETED') return settle(order, entry, sentBefore);
    entry.captureSent = true;
    try {
      order = await paypal.captureOrder(id, newRequestId());
    } catch (cause) {
      if (cause instanceof PayPalApiError && cause.issues.includes('ORDER_ALREADY_CAPTURED')) {
        return settle(await getOrder(id), entry, sentBefore);
      }
      throw fromPayPal(cause, `capture order ${id}`);
    }
    return settle(order, entry, true);
  }

  async function getOrder(id: string): Promise<PayPalOrder> {
    try {
      return await paypal.getOrder(id);
    } catch (cause) {
      throw fromPayPal(cause, `read order ${id}`);
    }
  }

  /** Checks a captured order against the amount it was created with; calls onCaptured once per order. */
  async function settle(order: PayPalOrder, entry: Remembered, notify: boolean): Promise<Outcome> {
    const captures = (order.purchase_units ?? []).flatMap((unit) => unit.payments?.captures ?? []);
    // PENDING: PayPal holds the buyer's money while it reviews the payment; it is paid, not yet settled.
    const paid = captures.filter((c) => c.status === 'COMPLETED' || c.status === 'PENDING');
    if (order.status !== 'COMPLETED' || paid.length === 0) {
      if (captures.some((c) => c.status === 'DECLINED' || c.status === 'FAILED')) {
        throw new HttpError(422, 'paypal_declined', `PayPal declined the payment of order ${order.id} (INSTRUMENT_DECLINED); the buyer can choose another way to pay.`);
      }
      logError(`PayPal did not complete the capture of order ${order.id} (status ${order.status}).`);
      throw new HttpError(502, 'paypal_error', `PayPal did not complete the capture of order ${order.id} (status ${order.status}).`);
    }
    let total = 0;
    for (const capture of paid) {
      const amount = capture.amount?.currency_code === entry.currency ? parseMoney(capture.amount.value, entry.currency) : null;
      total = amount === null ? NaN : total + amount;
    }
    if (total !== entry.amount) {
      const got = paid.map((c) => describeAmount(c.amount)).join(' + ');
      logError(`order ${order.id}: PayPal captured ${got}, but the order was created for ${toDecimal(entry.amount, entry.currency)} ${entry.currency}. Do not ship it; refund the payment in PayPal.`);
      throw new HttpError(409, 'amount_mismatch', `the amount captured for order ${order.id} does not match the order.`);
    }
    entry.captured = order;
    if (notify && !entry.notified) {
      entry.notified = true;
      try {
        await onCaptured?.(order);
      } catch (cause) {
        // The buyer has paid: they still get their confirmation, and the owner's log gets the failure.
        logError(`onCaptured failed for order ${order.id}; the payment is captured, handle the order by hand:`, cause);
      }
    }
    return { status: 200, body: order };
  }

  async function route(request: Request, cors: Record<string, string>, crossOrigin: boolean): Promise<Response> {
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    const capture = /\/orders\/([^/]+)\/capture$/.exec(path);
    if (!capture && !/\/orders$/.test(path)) throw new HttpError(404, 'not_found', `nothing here; the checkout answers POST …/orders and POST …/orders/{id}/capture.`);
    if (request.method === 'OPTIONS') {
      const headers: Record<string, string> = { ...cors, Allow: ALLOW };
      if (crossOrigin) {
        headers['Access-Control-Allow-Methods'] = ALLOW;
        const asked = request.headers.get('Access-Control-Request-Headers');
        headers['Access-Control-Allow-Headers'] = asked && /^[\w-]+(\s*,\s*[\w-]+)*$/.test(asked.trim()) ? asked.trim() : 'Content-Type';
        headers['Access-Control-Max-Age'] = '600';
      }
      return new Response(null, { status: 204, headers });
    }
    if (request.method !== 'POST') {
      throw new HttpError(405, 'method_not_allowed', `${request.method} is not allowed here; use POST.`, { Allow: ALLOW });
    }
    let orderId = '';
    try {
      orderId = capture ? decodeURIComponent(capture[1] as string) : '';
    } catch {
      throw new HttpError(404, 'order_not_found', 'there is no such order.');
    }
    const outcome = capture ? await captureOrder(request, orderId) : await createOrder(request);
    return jsonResponse(outcome.status, outcome.body, cors);
  }

  return async function handleCheckout(request: Request): Promise<Response> {
    let cors: Record<string, string> = { Vary: 'Origin' };
    try {
      const origin = request.headers.get('Origin');
      const url = new URL(request.url);
      // Browsers send Origin on every POST, same-origin ones included; Sec-Fetch-Site cannot be set by a
      // page, so it also recognises same-origin requests behind a proxy that changed the URL's scheme or host.
      const sameOrigin = origin === null || origin === url.origin || request.headers.get('Sec-Fetch-Site') === 'same-origin';
      const crossOrigin = !sameOrigin && origin !== null && origins.has(origin);
      if (crossOrigin) cors = { ...cors, 'Access-Control-Allow-Origin': origin as string };
      if (!sameOrigin && !crossOrigin) {
        throw new HttpError(403, 'origin_not_allowed', `requests from ${origin} are not allowed; add it to allowedOrigins to accept them.`);
      }
      return await route(request, cors, crossOrigin);
    } catch (cause) {
      if (cause instanceof HttpError) {
        return jsonResponse(cause.status, { error: { code: cause.code, message: cause.message } }, { ...cors, ...cause.headers });
      }
      logError('the checkout handler failed unexpectedly:', cause);
      return jsonResponse(500, { error: { code: 'internal_error', message: 'the checkout failed unexpectedly; please try again.' } }, cors);
    }
  };
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}

/** "https://shop.example" from an allowedOrigins entry; throws on anything that is not an http(s) origin. */
function originOf(entry: unknown): string {
  let url: URL | null = null;
  try {
    url = typeof entry === 'string' ? new URL(entry) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new Error(`${LOG_PREFIX} allowedOrigins entry ${quote(entry)} is not an origin like "https://shop.example" (scheme and host, no path).`);
  }
  return url.origin;
}

const newRequestId = (): string => crypto.randomUUID();

const describeAmount = (amount: { currency_code?: string; value?: string } | undefined): string =>
  amount ? `${amount.value} ${amount.currency_code}` : 'no amount';

/** A PayPal failure as the buyer's answer: declines and unapproved orders are the buyer's to fix (4xx);
 * anything else is PayPal or the owner's setup (502, logged for the owner). */
function fromPayPal(cause: unknown, doing: string): HttpError {
  // Anything else is a bug here, not PayPal's failure: the top level logs it and answers 500.
  if (!(cause instanceof PayPalApiError)) throw cause;
  const issues = cause.issues;
  if (cause.status === 404) return new HttpError(404, 'order_not_found', `PayPal knows no such order (${doing}).`);
  if (issues.some((issue) => /INSTRUMENT_DECLINED|PAYER_ACTION_REQUIRED|TRANSACTION_REFUSED/.test(issue))) {
    return new HttpError(422, 'paypal_declined', `PayPal declined the payment (${issues.join(', ')}); the buyer can choose another way to pay.`);
  }
  if (issues.includes('ORDER_NOT_APPROVED')) {
    return new HttpError(422, 'order_not_approved', 'the buyer has not approved this order at PayPal yet (ORDER_NOT_APPROVED).');
  }
  logError(`could not ${doing}: ${cause.message}`);
  return new HttpError(502, 'paypal_error', `PayPal could not ${doing}: ${cause.message}`);
}

/** The request body as JSON: only application/json, at most MAX_BODY_BYTES, well-formed. */
async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('Content-Type');
  if (type === null || !/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new HttpError(415, 'unsupported_media_type', `send the order as JSON with "Content-Type: application/json"${type ? `, not ${quote(type)}` : ''}.`);
  }
  const text = await readText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'malformed_json', 'the body is not valid JSON.');
  }
}

/** A capture needs no body; one that is sent is still bounded, and if it says what it is, it is JSON. */
async function readCaptureBody(request: Request): Promise<void> {
  const type = request.headers.get('Content-Type');
  if (type !== null && type.trim() !== '' && !/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new HttpError(415, 'unsupported_media_type', `a capture takes no body, or JSON with "Content-Type: application/json", not ${quote(type)}.`);
  }
  await readText(request);
}

/** Reads the body as UTF-8, refusing more than MAX_BODY_BYTES: by Content-Length before reading, and by
 * counting while reading, since the header may be missing (chunked) or wrong. */
async function readText(request: Request): Promise<string> {
  const tooLarge = (): HttpError => new HttpError(413, 'payload_too_large', `the body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
  const length = request.headers.get('Content-Length');
  if (length !== null && /^\d+$/.test(length.trim()) && Number(length) > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'malformed_json', 'the body is not UTF-8 text.');
  }
}

/** The request's lines, priced from the catalog; every problem is a 400 that names what is wrong. */
function priceRequest(json: unknown, catalog: PricedCatalog): { lines: CartLine[]; shippingMethodId: string | null } {
  const bad = (code: CheckoutErrorCode, message: string): HttpError => new HttpError(400, code, message);
  if (!isObject(json)) throw bad('bad_request', 'the body must be a JSON object { "lines": [ { "productId", "options", "quantity" } ] }.');
  if (!Array.isArray(json.lines) || json.lines.length === 0) throw bad('bad_request', '"lines" must be a non-empty list of { "productId", "options", "quantity" }.');
  if (json.lines.length > MAX_LINES) throw bad('bad_request', `an order has at most ${MAX_LINES} lines.`);
  const currency = catalog.config.currency;

  const lines: CartLine[] = [];
  let subtotal = 0;
  for (const [index, raw] of json.lines.entries()) {
    const where = `lines[${index}]`;
    if (!isObject(raw)) throw bad('bad_request', `${where} must be an object { "productId", "options", "quantity" }.`);
    if (typeof raw.productId !== 'string') throw bad('bad_request', `${where}.productId must be a string.`);
    const product = catalog.products.get(raw.productId);
    if (!product) throw bad('unknown_product', `${where}: the shop has no product ${quote(raw.productId)}.`);
    const choices = choicesOf(raw.options, product, where);
    const quantity = raw.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > product.maxQuantity) {
      throw bad('bad_quantity', `${where}: the quantity of ${quote(product.id)} must be a whole number from 1 to ${product.maxQuantity}, not ${quote(quantity)}.`);
    }
    const line = lineOf(product, choices, quantity);
    if (!line) throw bad('unknown_option_value', `${where}: ${quote(product.id)} cannot be sold with these options.`);
    if (lines.some((other) => other.id === line.id)) {
      throw bad('duplicate_line', `${where}: ${quote(lineIdOf(product.id, choices))} is already in the order; send one line with the total quantity.`);
    }
    subtotal += line.unitPrice * line.quantity;
    if (subtotal > MAX_MINOR) {
      throw bad('order_too_large', `the order's total is above ${toDecimal(MAX_MINOR, currency)} ${currency}, the largest amount PayPal accepts; split it into smaller orders.`);
    }
    lines.push(line);
  }

  let shippingMethodId: string | null = null;
  if (own(json, 'shippingMethod') && json.shippingMethod !== null) {
    const wanted = json.shippingMethod;
    if (typeof wanted !== 'string') throw bad('bad_request', '"shippingMethod" must be the id of one of the shop\'s shipping methods.');
    const methods = catalog.config.shipping.methods;
    if (!methods.some((m) => m.id === wanted)) {
      const list = methods.length > 0 ? `one of ${methods.map((m) => quote(m.id)).join(', ')}` : 'left out: the shop has no shipping methods';
      throw bad('unknown_shipping_method', `the shop has no shipping method ${quote(wanted)}; it must be ${list}.`);
    }
    shippingMethodId = wanted;
  }
  return { lines, shippingMethodId };
}

/** The buyer's choices in the product's option order; an option left out takes its first value, the default. */
function choicesOf(raw: unknown, product: Product, where: string): Choice[] {
  if (raw !== undefined && raw !== null && !isObject(raw)) {
    throw new HttpError(400, 'bad_request', `${where}.options must be an object like { "Size": "L" }.`);
  }
  const given: Json = raw ?? {};
  for (const name of Object.keys(given)) {
    if (!product.options.some((option) => option.name === name)) {
      const known = product.options.length > 0 ? `its options are ${product.options.map((o) => quote(o.name)).join(', ')}` : 'it has no options';
      throw new HttpError(400, 'unknown_option', `${where}: ${quote(product.id)} has no option ${quote(name)}; ${known}.`);
    }
  }
  return product.options.map((option) => {
    if (!own(given, option.name)) return { name: option.name, value: (option.values[0] as { value: string }).value };
    const value = given[option.name];
    if (typeof value !== 'string' || !option.values.some((v) => v.value === value)) {
      throw new HttpError(400, 'unknown_option_value', `${where}: ${quote(value)} is not a value of the option ${quote(option.name)} of ${quote(product.id)}; it is one of ${option.values.map((v) => quote(v.value)).join(', ')}.`);
    }
    return { name: option.name, value };
  });
}

/** The order's seal: an HMAC, keyed with the client secret, over what the buyer pays and gets. It covers
 * the total and each item's name, sku, description (the chosen options), quantity and unit price — the
 * fields PayPal returns as they were sent — so neither the price nor the goods of a sealed order can change. */
function createSeal(secret: string): {
  of(unit: SealedUnit): Promise<string>;
  verify(unit: SealedUnit & { custom_id?: unknown }): Promise<boolean>;
} {
  let key: Promise<CryptoKey> | null = null;
  const sign = async (unit: SealedUnit): Promise<string> => {
    key ??= crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    // Read loosely: the unit may come back from PayPal, with fields added or (if tampered with) missing.
    const items = (Array.isArray(unit.items) ? unit.items : []) as Array<SealedItem | null>;
    const text = JSON.stringify([
      'dropcart order v1',
      unit.amount?.currency_code ?? '',
      unit.amount?.value ?? '',
      items.map((item) => [item?.name ?? '', item?.sku ?? '', item?.description ?? '', item?.quantity ?? '', item?.unit_amount?.value ?? '']),
    ]);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(text)));
    let binary = '';
    for (const byte of mac) binary += String.fromCharCode(byte);
    return SEAL_PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  return {
    of: sign,
    async verify(unit) {
      if (typeof unit.custom_id !== 'string' || !unit.custom_id.startsWith(SEAL_PREFIX)) return false;
      const expected = await sign(unit);
      // Compared in full whatever the first difference, so the time taken tells nothing about the seal.
      let difference = expected.length ^ unit.custom_id.length;
      for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ unit.custom_id.charCodeAt(i % unit.custom_id.length);
      return difference === 0;
    },
  };
}

interface SealedUnit {
  amount?: { currency_code?: string; value?: string };
  items?: unknown;
}

interface SealedItem {
  name?: unknown;
  sku?: unknown;
  description?: unknown;
  quantity?: unknown;
  unit_amount?: { value?: unknown };
}
