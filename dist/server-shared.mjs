// src/constants.ts
var VERSION = "0.1.0";
var LOG_PREFIX = "[dropcart]";
var CONFIG_ID = "dropcart-config";
var ATTR = {
  id: "data-product-id",
  name: "data-product-name",
  price: "data-product-price",
  description: "data-product-description",
  image: "data-product-image",
  url: "data-product-url",
  sku: "data-product-sku",
  maxQuantity: "data-product-max-quantity",
  shippable: "data-product-shippable",
  taxable: "data-product-taxable",
  hostedButtonId: "data-product-hosted-button-id",
  buttons: "data-product-buttons",
  /** On an owner's `select`/radio inputs: which option they choose. */
  option: "data-product-option"
};
var MAX_OPTIONS = 5;
var optionNameAttr = (n) => `data-product-option${n}-name`;
var optionValuesAttr = (n) => `data-product-option${n}-values`;
var SNIPCART = {
  add: "snipcart-add-item",
  open: "snipcart-checkout",
  count: "snipcart-items-count",
  subtotal: "snipcart-total-price"
};
var PRODUCT_SELECTOR = `[${ATTR.id}][${ATTR.name}][${ATTR.price}]`;
var PRODUCT_ID_MAX = 127;

// src/log.ts
var reported = /* @__PURE__ */ new Set();
function report(level, message, subject) {
  const key = level + message;
  if (reported.has(key)) return;
  reported.add(key);
  try {
    if (subject === void 0) console[level](`${LOG_PREFIX} ${message}`);
    else console[level](`${LOG_PREFIX} ${message}`, subject);
  } catch {
  }
}
function resetReported() {
  reported.clear();
}
var warn = (message, subject) => report("warn", message, subject);
var error = (message, subject) => report("error", message, subject);
var quote = (text) => JSON.stringify(text);
function describe(el) {
  const key = ["data-product-id", "data-item-id", "itemtype"].find((name) => el.hasAttribute(name));
  return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ""}${key ? ` ${key}="${el.getAttribute(key)}"` : ""}>`;
}

// src/checks.ts
var own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
var isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

// src/money/index.ts
var CURRENCY_DECIMALS = Object.freeze({
  AUD: 2,
  BRL: 2,
  CAD: 2,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  HKD: 2,
  HUF: 0,
  ILS: 2,
  JPY: 0,
  MYR: 2,
  MXN: 2,
  TWD: 0,
  NZD: 2,
  NOK: 2,
  PHP: 2,
  PLN: 2,
  GBP: 2,
  SGD: 2,
  SEK: 2,
  CHF: 2,
  THB: 2,
  USD: 2
});
var isSupportedCurrency = (code) => own(CURRENCY_DECIMALS, code);
var decimalsOf = (currency) => isSupportedCurrency(currency) ? CURRENCY_DECIMALS[currency] : 2;
var MAX_MINOR = 9999999999;
function parseMoney(text, currency) {
  const decimals = decimalsOf(currency);
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const whole = match[1];
  const fraction = match[2] ?? "";
  if (match[2] !== void 0 && fraction.length === 0) return null;
  if (fraction.length > decimals) return null;
  const minor = Number(whole + fraction.padEnd(decimals, "0"));
  return minor <= MAX_MINOR ? minor : null;
}
function toDecimal(minor, currency) {
  const decimals = decimalsOf(currency);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(decimals + 1, "0");
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
function parseRate(text) {
  const match = /^(\d{1,2})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? "";
  return { units: Number(match[1] + fraction), scale: fraction.length };
}
function percentOf(minor, rate) {
  const numerator = BigInt(minor) * BigInt(rate.units);
  const denominator = 100n * 10n ** BigInt(rate.scale);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

// src/url.ts
function safeUrl(text, base) {
  const trimmed = text.trim();
  if (trimmed === "" || /[\u0000-\u001f]/.test(trimmed)) return null;
  let url;
  try {
    url = new URL(trimmed, base ?? (typeof document === "undefined" ? "http://localhost/" : document.baseURI));
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

// src/config/index.ts
function parseConfig(raw, problems = []) {
  const problem = (key, fix) => {
    const message = `config key "${key}": ${fix}`;
    problems.push(message);
    error(message);
  };
  const root = isObject(raw) ? raw : {};
  if (!isObject(raw) && raw !== void 0) problem("(root)", 'the config must be a JSON object like { "currency": "USD" }.');
  const string = (key, value) => {
    if (typeof value === "string") return value;
    problem(key, `expected a string, got ${JSON.stringify(value)}.`);
    return void 0;
  };
  const boolean = (key, value) => {
    if (typeof value === "boolean") return value;
    problem(key, `expected true or false, got ${JSON.stringify(value)}.`);
    return void 0;
  };
  const object = (key, value) => {
    if (isObject(value)) return value;
    problem(key, `expected an object { \u2026 }, got ${JSON.stringify(value)}.`);
    return void 0;
  };
  const oneOf = (key, value, allowed) => {
    if (allowed.includes(value)) return value;
    problem(key, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(value)}.`);
    return void 0;
  };
  const url = (key, value) => {
    const text = string(key, value);
    if (text === void 0) return void 0;
    const safe = safeUrl(text);
    if (safe === null) problem(key, `"${text}" is not an http(s) or relative URL.`);
    return safe ?? void 0;
  };
  const known = (prefix, value, keys) => {
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        problem(prefix + key, `unknown key; the keys here are ${keys.map((k) => `"${k}"`).join(", ")}. Check the spelling.`);
      }
    }
  };
  known("", root, [
    "currency",
    "locale",
    "paypal",
    "shipping",
    "tax",
    "maxQuantity",
    "buttons",
    "cartButton",
    "storage",
    "successUrl",
    "messages",
    "analytics",
    "scan",
    "theme"
  ]);
  let currency = "USD";
  if (own(root, "currency")) {
    const text = string("currency", root.currency);
    if (text !== void 0) {
      const code = text.trim().toUpperCase();
      if (/^[A-Z]{3}$/.test(code)) currency = code;
      else problem("currency", `"${text}" is not an ISO 4217 code such as "USD" or "EUR".`);
    }
  }
  const currencySupported = isSupportedCurrency(currency);
  if (!currencySupported) {
    problem("currency", `PayPal does not support "${currency}": the cart works, but checkout is off until you choose a supported currency such as "USD", "EUR" or "GBP".`);
  }
  let locale = "";
  if (own(root, "locale")) {
    const text = string("locale", root.locale);
    if (text !== void 0) {
      try {
        locale = Intl.getCanonicalLocales(text)[0] ?? "";
      } catch {
        problem("locale", `"${text}" is not a BCP 47 language tag such as "en-US" or "de".`);
      }
    }
  }
  const paypal = {
    clientId: null,
    environment: void 0,
    sdkBaseUrl: null,
    buttonStyle: null,
    serverUrl: null
  };
  if (own(root, "paypal")) {
    const value = object("paypal", root.paypal);
    if (value) {
      known("paypal.", value, ["clientId", "environment", "sdkBaseUrl", "buttonStyle", "serverUrl"]);
      if (own(value, "clientId")) {
        const id = string("paypal.clientId", value.clientId);
        if (id !== void 0 && /^[\w-]{1,200}$/.test(id.trim())) paypal.clientId = id.trim();
        else if (id !== void 0) problem("paypal.clientId", `"${id}" does not look like a PayPal client id; copy it from developer.paypal.com \u2192 Apps & Credentials.`);
      }
      if (own(value, "environment")) paypal.environment = oneOf("paypal.environment", value.environment, ["sandbox", "production"]);
      if (own(value, "sdkBaseUrl")) paypal.sdkBaseUrl = url("paypal.sdkBaseUrl", value.sdkBaseUrl) ?? null;
      if (own(value, "buttonStyle")) paypal.buttonStyle = object("paypal.buttonStyle", value.buttonStyle) ?? null;
      if (own(value, "serverUrl")) paypal.serverUrl = url("paypal.serverUrl", value.serverUrl)?.replace(/\/+$/, "") ?? null;
    }
  }
  const environment = paypal.environment ?? (paypal.clientId === "test" ? "sandbox" : "production");
  const methods = [];
  if (own(root, "shipping")) {
    const value = object("shipping", root.shipping);
    if (value) {
      known("shipping.", value, ["methods"]);
      if (own(value, "methods")) {
        if (!Array.isArray(value.methods)) {
          problem("shipping.methods", 'expected a list like [{ "id": "standard", "label": "Standard", "amount": "4.95" }].');
        } else {
          value.methods.forEach((entry, index) => {
            const key = `shipping.methods[${index}]`;
            const method = object(key, entry);
            if (!method) return;
            known(key + ".", method, ["id", "label", "amount", "freeOver"]);
            const problemsBefore = problems.length;
            const id = own(method, "id") ? string(key + ".id", method.id) : void 0;
            const label = own(method, "label") ? string(key + ".label", method.label) : void 0;
            const amountText = own(method, "amount") ? string(key + ".amount", method.amount) : void 0;
            const amount = amountText === void 0 ? null : parseMoney(amountText, currency);
            if (!id || !label || amount === null) {
              if (problems.length === problemsBefore) problem(key, `each method needs "id", "label" and "amount" as a decimal string like "4.95" (${currency}); this one is skipped.`);
              return;
            }
            if (methods.some((m) => m.id === id)) {
              problem(key + ".id", `"${id}" is used twice; give each method its own id. This one is skipped.`);
              return;
            }
            let freeOver = null;
            if (own(method, "freeOver")) {
              const text = string(key + ".freeOver", method.freeOver);
              freeOver = text === void 0 ? null : parseMoney(text, currency);
              if (text !== void 0 && freeOver === null) problem(key + ".freeOver", `"${text}" is not a decimal string like "50.00" (${currency}).`);
            }
            methods.push(Object.freeze({ id, label, amount, freeOver }));
          });
        }
      }
    }
  }
  const tax = { rate: null, included: false, shipping: false };
  if (own(root, "tax")) {
    const value = object("tax", root.tax);
    if (value) {
      known("tax.", value, ["rate", "included", "shipping"]);
      if (own(value, "rate")) {
        const text = string("tax.rate", value.rate);
        tax.rate = text === void 0 ? null : parseRate(text);
        if (text !== void 0 && tax.rate === null) problem("tax.rate", `"${text}" is not a percentage like "8.25".`);
      }
      if (own(value, "included")) tax.included = boolean("tax.included", value.included) ?? false;
      if (own(value, "shipping")) tax.shipping = boolean("tax.shipping", value.shipping) ?? false;
    }
  }
  let maxQuantity = 99;
  if (own(root, "maxQuantity")) {
    const value = root.maxQuantity;
    if (Number.isInteger(value) && value >= 1 && value <= 9999) maxQuantity = value;
    else problem("maxQuantity", `expected a whole number from 1 to 9999, got ${JSON.stringify(value)}.`);
  }
  const buttons = { add: true, buy: true };
  if (own(root, "buttons")) {
    const value = object("buttons", root.buttons);
    if (value) {
      known("buttons.", value, ["add", "buy"]);
      if (own(value, "add")) buttons.add = boolean("buttons.add", value.add) ?? true;
      if (own(value, "buy")) buttons.buy = boolean("buttons.buy", value.buy) ?? true;
    }
  }
  let cartButton = "auto";
  if (own(root, "cartButton")) {
    const value = root.cartButton;
    if (value === "auto" || typeof value === "boolean") cartButton = value;
    else problem("cartButton", `expected "auto", true or false, got ${JSON.stringify(value)}.`);
  }
  const storage = own(root, "storage") ? oneOf("storage", root.storage, ["local", "session", "none"]) ?? "local" : "local";
  const successUrl = own(root, "successUrl") ? url("successUrl", root.successUrl) ?? null : null;
  const messages = /* @__PURE__ */ Object.create(null);
  if (own(root, "messages")) {
    const value = object("messages", root.messages);
    if (value) {
      for (const key of Object.keys(value)) {
        const text = string(`messages.${key}`, value[key]);
        if (text !== void 0) messages[key] = text;
      }
    }
  }
  let dataLayer = "auto";
  if (own(root, "analytics")) {
    const value = object("analytics", root.analytics);
    if (value) {
      known("analytics.", value, ["dataLayer"]);
      if (own(value, "dataLayer")) dataLayer = boolean("analytics.dataLayer", value.dataLayer) ?? "auto";
    }
  }
  const scan = { schemaOrg: true, snipcart: true };
  if (own(root, "scan")) {
    const value = object("scan", root.scan);
    if (value) {
      known("scan.", value, ["schemaOrg", "snipcart"]);
      if (own(value, "schemaOrg")) scan.schemaOrg = boolean("scan.schemaOrg", value.schemaOrg) ?? true;
      if (own(value, "snipcart")) scan.snipcart = boolean("scan.snipcart", value.snipcart) ?? true;
    }
  }
  const theme = { accent: null, radius: null, font: null, mode: "auto" };
  if (own(root, "theme")) {
    const value = object("theme", root.theme);
    if (value) {
      known("theme.", value, ["accent", "radius", "font", "mode"]);
      const cssValue = (key) => {
        if (!own(value, key)) return;
        const text = string(`theme.${key}`, value[key]);
        if (text === void 0) return;
        if (/^[^;{}<>\\]{1,200}$/.test(text)) theme[key] = text.trim();
        else problem(`theme.${key}`, `"${text}" is not a plain CSS value (no ; { } < > or \\).`);
      };
      cssValue("accent");
      cssValue("radius");
      cssValue("font");
      if (own(value, "mode")) theme.mode = oneOf("theme.mode", value.mode, ["light", "dark", "auto"]) ?? "auto";
    }
  }
  return deepFreeze({
    currency,
    currencySupported,
    locale,
    paypal: { ...paypal, environment },
    shipping: { methods },
    tax,
    maxQuantity,
    buttons,
    cartButton,
    storage,
    successUrl,
    messages,
    analytics: { dataLayer },
    scan,
    theme
  });
}
function deepFreeze(value) {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(value[key]);
  }
  return value;
}
function readConfig(doc, problems = []) {
  const element = doc.getElementById(CONFIG_ID);
  if (!element) return parseConfig(void 0, problems);
  let raw;
  try {
    raw = JSON.parse(element.textContent ?? "");
  } catch (cause) {
    const message = `config <script id="${CONFIG_ID}"> is not valid JSON (${cause.message}); using the defaults. Check for trailing commas and unquoted keys.`;
    problems.push(message);
    error(message);
    return parseConfig(void 0, problems);
  }
  return parseConfig(raw, problems);
}

