import {
  LOG_PREFIX,
  MAX_MINOR,
  isObject,
  own,
  parseMoney,
  percentOf,
  quote2 as quote,
  readCatalog,
  toDecimal,
  validateCatalog
} from "./server-shared.mjs";

// src/model.ts
function lineIdOf(productId, choices) {
  if (/[?%]/.test(productId)) productId = productId.replace(/%/g, "%25").replace(/\?/g, "%3F");
  if (choices.length === 0) return productId;
  const encoded = choices.map((c) => `${encodeURIComponent(c.name)}=${encodeURIComponent(c.value)}`);
  return `${productId}?${encoded.join("&")}`;
}
function unitPriceOf(product, choices) {
  if (choices.length !== product.options.length) return null;
  let price = product.price;
  for (const [index, option] of product.options.entries()) {
    const choice = choices[index];
    const found = choice && choice.name === option.name ? option.values.find((v) => v.value === choice.value) : void 0;
    if (!found) return null;
    price += found.delta;
  }
  return price;
}

// src/cart/totals.ts
function computeTotals(lines, settings, shippingMethodId) {
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
  const shippingMethod = needsShipping ? methods.find((m) => m.id === shippingMethodId) ?? methods[0] ?? null : null;
  const shipping = shippingMethod && !(shippingMethod.freeOver !== null && shippableSubtotal >= shippingMethod.freeOver) ? shippingMethod.amount : 0;
  const { rate, included } = settings.tax;
  const tax = rate && !included ? percentOf(taxableSubtotal + (settings.tax.shipping ? shipping : 0), rate) : 0;
  return { count, subtotal, needsShipping, shippingMethod, shipping, tax, total: subtotal + shipping + tax };
}

// src/cart/index.ts
function lineOf(product, choices, quantity) {
  const unitPrice = unitPriceOf(product, choices);
  if (unitPrice === null || unitPrice <= 0) return null;
  return {
    id: lineIdOf(product.id, choices),
    productId: product.id,
    name: product.name,
    unitPrice,
    quantity: Math.min(Math.max(1, quantity), product.maxQuantity),
    choices: choices.map((c) => ({ name: c.name, value: c.value })),
    image: product.image,
    url: product.url,
    sku: product.sku,
    maxQuantity: product.maxQuantity,
    shippable: product.shippable,
    taxable: product.taxable
  };
}

// src/checkout/order.ts
var MAX_TEXT = 127;
function cut(text, max = MAX_TEXT) {
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}
var isHighSurrogate = (code) => code >= 55296 && code <= 56319;
function describeChoices(choices) {
  return choices.map((choice) => `${choice.name}: ${choice.value}`).join(", ");
}
function buildOrderBody(lines, config, shippingMethodId) {
  if (lines.length === 0) throw new RangeError("[dropcart] an order needs at least one cart line");
  const currency = config.currency;
  const money = (minor) => ({ currency_code: currency, value: toDecimal(minor, currency) });
  const totals = computeTotals(lines, config, shippingMethodId);
  const items = lines.map((line) => {
    const item = {
      name: cut(line.name),
      unit_amount: money(line.unitPrice),
      quantity: String(line.quantity),
      category: line.shippable ? "PHYSICAL_GOODS" : "DIGITAL_GOODS"
    };
    const sku = cut(line.sku);
    if (sku !== "") item.sku = sku;
    const options = cut(describeChoices(line.choices));
    if (options !== "") item.description = options;
    return item;
  });
  const breakdown = { item_total: money(totals.subtotal) };
  if (totals.shippingMethod !== null) breakdown.shipping = money(totals.shipping);
  if (config.tax.rate !== null && !config.tax.included) breakdown.tax_total = money(totals.tax);
  const body = {
    intent: "CAPTURE",
    purchase_units: [{ amount: { ...money(totals.total), breakdown }, items }]
  };
  if (!totals.needsShipping) {
    body.payment_source = { paypal: { experience_context: { shipping_preference: "NO_SHIPPING" } } };
  }
  return body;
}