// src/server/catalog.ts
var CATALOG_VERSION = 1;
var MAX_QUANTITY_LIMIT = 9999;
var quote2 = (value) => JSON.stringify(value) ?? String(value);
var lengthOf = (text) => [...text].length;
function validateCatalog(json) {
  const result = readCatalog(json);
  return result.ok ? { ok: true, catalog: result.catalog.file } : result;
}
function readCatalog(json) {
  const errors = [];
  if (!isObject(json)) {
    return { ok: false, errors: ['the catalog must be a JSON object { "version": 1, "store": { \u2026 }, "products": [ \u2026 ] }; build it with `npx dropcart catalog <your site>`.'] };
  }
  for (const key of Object.keys(json)) {
    if (!["version", "store", "products"].includes(key)) errors.push(`unknown key ${quote2(key)}; the keys are "version", "store" and "products".`);
  }
  if (json.version !== CATALOG_VERSION) {
    errors.push(`"version" is ${quote2(json.version)}; this dropcart reads version ${CATALOG_VERSION}. Rebuild the catalog with this version's \`npx dropcart catalog\`.`);
  }
  const config = readStore(json.store, errors);
  const products = /* @__PURE__ */ new Map();
  if (!Array.isArray(json.products)) {
    errors.push('"products" must be a list [ { "id", "name", "price", \u2026 } ].');
  } else if (json.products.length === 0) {
    errors.push('"products" is empty; a shop needs at least one product.');
  } else if (config) {
    json.products.forEach((raw, index) => {
      const product = readProduct(raw, `products[${index}]`, config, errors);
      if (!product) return;
      if (products.has(product.id)) {
        errors.push(`products[${index}]: the id ${quote2(product.id)} is used by an earlier product too; each product needs its own id.`);
        return;
      }
      products.set(product.id, product);
    });
  }
  if (errors.length > 0 || !config) return { ok: false, errors };
  const file = {
    version: CATALOG_VERSION,
    store: storeOf(config),
    products: [...products.values()].map((product) => productOf(product, config.currency))
  };
  return { ok: true, catalog: { file, config, products } };
}
function readStoreSettings(raw) {
  const errors = [];
  const config = readStore(raw, errors);
  return config ? { ok: true, config } : { ok: false, errors };
}
function readStore(raw, errors) {
  if (!isObject(raw)) {
    errors.push('"store" must be an object like { "currency": "USD" }: the settings of #dropcart-config that change prices.');
    return null;
  }
  const before = errors.length;
  for (const key of Object.keys(raw)) {
    if (!["currency", "shipping", "tax", "maxQuantity"].includes(key)) {
      errors.push(`store: unknown key ${quote2(key)}; the keys are "currency", "shipping", "tax" and "maxQuantity".`);
    }
  }
  if (typeof raw.currency !== "string") errors.push(`store.currency is missing; write the shop's currency, such as "USD".`);
  if (errors.length > before) return null;
  const problems = [];
  const config = parseConfig(raw, problems);
  for (const problem of problems) errors.push(problem.replace(/^config key "([^"]*)"/, "store.$1"));
  return problems.length === 0 ? config : null;
}
function readProduct(raw, where, config, errors) {
  const currency = config.currency;
  if (!isObject(raw)) {
    errors.push(`${where}: expected an object { "id", "name", "price", \u2026 }, got ${quote2(raw)}.`);
    return null;
  }
  const id = typeof raw.id === "string" ? raw.id.trim() : "";
  const at = id === "" ? where : `${where} (${quote2(id)})`;
  const fail = (message) => {
    errors.push(`${at}: ${message}`);
    return null;
  };
  for (const key of Object.keys(raw)) {
    if (!["id", "name", "price", "sku", "shippable", "taxable", "maxQuantity", "options"].includes(key)) {
      return fail(`unknown key ${quote2(key)}; the keys are "id", "name", "price", "sku", "shippable", "taxable", "maxQuantity" and "options".`);
    }
  }
  if (id === "") return fail(`"id" must be a non-empty string, the product's data-product-id.`);
  if (lengthOf(id) > PRODUCT_ID_MAX) return fail(`"id" is ${lengthOf(id)} characters long; at most ${PRODUCT_ID_MAX}.`);
  if (typeof raw.name !== "string" || raw.name.trim() === "") return fail('"name" must be a non-empty string.');
  const name = raw.name.replace(/\s+/g, " ").trim();
  const price = typeof raw.price === "string" ? parseMoney(raw.price, currency) : null;
  if (price === null || price === 0) {
    return fail(`"price" ${quote2(raw.price)} is not a decimal string like "19.99" above 0 and at most ${toDecimal(MAX_MINOR, currency)}, with at most the decimals of ${currency}.`);
  }
  let sku = id;
  if (own(raw, "sku")) {
    if (typeof raw.sku !== "string" || raw.sku.trim() === "" || lengthOf(raw.sku.trim()) > PRODUCT_ID_MAX) {
      return fail(`"sku" ${quote2(raw.sku)} must be a string of 1 to ${PRODUCT_ID_MAX} characters.`);
    }
    sku = raw.sku.trim();
  }
  const flag = (key) => {
    if (!own(raw, key)) return true;
    if (typeof raw[key] === "boolean") return raw[key];
    fail(`"${key}" must be true or false, got ${quote2(raw[key])}.`);
    return null;
  };
  const shippable = flag("shippable");
  const taxable = flag("taxable");
  if (shippable === null || taxable === null) return null;
  let maxQuantity = config.maxQuantity;
  if (own(raw, "maxQuantity")) {
    const value = raw.maxQuantity;
    if (!Number.isInteger(value) || value < 1 || value > MAX_QUANTITY_LIMIT) {
      return fail(`"maxQuantity" must be a whole number from 1 to ${MAX_QUANTITY_LIMIT}, got ${quote2(value)}.`);
    }
    maxQuantity = value;
  }
  const options = [];
  if (own(raw, "options")) {
    if (!Array.isArray(raw.options)) return fail('"options" must be a list [ { "name", "values": [ \u2026 ] } ].');
    if (raw.options.length > MAX_OPTIONS) return fail(`has ${raw.options.length} options; at most ${MAX_OPTIONS}.`);
    for (const [index, entry] of raw.options.entries()) {
      const option = readOption(entry, currency);
      if (typeof option === "string") return fail(`options[${index}]: ${option}`);
      const twin = options.find((o) => o.name.toLowerCase() === option.name.toLowerCase());
      if (twin) return fail(`options[${index}]: the name ${quote2(option.name)} repeats the option ${quote2(twin.name)}.`);
      options.push(option);
    }
  }
  const sum = (pick) => options.reduce((total, option) => total + pick(option.values), price);
  if (sum((values) => Math.min(...values.map((v) => v.delta))) <= 0) {
    return fail("the cheapest choice of options takes the price to 0 or below; every choice must leave a price above 0.");
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
    url: "",
    sku,
    maxQuantity,
    shippable,
    taxable,
    options: Object.freeze(options),
    hostedButtonId: null,
    buttons: Object.freeze({ add: true, buy: true })
  });
}
function readOption(raw, currency) {
  if (!isObject(raw)) return `expected { "name", "values": [ \u2026 ] }, got ${quote2(raw)}.`;
  for (const key of Object.keys(raw)) {
    if (key !== "name" && key !== "values") return `unknown key ${quote2(key)}; the keys are "name" and "values".`;
  }
  if (typeof raw.name !== "string" || raw.name.trim() === "") return '"name" must be a non-empty string, such as "Size".';
  const name = raw.name.replace(/\s+/g, " ").trim();
  if (!Array.isArray(raw.values) || raw.values.length === 0) return `${quote2(name)}: "values" must be a non-empty list [ { "value": "S" }, \u2026 ].`;
  const values = [];
  for (const [index, entry] of raw.values.entries()) {
    if (!isObject(entry) || typeof entry.value !== "string" || entry.value.trim() === "") {
      return `${quote2(name)}: values[${index}] must be { "value": "S", "delta": "0.00" } with a non-empty value.`;
    }
    for (const key of Object.keys(entry)) {
      if (key !== "value" && key !== "delta") return `${quote2(name)}: values[${index}] has the unknown key ${quote2(key)}; the keys are "value" and "delta".`;
    }
    const value = entry.value.trim();
    if (values.some((v) => v.value === value)) return `${quote2(name)}: the value ${quote2(value)} is listed twice.`;
    let delta = 0;
    if (own(entry, "delta")) {
      const match = typeof entry.delta === "string" ? /^\s*([+-]?)(.*)$/.exec(entry.delta) : null;
      const amount = match ? parseMoney(match[2], currency) : null;
      if (!match || amount === null) {
        return `${quote2(name)}: the delta ${quote2(entry.delta)} of ${quote2(value)} is not a decimal string like "2.00" or "-1.00" (${currency}).`;
      }
      delta = match[1] === "-" ? 0 - amount : amount;
    }
    values.push(Object.freeze({ value, delta }));
  }
  return Object.freeze({ name, values: Object.freeze(values) });
}
function rateText(rate) {
  if (rate.scale === 0) return String(rate.units);
  const digits = String(rate.units).padStart(rate.scale + 1, "0");
  return `${digits.slice(0, -rate.scale)}.${digits.slice(-rate.scale)}`;
}
function storeOf(config) {
  const money = (minor) => toDecimal(minor, config.currency);
  return {
    currency: config.currency,
    shipping: {
      methods: config.shipping.methods.map((method) => ({
        id: method.id,
        label: method.label,
        amount: money(method.amount),
        ...method.freeOver !== null ? { freeOver: money(method.freeOver) } : {}
      }))
    },
    tax: {
      ...config.tax.rate !== null ? { rate: rateText(config.tax.rate) } : {},
      included: config.tax.included,
      shipping: config.tax.shipping
    },
    maxQuantity: config.maxQuantity
  };
}
function productOf(product, currency) {
  return {
    id: product.id,
    name: product.name,
    price: toDecimal(product.price, currency),
    sku: product.sku,
    shippable: product.shippable,
    taxable: product.taxable,
    maxQuantity: product.maxQuantity,
    options: product.options.map((option) => ({
      name: option.name,
      values: option.values.map((v) => ({ value: v.value, delta: toDecimal(v.delta, currency) }))
    }))
  };
}

export {
  own,
  isObject,
  VERSION,
  LOG_PREFIX,
  CONFIG_ID,
  ATTR,
  MAX_OPTIONS,
  optionNameAttr,
  optionValuesAttr,
  SNIPCART,
  PRODUCT_SELECTOR,
  PRODUCT_ID_MAX,
  resetReported,
  warn,
  quote,
  describe,
  decimalsOf,
  MAX_MINOR,
  parseMoney,
  toDecimal,
  percentOf,
  safeUrl,
  parseConfig,
  readConfig,
  CATALOG_VERSION,
  quote2,
  validateCatalog,
  readCatalog,
  readStoreSettings,
  storeOf,
  productOf
};