// src/server/paypal.ts
var PAYPAL_API_BASE = {
  sandbox: "https://api-m.sandbox.paypal.com",
  production: "https://api-m.paypal.com"
};
var PayPalApiError = class extends Error {
  constructor(message, status, paypalName = null, issues = [], debugId = null) {
    super(message);
    this.status = status;
    this.paypalName = paypalName;
    this.issues = issues;
    this.debugId = debugId;
    this.name = "PayPalApiError";
  }
};
var DEFAULT_TIMEOUT_MS = 1e4;
var DEFAULT_RETRIES = 2;
var BACKOFF_MS = 250;
var BACKOFF_MAX_MS = 2e3;
var TOKEN_MARGIN_MS = 5 * 6e4;
var realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
var retryable = (status) => status === 429 || status >= 500;
function basicAuth(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
function createPayPalClient(options) {
  const base = (options.apiBaseUrl ?? PAYPAL_API_BASE[options.environment]).replace(/\/+$/, "");
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const authorization = basicAuth(options.clientId, options.clientSecret);
  let token = null;
  let pendingToken = null;
  async function exchange(method, path, headers, body) {
    const controller = new AbortController();
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error("timeout"));
      }, timeoutMs);
    });
    try {
      const response = await Promise.race([fetchFn(base + path, { method, headers, ...body !== void 0 ? { body } : {}, signal: controller.signal }), timeout]);
      const text = await Promise.race([response.text(), timeout]);
      let json = null;
      try {
        json = text === "" ? null : JSON.parse(text);
      } catch {
      }
      return { status: response.status, json };
    } catch (cause) {
      const reason = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : cause instanceof Error ? cause.message : String(cause);
      throw new PayPalApiError(`PayPal could not be reached (${method} ${path}): ${reason}`, null);
    } finally {
      clearTimeout(timer);
    }
  }
  async function withRetries(attempt) {
    for (let failures = 0; ; failures++) {
      try {
        return await attempt();
      } catch (error) {
        const again = error instanceof PayPalApiError && (error.status === null || retryable(error.status));
        if (!again || failures >= retries) throw error;
        await sleep(Math.min(BACKOFF_MS * 2 ** failures, BACKOFF_MAX_MS));
      }
    }
  }
  async function fetchToken() {
    const path = "/v1/oauth2/token";
    const { status, json } = await exchange("POST", path, {
      Authorization: authorization,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json"
    }, "grant_type=client_credentials");
    if (status >= 400) throw errorOf("POST", path, status, json);
    const body = json ?? {};
    if (typeof body.access_token !== "string" || body.access_token === "") {
      throw new PayPalApiError(`PayPal's token answer (${status}) has no access_token.`, status);
    }
    const lifetime = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in * 1e3 : 0;
    token = { value: body.access_token, renewAt: now() + lifetime - Math.min(TOKEN_MARGIN_MS, lifetime / 2) };
    return body.access_token;
  }
  function accessToken() {
    if (token && now() < token.renewAt) return Promise.resolve(token.value);
    pendingToken ??= fetchToken().finally(() => {
      pendingToken = null;
    });
    return pendingToken;
  }
  async function call(method, path, requestId, body) {
    let renewed = false;
    const json = await withRetries(async () => {
      for (; ; ) {
        const bearer = await accessToken();
        const headers = {
          Authorization: `Bearer ${bearer}`,
          Accept: "application/json",
          // The whole order in the answer, so a capture can be checked without another call.
          Prefer: "return=representation"
        };
        if (body !== void 0) headers["Content-Type"] = "application/json";
        if (requestId !== void 0) headers["PayPal-Request-Id"] = requestId;
        const answer = await exchange(method, path, headers, body === void 0 ? void 0 : JSON.stringify(body));
        if (answer.status === 401 && !renewed) {
          renewed = true;
          if (token?.value === bearer) token = null;
          continue;
        }
        if (answer.status >= 400) throw errorOf(method, path, answer.status, answer.json);
        return answer.json;
      }
    });
    const order = json;
    if (!order || typeof order !== "object" || typeof order.id !== "string" || typeof order.status !== "string") {
      throw new PayPalApiError(`PayPal's answer to ${method} ${path} is not an order.`, 200);
    }
    return order;
  }
  const orderPath = (id) => `/v2/checkout/orders/${encodeURIComponent(id)}`;
  return {
    createOrder: (body, requestId) => call("POST", "/v2/checkout/orders", requestId, body),
    getOrder: (id) => call("GET", orderPath(id)),
    // An empty JSON body: PayPal's capture takes an optional payment_source, and answers 415 without a JSON type.
    captureOrder: (id, requestId) => call("POST", `${orderPath(id)}/capture`, requestId, {})
  };
}
function errorOf(method, path, status, json) {
  const body = json && typeof json === "object" ? json : {};
  const name = typeof body.name === "string" ? body.name : typeof body.error === "string" ? body.error : null;
  const issues = Array.isArray(body.details) ? body.details.map((d) => typeof d?.issue === "string" ? d.issue : null).filter((i) => i !== null) : [];
  const debugId = typeof body.debug_id === "string" ? body.debug_id : null;
  const description = typeof body.message === "string" ? body.message : typeof body.error_description === "string" ? body.error_description : "";
  const parts = [name, issues.length > 0 ? issues.join(", ") : null].filter(Boolean).join(": ");
  const message = `PayPal answered ${status}${parts ? ` ${parts}` : ""} to ${method} ${path}${description ? ` (${description})` : ""}${debugId ? ` [debug_id ${debugId}]` : ""}`;
  return new PayPalApiError(message, status, name, issues, debugId);
}

// src/server/handler.ts
var MAX_BODY_BYTES = 64 * 1024;
var MAX_LINES = 100;
var MAX_REMEMBERED = 1e3;
var SEAL_PREFIX = "dropcart1.";
var ORDER_ID = /^[A-Za-z0-9-]{1,64}$/;
var ALLOW = "POST, OPTIONS";
var HttpError = class extends Error {
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
};
var logError = (message, cause) => {
  if (cause === void 0) console.error(`${LOG_PREFIX} ${message}`);
  else console.error(`${LOG_PREFIX} ${message}`, cause);
};
function createCheckoutHandler(options) {
  const { clientId, clientSecret, environment, apiBaseUrl, allowedOrigins, onCaptured } = options ?? {};
  const read = readCatalog(options?.catalog);
  if (!read.ok) {
    throw new Error(`${LOG_PREFIX} the catalog is invalid, so the checkout handler does not start:
${read.errors.map((e) => `  - ${e}`).join("\n")}
Rebuild it with \`npx dropcart catalog <your site> > catalog.json\`.`);
  }
  const catalog = read.catalog;
  if (typeof clientId !== "string" || clientId.trim() === "") throw new Error(`${LOG_PREFIX} clientId is missing: pass your PayPal REST app's client id.`);
  if (typeof clientSecret !== "string" || clientSecret === "") throw new Error(`${LOG_PREFIX} clientSecret is missing: pass your PayPal REST app's secret (from an environment variable, never from the page).`);
  if (environment !== "sandbox" && environment !== "production") {
    throw new Error(`${LOG_PREFIX} environment is ${quote(environment)}; use "sandbox" or "production".`);
  }
  if (apiBaseUrl !== void 0 && !/^https?:\/\/[^/]/.test(String(apiBaseUrl))) {
    throw new Error(`${LOG_PREFIX} apiBaseUrl ${quote(apiBaseUrl)} is not an http(s) URL.`);
  }
  if (onCaptured !== void 0 && typeof onCaptured !== "function") throw new Error(`${LOG_PREFIX} onCaptured must be a function.`);
  const origins = /* @__PURE__ */ new Set();
  if (allowedOrigins !== void 0) {
    if (!Array.isArray(allowedOrigins)) throw new Error(`${LOG_PREFIX} allowedOrigins must be a list like ["https://shop.example"].`);
    for (const entry of allowedOrigins) origins.add(originOf(entry));
  }
  const paypal = createPayPalClient({
    clientId: clientId.trim(),
    clientSecret,
    environment,
    ...apiBaseUrl !== void 0 ? { apiBaseUrl } : {},
    ...options.fetch ? { fetch: options.fetch } : {},
    ...options.timeoutMs !== void 0 ? { timeoutMs: options.timeoutMs } : {},
    ...options.retries !== void 0 ? { retries: options.retries } : {},
    ...options.sleep ? { sleep: options.sleep } : {}
  });
  const seal = createSeal(clientSecret);
  const remembered = /* @__PURE__ */ new Map();
  const capturing = /* @__PURE__ */ new Map();
  const remember = (id, entry) => {
    remembered.delete(id);
    remembered.set(id, entry);
    for (const oldest of remembered.keys()) {
      if (remembered.size <= MAX_REMEMBERED) break;
      if (!capturing.has(oldest)) remembered.delete(oldest);
    }
    return entry;
  };
  async function createOrder(request) {
    const json = await readJson(request);
    const { lines, shippingMethodId } = priceRequest(json, catalog);
    const body = buildOrderBody(lines, catalog.config, shippingMethodId);
    const unit = body.purchase_units[0];
    const amount = parseMoney(unit.amount.value, catalog.config.currency);
    if (amount === null || amount > MAX_MINOR) {
      throw new HttpError(400, "order_too_large", `the order's total is above ${toDecimal(MAX_MINOR, catalog.config.currency)} ${catalog.config.currency}, the largest amount PayPal accepts; split it into smaller orders.`);
    }
    const sealed = { ...body, purchase_units: [{ ...unit, custom_id: await seal.of(unit) }] };
    let order;
    try {
      order = await paypal.createOrder(sealed, newRequestId());
    } catch (cause) {
      throw fromPayPal(cause, "create the order");
    }
    remember(order.id, { currency: catalog.config.currency, amount, captureSent: false, notified: false, captured: null });
    return { status: 201, body: { id: order.id } };
  }
  async function captureOrder(request, id) {
    await readCaptureBody(request);
    if (!ORDER_ID.test(id)) throw new HttpError(404, "order_not_found", `there is no order ${quote(id)}.`);
    const known = remembered.get(id);
    if (known?.captured) return { status: 200, body: known.captured };
    let pending = capturing.get(id);
    if (!pending) {
      pending = captureOnce(id).finally(() => capturing.delete(id));
      capturing.set(id, pending);
    }
    return pending;
  }
  async function captureOnce(id) {
    let order = await getOrder(id);
    let entry = remembered.get(id);
    if (!entry) {
      const unit2 = order.purchase_units?.[0];
      const amount = unit2?.amount ? parseMoney(unit2.amount.value, unit2.amount.currency_code) : null;
      if (!unit2?.amount || amount === null || order.purchase_units?.length !== 1 || !await seal.verify(unit2)) {
        throw new HttpError(404, "order_not_found", `order ${id} was not created by this shop's checkout, so it is not captured here.`);
      }
      entry = remember(id, { currency: unit2.amount.currency_code, amount, captureSent: false, notified: false, captured: null });
    }
    const unit = order.purchase_units?.[0];
    if (order.purchase_units?.length !== 1 || !unit?.amount || unit.amount.currency_code !== entry.currency || parseMoney(unit.amount.value, entry.currency) !== entry.amount) {
      logError(`order ${id} now asks PayPal for ${describeAmount(unit?.amount)} instead of ${toDecimal(entry.amount, entry.currency)} ${entry.currency}; it was not captured.`);
      throw new HttpError(409, "amount_mismatch", `order ${id} no longer matches the amount it was created with, so it was not captured.`);
    }
    const sentBefore = entry.captureSent;
    if (order.status === "COMPLETED") return settle(order, entry, sentBefore);
    entry.captureSent = true;
    try {
      order = await paypal.captureOrder(id, newRequestId());
    } catch (cause) {
      if (cause instanceof PayPalApiError && cause.issues.includes("ORDER_ALREADY_CAPTURED")) {
        return settle(await getOrder(id), entry, sentBefore);
      }
      throw fromPayPal(cause, `capture order ${id}`);
    }
    return settle(order, entry, true);
  }
  async function getOrder(id) {
    try {
      return await paypal.getOrder(id);
    } catch (cause) {
      throw fromPayPal(cause, `read order ${id}`);
    }
  }
  async function settle(order, entry, notify) {
    const captures = (order.purchase_units ?? []).flatMap((unit) => unit.payments?.captures ?? []);
    const paid = captures.filter((c) => c.status === "COMPLETED" || c.status === "PENDING");
    if (order.status !== "COMPLETED" || paid.length === 0) {
      if (captures.some((c) => c.status === "DECLINED" || c.status === "FAILED")) {
        throw new HttpError(422, "paypal_declined", `PayPal declined the payment of order ${order.id} (INSTRUMENT_DECLINED); the buyer can choose another way to pay.`);
      }
      logError(`PayPal did not complete the capture of order ${order.id} (status ${order.status}).`);
      throw new HttpError(502, "paypal_error", `PayPal did not complete the capture of order ${order.id} (status ${order.status}).`);
    }
    let total = 0;
    for (const capture of paid) {
      const amount = capture.amount?.currency_code === entry.currency ? parseMoney(capture.amount.value, entry.currency) : null;
      total = amount === null ? NaN : total + amount;
    }
    if (total !== entry.amount) {
      const got = paid.map((c) => describeAmount(c.amount)).join(" + ");
      logError(`order ${order.id}: PayPal captured ${got}, but the order was created for ${toDecimal(entry.amount, entry.currency)} ${entry.currency}. Do not ship it; refund the payment in PayPal.`);
      throw new HttpError(409, "amount_mismatch", `the amount captured for order ${order.id} does not match the order.`);
    }
    entry.captured = order;
    if (notify && !entry.notified) {
      entry.notified = true;
      try {
        await onCaptured?.(order);
      } catch (cause) {
        logError(`onCaptured failed for order ${order.id}; the payment is captured, handle the order by hand:`, cause);
      }
    }
    return { status: 200, body: order };
  }
  async function route(request, cors, crossOrigin) {
    const path = new URL(request.url).pathname.replace(/\/+$/, "");
    const capture = /\/orders\/([^/]+)\/capture$/.exec(path);
    if (!capture && !/\/orders$/.test(path)) throw new HttpError(404, "not_found", `nothing here; the checkout answers POST \u2026/orders and POST \u2026/orders/{id}/capture.`);
    if (request.method === "OPTIONS") {
      const headers = { ...cors, Allow: ALLOW };
      if (crossOrigin) {
        headers["Access-Control-Allow-Methods"] = ALLOW;
        const asked = request.headers.get("Access-Control-Request-Headers");
        headers["Access-Control-Allow-Headers"] = asked && /^[\w-]+(\s*,\s*[\w-]+)*$/.test(asked.trim()) ? asked.trim() : "Content-Type";
        headers["Access-Control-Max-Age"] = "600";
      }
      return new Response(null, { status: 204, headers });
    }
    if (request.method !== "POST") {
      throw new HttpError(405, "method_not_allowed", `${request.method} is not allowed here; use POST.`, { Allow: ALLOW });
    }
    let orderId = "";
    try {
      orderId = capture ? decodeURIComponent(capture[1]) : "";
    } catch {
      throw new HttpError(404, "order_not_found", "there is no such order.");
    }
    const outcome = capture ? await captureOrder(request, orderId) : await createOrder(request);
    return jsonResponse(outcome.status, outcome.body, cors);
  }
  return async function handleCheckout(request) {
    let cors = { Vary: "Origin" };
    try {
      const origin = request.headers.get("Origin");
      const url = new URL(request.url);
      const sameOrigin = origin === null || origin === url.origin || request.headers.get("Sec-Fetch-Site") === "same-origin";
      const crossOrigin = !sameOrigin && origin !== null && origins.has(origin);
      if (crossOrigin) cors = { ...cors, "Access-Control-Allow-Origin": origin };
      if (!sameOrigin && !crossOrigin) {
        throw new HttpError(403, "origin_not_allowed", `requests from ${origin} are not allowed; add it to allowedOrigins to accept them.`);
      }
      return await route(request, cors, crossOrigin);
    } catch (cause) {
      if (cause instanceof HttpError) {
        return jsonResponse(cause.status, { error: { code: cause.code, message: cause.message } }, { ...cors, ...cause.headers });
      }
      logError("the checkout handler failed unexpectedly:", cause);
      return jsonResponse(500, { error: { code: "internal_error", message: "the checkout failed unexpectedly; please try again." } }, cors);
    }
  };
}
function jsonResponse(status, body, headers) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers
    }
  });
}
function originOf(entry) {
  let url = null;
  try {
    url = typeof entry === "string" ? new URL(entry) : null;
  } catch {
    url = null;
  }
  if (!url || url.protocol !== "http:" && url.protocol !== "https:" || url.pathname !== "/" && url.pathname !== "" || url.search || url.hash) {
    throw new Error(`${LOG_PREFIX} allowedOrigins entry ${quote(entry)} is not an origin like "https://shop.example" (scheme and host, no path).`);
  }
  return url.origin;
}
var newRequestId = () => crypto.randomUUID();
var describeAmount = (amount) => amount ? `${amount.value} ${amount.currency_code}` : "no amount";
function fromPayPal(cause, doing) {
  if (!(cause instanceof PayPalApiError)) throw cause;
  const issues = cause.issues;
  if (cause.status === 404) return new HttpError(404, "order_not_found", `PayPal knows no such order (${doing}).`);
  if (issues.some((issue) => /INSTRUMENT_DECLINED|PAYER_ACTION_REQUIRED|TRANSACTION_REFUSED/.test(issue))) {
    return new HttpError(422, "paypal_declined", `PayPal declined the payment (${issues.join(", ")}); the buyer can choose another way to pay.`);
  }
  if (issues.includes("ORDER_NOT_APPROVED")) {
    return new HttpError(422, "order_not_approved", "the buyer has not approved this order at PayPal yet (ORDER_NOT_APPROVED).");
  }
  logError(`could not ${doing}: ${cause.message}`);
  return new HttpError(502, "paypal_error", `PayPal could not ${doing}: ${cause.message}`);
}
async function readJson(request) {
  const type = request.headers.get("Content-Type");
  if (type === null || !/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new HttpError(415, "unsupported_media_type", `send the order as JSON with "Content-Type: application/json"${type ? `, not ${quote(type)}` : ""}.`);
  }
  const text = await readText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "malformed_json", "the body is not valid JSON.");
  }
}
async function readCaptureBody(request) {
  const type = request.headers.get("Content-Type");
  if (type !== null && type.trim() !== "" && !/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new HttpError(415, "unsupported_media_type", `a capture takes no body, or JSON with "Content-Type: application/json", not ${quote(type)}.`);
  }
  await readText(request);
}
async function readText(request) {
  const tooLarge = () => new HttpError(413, "payload_too_large", `the body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
  const length = request.headers.get("Content-Length");
  if (length !== null && /^\d+$/.test(length.trim()) && Number(length) > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => void 0);
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
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "malformed_json", "the body is not UTF-8 text.");
  }
}
function priceRequest(json, catalog) {
  const bad = (code, message) => new HttpError(400, code, message);
  if (!isObject(json)) throw bad("bad_request", 'the body must be a JSON object { "lines": [ { "productId", "options", "quantity" } ] }.');
  if (!Array.isArray(json.lines) || json.lines.length === 0) throw bad("bad_request", '"lines" must be a non-empty list of { "productId", "options", "quantity" }.');
  if (json.lines.length > MAX_LINES) throw bad("bad_request", `an order has at most ${MAX_LINES} lines.`);
  const currency = catalog.config.currency;
  const lines = [];
  let subtotal = 0;
  for (const [index, raw] of json.lines.entries()) {
    const where = `lines[${index}]`;
    if (!isObject(raw)) throw bad("bad_request", `${where} must be an object { "productId", "options", "quantity" }.`);
    if (typeof raw.productId !== "string") throw bad("bad_request", `${where}.productId must be a string.`);
    const product = catalog.products.get(raw.productId);
    if (!product) throw bad("unknown_product", `${where}: the shop has no product ${quote(raw.productId)}.`);
    const choices = choicesOf(raw.options, product, where);
    const quantity = raw.quantity;
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1 || quantity > product.maxQuantity) {
      throw bad("bad_quantity", `${where}: the quantity of ${quote(product.id)} must be a whole number from 1 to ${product.maxQuantity}, not ${quote(quantity)}.`);
    }
    const line = lineOf(product, choices, quantity);
    if (!line) throw bad("unknown_option_value", `${where}: ${quote(product.id)} cannot be sold with these options.`);
    if (lines.some((other) => other.id === line.id)) {
      throw bad("duplicate_line", `${where}: ${quote(lineIdOf(product.id, choices))} is already in the order; send one line with the total quantity.`);
    }
    subtotal += line.unitPrice * line.quantity;
    if (subtotal > MAX_MINOR) {
      throw bad("order_too_large", `the order's total is above ${toDecimal(MAX_MINOR, currency)} ${currency}, the largest amount PayPal accepts; split it into smaller orders.`);
    }
    lines.push(line);
  }
  let shippingMethodId = null;
  if (own(json, "shippingMethod") && json.shippingMethod !== null) {
    const wanted = json.shippingMethod;
    if (typeof wanted !== "string") throw bad("bad_request", `"shippingMethod" must be the id of one of the shop's shipping methods.`);
    const methods = catalog.config.shipping.methods;
    if (!methods.some((m) => m.id === wanted)) {
      const list = methods.length > 0 ? `one of ${methods.map((m) => quote(m.id)).join(", ")}` : "left out: the shop has no shipping methods";
      throw bad("unknown_shipping_method", `the shop has no shipping method ${quote(wanted)}; it must be ${list}.`);
    }
    shippingMethodId = wanted;
  }
  return { lines, shippingMethodId };
}
function choicesOf(raw, product, where) {
  if (raw !== void 0 && raw !== null && !isObject(raw)) {
    throw new HttpError(400, "bad_request", `${where}.options must be an object like { "Size": "L" }.`);
  }
  const given = raw ?? {};
  for (const name of Object.keys(given)) {
    if (!product.options.some((option) => option.name === name)) {
      const known = product.options.length > 0 ? `its options are ${product.options.map((o) => quote(o.name)).join(", ")}` : "it has no options";
      throw new HttpError(400, "unknown_option", `${where}: ${quote(product.id)} has no option ${quote(name)}; ${known}.`);
    }
  }
  return product.options.map((option) => {
    if (!own(given, option.name)) return { name: option.name, value: option.values[0].value };
    const value = given[option.name];
    if (typeof value !== "string" || !option.values.some((v) => v.value === value)) {
      throw new HttpError(400, "unknown_option_value", `${where}: ${quote(value)} is not a value of the option ${quote(option.name)} of ${quote(product.id)}; it is one of ${option.values.map((v) => quote(v.value)).join(", ")}.`);
    }
    return { name: option.name, value };
  });
}
function createSeal(secret) {
  let key = null;
  const sign = async (unit) => {
    key ??= crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const items = Array.isArray(unit.items) ? unit.items : [];
    const text = JSON.stringify([
      "dropcart order v1",
      unit.amount?.currency_code ?? "",
      unit.amount?.value ?? "",
      items.map((item) => [item?.name ?? "", item?.sku ?? "", item?.description ?? "", item?.quantity ?? "", item?.unit_amount?.value ?? ""])
    ]);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key, new TextEncoder().encode(text)));
    let binary = "";
    for (const byte of mac) binary += String.fromCharCode(byte);
    return SEAL_PREFIX + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  return {
    of: sign,
    async verify(unit) {
      if (typeof unit.custom_id !== "string" || !unit.custom_id.startsWith(SEAL_PREFIX)) return false;
      const expected = await sign(unit);
      let difference = expected.length ^ unit.custom_id.length;
      for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ unit.custom_id.charCodeAt(i % unit.custom_id.length);
      return difference === 0;
    }
  };
}
export {
  MAX_BODY_BYTES,
  PAYPAL_API_BASE,
  createCheckoutHandler,
  validateCatalog
};
