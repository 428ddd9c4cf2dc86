import {
  ATTR,
  CATALOG_VERSION,
  CONFIG_ID,
  MAX_MINOR,
  MAX_OPTIONS,
  PRODUCT_ID_MAX,
  PRODUCT_SELECTOR,
  SNIPCART,
  VERSION,
  decimalsOf,
  describe,
  isObject,
  optionNameAttr,
  optionValuesAttr,
  parseConfig,
  parseMoney,
  productOf,
  quote,
  readCatalog,
  readConfig,
  readStoreSettings,
  resetReported,
  safeUrl,
  storeOf,
  toDecimal,
  warn
} from "./server-shared.mjs";

// src/server/cli.ts
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { Window } from "happy-dom";

// src/catalog/parse.ts
var MAX_QUANTITY_LIMIT = 9999;
var lengthOf = (text2) => [...text2].length;
function parseProduct(el, config, attr = (name) => el.getAttribute(name)) {
  const reject = (reason) => ({ ok: false, reason });
  const currency = config.currency;
  const id = (attr(ATTR.id) ?? "").trim();
  if (id === "") return reject(`${ATTR.id} is empty; give the product an id such as "black-tee".`);
  if (lengthOf(id) > PRODUCT_ID_MAX) {
    return reject(`${ATTR.id} is ${lengthOf(id)} characters long; shorten it to at most ${PRODUCT_ID_MAX}.`);
  }
  const name = (attr(ATTR.name) ?? "").replace(/\s+/g, " ").trim();
  if (name === "") return reject(`${ATTR.name} is empty; write the name shoppers should see, such as "Black tee".`);
  const priceText = attr(ATTR.price) ?? "";
  const price = parseMoney(priceText, currency);
  if (price === null) {
    const trimmed = priceText.trim();
    if (trimmed.startsWith("-")) {
      const positive = suggestAmount(trimmed.slice(1), currency);
      return reject(`${ATTR.price} ${quote(priceText)} is negative; a price must be more than 0${positive ? ` (write ${quote(positive)})` : ""}.`);
    }
    return reject(moneyProblem(trimmed === "" ? ATTR.price : `${ATTR.price} ${quote(priceText)}`, priceText, currency));
  }
  if (price === 0) return reject(`${ATTR.price} ${quote(priceText)} is 0; a price must be more than 0, such as ${quote(example(currency))}.`);
  const description = (attr(ATTR.description) ?? "").trim() || null;
  const base = el.ownerDocument.baseURI;
  let image = null;
  const imageText = attr(ATTR.image);
  if (imageText !== null && imageText.trim() !== "") {
    image = safeUrl(imageText, base);
    if (image === null) {
      warn(`${describe(el)}: ${ATTR.image} ${quote(imageText)} is not an http(s) or relative URL, so the product is shown without its image. Use a link like "images/tee.jpg" or "https://\u2026".`, el);
    }
  }
  let url;
  const urlText = attr(ATTR.url);
  if (urlText !== null && urlText.trim() !== "") {
    const safe = safeUrl(urlText, base);
    if (safe === null) return reject(`${ATTR.url} ${quote(urlText)} is not an http(s) or relative URL; use a link like "/shop/tee.html", or leave it out to use this page.`);
    url = safe;
  } else {
    url = withoutHash(el.ownerDocument.URL);
  }
  const sku = (attr(ATTR.sku) ?? "").trim() || id;
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
  const isFalse = (value) => value !== null && value.trim().toLowerCase() === "false";
  const shippable = !isFalse(attr(ATTR.shippable));
  const taxable = !isFalse(attr(ATTR.taxable));
  const options = [];
  for (let n = 1; n <= MAX_OPTIONS; n++) {
    const nameAttr = optionNameAttr(n);
    const valuesAttr = optionValuesAttr(n);
    const optionName = (attr(nameAttr) ?? "").replace(/\s+/g, " ").trim();
    const valuesText = attr(valuesAttr);
    const hasValues = valuesText !== null && valuesText.trim() !== "";
    if (optionName === "" && !hasValues) continue;
    if (optionName === "") return reject(`${valuesAttr} is set but ${nameAttr} is missing; name the option, such as ${nameAttr}="Size".`);
    if (!hasValues) return reject(`${nameAttr} ${quote(optionName)} has no values; list them in ${valuesAttr}, such as "S|M|L".`);
    const twin = options.find((o) => o.name.toLowerCase() === optionName.toLowerCase());
    if (twin) return reject(`${nameAttr} ${quote(optionName)} repeats the option ${quote(twin.name)}; give each option its own name, or merge their values.`);
    const parsed = parseOptionValues(valuesText, currency);
    if (!parsed.ok) return reject(`${valuesAttr} ${quote(valuesText)}: ${parsed.reason}`);
    options.push(Object.freeze({ name: optionName, values: Object.freeze(parsed.values) }));
  }
  if (options.length > 0) {
    const pick = (better) => options.map((o) => o.values.reduce((best, v) => better(v.delta, best.delta) ? v : best));
    const describeChoice = (values) => values.map((v, i) => v.delta === 0 ? null : `${quote(v.value)} (${options[i].name})`).filter(Boolean).join(" with ");
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
  let hostedButtonId = null;
  const hostedText = attr(ATTR.hostedButtonId);
  if (hostedText !== null && hostedText.trim() !== "") {
    const trimmed = hostedText.trim();
    if (!/^[A-Za-z0-9]{1,127}$/.test(trimmed)) {
      return reject(`${ATTR.hostedButtonId} ${quote(hostedText)} is not a PayPal Hosted Button id (letters and digits only, such as "ABCD1234EFGH5"); copy it from the button's code at PayPal.`);
    }
    hostedButtonId = trimmed;
  }
  let buttons = config.buttons;
  const buttonsText = attr(ATTR.buttons);
  if (buttonsText !== null) {
    const words = buttonsText.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const allowed = words.length > 0 && (words.every((w) => w === "add" || w === "buy") || words.length === 1 && words[0] === "none");
    if (!allowed) {
      return reject(`${ATTR.buttons} ${quote(buttonsText)} is not one of "add buy", "add", "buy" or "none".`);
    }
    buttons = { add: words.includes("add"), buy: words.includes("buy") };
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
      buttons: Object.freeze(buttons)
    })
  };
}
function parseOptionValues(text2, currency) {
  const fail = (reason) => ({ ok: false, reason });
  const values = [];
  const parts = text2.split("|");
  for (const [index, part] of parts.entries()) {
    const entry = part.trim();
    if (entry === "") {
      const where = index === 0 ? "at the start" : index === parts.length - 1 ? "at the end" : `after ${quote(values[index - 1].value)}`;
      return fail(`value ${index + 1} is empty (a stray "|" ${where}); remove it, or write the values like "S|M|L".`);
    }
    let value = entry;
    let delta = 0;
    if (/[[\]]/.test(entry)) {
      const match = /^([^[\]]*)\[([^[\]]*)\]$/.exec(entry);
      if (!match) {
        return fail(`value ${index + 1}, ${quote(entry)}, has square brackets that are not a price change at its end; write a price change like "L[+2.00]", and no other brackets.`);
      }
      value = match[1].trim();
      const change = match[2].trim();
      if (value === "") return fail(`${quote(entry)} has a price change but no value; write the value before it, like "L${entry}".`);
      const sign = change[0];
      if (sign !== "+" && sign !== "-") {
        return fail(`the price change of ${quote(value)} needs a sign: write "${value}[+${change}]" to add or "${value}[-${change}]" to subtract.`);
      }
      const amountText = change.slice(1);
      const amount = parseMoney(amountText, currency);
      if (amount === null) {
        return fail(moneyProblem(`the price change ${quote(change)} of ${quote(value)}`, amountText, currency, sign));
      }
      delta = sign === "-" ? 0 - amount : amount;
    }
    if (values.some((v) => v.value === value)) {
      return fail(`${quote(value)} is listed twice; list each value once.`);
    }
    values.push(Object.freeze({ value, delta }));
  }
  return { ok: true, values };
}
function withoutHash(href) {
  const hash = href.indexOf("#");
  return hash === -1 ? href : href.slice(0, hash);
}
var example = (currency) => decimalsOf(currency) === 0 ? "1200" : toDecimal(1999, currency);
function moneyProblem(subject, text2, currency, sign = "") {
  const trimmed = text2.trim();
  const decimals = decimalsOf(currency);
  if (trimmed === "") return `${subject} is empty; write an amount like ${quote(sign + example(currency))}.`;
  if (/\d[eE][+-]?\d/.test(trimmed)) return `${subject} uses exponent notation; write the digits out, like ${quote(sign + example(currency))}.`;
  const suggestion = suggestAmount(trimmed, currency);
  const fix = suggestion ? `write ${quote(sign + suggestion)}` : `write it like ${quote(sign + example(currency))}`;
  const plain = /^(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (plain) {
    if ((plain[2] ?? "").length > decimals) {
      const allowed = decimals === 0 ? `${currency} has no decimals` : `${currency} has at most ${decimals} decimals`;
      return `${subject} has too many decimals: ${allowed} (${fix}).`;
    }
    return `${subject} is more than ${toDecimal(MAX_MINOR, currency)} ${currency}, the largest amount PayPal accepts.`;
  }
  const format = decimals === 0 ? `a whole number for ${currency} (no decimals, no separators)` : `a decimal number with a "." separator and at most ${decimals} decimals for ${currency}`;
  return `${subject} is not ${format} (${fix}).`;
}
function suggestAmount(text2, currency) {
  let digits = text2.replace(/[\s\p{Sc}]+/gu, "").replace(/^[A-Za-z]{3}(?=[\d.,])|(?<=[\d.,])[A-Za-z]{3}$/, "");
  if (!/\d/.test(digits) || /[^\d.,]/.test(digits)) return null;
  const lastDot = digits.lastIndexOf(".");
  const lastComma = digits.lastIndexOf(",");
  if (lastDot !== -1 && lastComma !== -1) {
    const decimalMark = lastDot > lastComma ? "." : ",";
    const group = decimalMark === "." ? "," : ".";
    digits = digits.split(group).join("").replace(",", ".");
  } else if (lastComma !== -1) {
    digits = /^\d{1,3}(,\d{3})+$/.test(digits) ? digits.split(",").join("") : digits.replace(",", ".");
  } else if (/^\d{1,3}(\.\d{3}){2,}$/.test(digits)) {
    digits = digits.split(".").join("");
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(digits);
  if (!match) return null;
  const decimals = decimalsOf(currency);
  const whole = match[1] || "0";
  const fraction = match[2] ?? "";
  if (whole.length > 12) return null;
  let minor = BigInt(whole + fraction.slice(0, decimals).padEnd(decimals, "0"));
  if ((fraction[decimals] ?? "0") >= "5") minor += 1n;
  if (minor <= 0n || minor > BigInt(MAX_MINOR)) return null;
  const result = toDecimal(Number(minor), currency);
  return result === text2.trim() ? null : result;
}

// src/catalog/markup.ts
var SCHEMA_SELECTOR = '[itemscope][itemtype*="schema.org/Product"]';
var JSON_LD_SELECTOR = 'script[type="application/ld+json"]';
var productSelector = ({ scan }) => PRODUCT_SELECTOR + (scan.schemaOrg ? `,${SCHEMA_SELECTOR}` : "") + (scan.snipcart ? `,.${SNIPCART.add}` : "");
var list = (value) => value == null ? [] : Array.isArray(value) ? value : [value];
var isType = (item, type) => list(item["@type"]).some((t) => String(t).replace(/^.*[/:#]/, "") === type);
function text(value) {
  const first = list(value)[0];
  if (isObject(first)) return text(first.url ?? first.contentUrl ?? first["@value"]);
  return typeof first === "string" || typeof first === "number" ? String(first).replace(/\s+/g, " ").trim() : "";
}
function inputOf(el, config) {
  let input = { attrs: {} };
  if (config.scan.snipcart && el.classList.contains(SNIPCART.add)) input = fromSnipcart(el, config.currency);
  else if (config.scan.schemaOrg && el.matches(SCHEMA_SELECTOR)) {
    const item = itemOf(el);
    if (!isType(item, "Product") || el.querySelector(PRODUCT_SELECTOR + (config.scan.snipcart ? `,.${SNIPCART.add}` : ""))) return null;
    input = fromSchema(item, config.currency, (prop) => `itemprop="${prop}"`);
  } else if (!el.matches(PRODUCT_SELECTOR)) return null;
  for (const name of el.getAttributeNames()) {
    if (!name.startsWith("data-product-")) continue;
    input.attrs[name] = el.getAttribute(name);
    delete input.names?.[name];
    if (name === ATTR.price) delete input.problem;
  }
  return input;
}
function parseInput(el, input, config) {
  const result = input.problem ? { ok: false, reason: input.problem } : parseProduct(el, config, (name) => input.attrs[name] ?? null);
  return result.ok ? result : { ok: false, reason: result.reason.replace(/data-product-[\w-]+/g, (name) => input.names?.[name] ?? name) };
}
var JSON_LD_LABEL = '<script type="application/ld+json">';
var jsonLdProducts = (script, currency) => schemaProducts(JSON.parse(script.textContent ?? "")).map((item) => fromSchema(item, currency, (name) => `"${name}"`)).filter((input) => input.attrs[ATTR.sku]).map((input) => ({ label: `${JSON_LD_LABEL} Product "${input.attrs[ATTR.sku]}"`, input }));
function documentProducts(doc, config) {
  const found = [];
  for (const el of doc.querySelectorAll(productSelector(config))) {
    const input = inputOf(el, config);
    if (input) found.push({ label: describe(el), result: parseInput(el, input, config) });
  }
  for (const script of config.scan.schemaOrg ? doc.querySelectorAll(JSON_LD_SELECTOR) : []) {
    try {
      for (const { label, input } of jsonLdProducts(script, config.currency)) found.push({ label, result: parseInput(script, input, config) });
    } catch (cause) {
      found.push({ label: JSON_LD_LABEL, result: { ok: false, reason: `is not valid JSON (${cause.message})` } });
    }
  }
  return found;
}
function schemaProducts(json) {
  return list(json).filter(isObject).flatMap((node) => [
    ...isType(node, "Product") ? [node] : [],
    ...["@graph", "mainEntity", "itemListElement", "item", "hasVariant"].flatMap((key) => schemaProducts(node[key]))
  ]);
}
function itemOf(item) {
  const result = { "@type": (item.getAttribute("itemtype") ?? "").split(/\s+/) };
  for (const el of item.querySelectorAll("[itemprop]")) {
    if (el.parentElement?.closest("[itemscope]") !== item) continue;
    const value = el.hasAttribute("itemscope") ? itemOf(el) : ["content", "href", "src", "value", "datetime"].map((name) => el.getAttribute(name)).find((v) => v !== null) ?? el.textContent;
    for (const name of (el.getAttribute("itemprop") ?? "").trim().split(/\s+/)) (result[name] ??= []).push(value);
  }
  return result;
}
function fromSchema(product, currency, prop) {
  const input = { attrs: {}, names: {} };
  const set = (attr, name, value = text(product[name])) => {
    input.names[attr] = prop(name);
    if (value) input.attrs[attr] = value;
  };
  set(ATTR.id, text(product.sku) ? "sku" : "productID");
  set(ATTR.sku, "sku");
  set(ATTR.name, "name");
  set(ATTR.description, "description");
  set(ATTR.image, "image");
  set(ATTR.url, "url");
  const offersOf = (value) => list(value).filter(isObject).flatMap((offer) => isType(offer, "AggregateOffer") ? offersOf(offer.offers) : [offer]);
  const prices = offersOf(product.offers).map((offer) => {
    const spec = list(offer.priceSpecification).find(isObject) ?? {};
    return [text(offer.price) || text(spec.price), (text(offer.priceCurrency) || text(spec.priceCurrency) || currency).toUpperCase()];
  }).filter(([price]) => price);
  const mine = prices.find(([, code]) => code === currency);
  if (mine) set(ATTR.price, "price", mine[0]);
  else {
    input.problem = prices.length ? `its offer is in ${prices.map(([, code]) => code).join(", ")}, not in ${currency}, the store's currency; give it an Offer with ${prop("priceCurrency")} ${quote(currency)}` : `it has no Offer with ${prop("price")} (an AggregateOffer's lowPrice is not a price); give it an Offer with ${prop("price")} and ${prop("priceCurrency")}`;
  }
  return input;
}
function fromSnipcart(el, currency) {
  const input = { attrs: {}, names: {}, quantity: 1, choices: {} };
  const get = (name) => el.getAttribute(`data-item-${name}`);
  const set = (attr, name, value = get(name)) => {
    input.names[attr] = `data-item-${name}`;
    if (value !== null) input.attrs[attr] = value;
  };
  for (const attr of [ATTR.id, ATTR.name, ATTR.price, ATTR.url, ATTR.description, ATTR.image, ATTR.maxQuantity, ATTR.shippable, ATTR.taxable]) {
    set(attr, attr.slice(13));
  }
  const price = get("price") ?? "";
  if (price.trim().startsWith("{")) {
    let prices;
    try {
      prices = JSON.parse(price);
    } catch {
    }
    const key = isObject(prices) ? Object.keys(prices).find((code) => code.toUpperCase() === currency) : void 0;
    if (key !== void 0) set(ATTR.price, "price", text(prices[key]));
    else input.problem = `data-item-price ${quote(price)} has no price in ${currency}, the store's currency; add one, like {"${currency.toLowerCase()}": 19.99}`;
  }
  const quantity = get("quantity");
  if (quantity !== null) {
    if (/^\s*0*[1-9]\d{0,3}\s*$/.test(quantity)) input.quantity = Number(quantity);
    else input.problem = `data-item-quantity ${quote(quantity)} is not a whole number from 1 to 9999, such as "1"`;
  }
  const fields = [...new Set(el.getAttributeNames().map((name) => /^data-item-custom(\d+)-(name|options)$/.exec(name)?.[1]))].filter((n2) => n2 !== void 0).sort((a, b) => Number(a) - Number(b));
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
    if (value === void 0) continue;
    if (options.split("|").some((option) => option.replace(/\[[^\]]*\]\s*$/, "").trim() === value)) {
      input.choices[(get(`${field}-name`) ?? "").replace(/\s+/g, " ").trim()] = value;
    } else {
      warn(`${describe(el)}: data-item-${field}-value ${quote(value)} is not one of data-item-${field}-options (without [+x]), so the first is preselected.`, el);
    }
  }
  input.attrs[ATTR.buttons] = "none";
  return input;
}

// src/server/cli.ts
var USAGE = `Usage: dropcart catalog <site folders, HTML files or URLs\u2026> [--config config.json]

Prints the catalog for server mode (dropcart/server) on stdout:
  npx dropcart catalog ./site > catalog.json

  <folder>         every .html/.htm file in it and its subfolders
  <file.html>      one page
  <https://\u2026>      one page, downloaded
  <products.json>  products your pages add with scripts: { "products": [ { "id", "name", "price", \u2026 } ] }
  --config <file>  store settings (currency, shipping, tax, maxQuantity) as in #dropcart-config, instead of
                   the pages' own
`;
async function main(argv, io = nodeIo()) {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    io.stdout(USAGE);
    return 0;
  }
  if (command === "--version" || command === "-v") {
    io.stdout(`${VERSION}
`);
    return 0;
  }
  if (command !== "catalog") {
    io.stderr(`${command === void 0 ? "No command given." : `Unknown command ${JSON.stringify(command)}.`}

${USAGE}`);
    return 2;
  }
  const inputs = [];
  let configPath = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--config" || arg.startsWith("--config=")) {
      const value = arg === "--config" ? rest[++i] : arg.slice("--config=".length);
      if (!value) {
        io.stderr(`--config needs a file: --config config.json

${USAGE}`);
        return 2;
      }
      configPath = value;
    } else if (arg === "--help" || arg === "-h") {
      io.stdout(USAGE);
      return 0;
    } else if (arg.startsWith("-") && arg !== "-") {
      io.stderr(`Unknown option ${JSON.stringify(arg)}.

${USAGE}`);
      return 2;
    } else {
      inputs.push(arg);
    }
  }
  if (inputs.length === 0) {
    io.stderr(`Name the site: a folder, HTML files or URLs.

${USAGE}`);
    return 2;
  }
  try {
    return await buildCatalog(inputs, configPath, io);
  } catch (cause) {
    if (cause instanceof InputError) {
      io.stderr(`dropcart catalog: ${cause.message}
`);
      return 2;
    }
    throw cause;
  }
}
var InputError = class extends Error {
};
async function buildCatalog(inputs, configPath, io) {
  const cwd = io.cwd ?? process.cwd();
  const problems = [];
  const warnings = [];
  let given = null;
  if (configPath !== null) {
    const text2 = await readFile(resolve(cwd, configPath), "utf8").catch(() => {
      throw new InputError(`cannot read --config ${configPath}.`);
    });
    let raw;
    try {
      raw = JSON.parse(text2);
    } catch (cause) {
      throw new InputError(`--config ${configPath} is not valid JSON (${cause.message}).`);
    }
    const configProblems = [];
    given = quietly(() => parseConfig(raw, configProblems));
    for (const problem of configProblems) problems.push(`${configPath}: ${problem}`);
  }
  const { pages, fragments } = await collect(inputs, cwd, io);
  if (pages.length === 0 && fragments.length === 0) throw new InputError(`no .html pages found in ${inputs.join(", ")}.`);
  const stores = /* @__PURE__ */ new Map();
  let store = given;
  const products = /* @__PURE__ */ new Map();
  const conflicts = [];
  const addProduct = (entry, where) => {
    const seen = products.get(entry.id);
    if (!seen) {
      products.set(entry.id, { entry, where });
      return;
    }
    const differences = ["price", "options", "shippable", "taxable", "maxQuantity"].filter(
      (key) => JSON.stringify(seen.entry[key]) !== JSON.stringify(entry[key])
    );
    for (const key of differences) {
      conflicts.push(`product ${JSON.stringify(entry.id)} has different ${key}: ${show(seen.entry[key])} on ${seen.where}, ${show(entry[key])} on ${where}.`);
    }
    for (const key of ["name", "sku"]) {
      if (seen.entry[key] !== entry[key]) {
        warnings.push(`product ${JSON.stringify(entry.id)} has the ${key} ${JSON.stringify(seen.entry[key])} on ${seen.where} and ${JSON.stringify(entry[key])} on ${where}; the catalog uses the first.`);
      }
    }
  };
  for (const page of pages) {
    const messages = [];
    const found = quietly(() => readPage(page), messages);
    for (const message of messages) warnings.push(`${page.name}: ${message}`);
    if (!found.hasConfig && found.products.length === 0 && found.rejected.length === 0) continue;
    if (!given) {
      const key = JSON.stringify(storeOf(found.config));
      stores.set(key, [...stores.get(key) ?? [], page.name]);
      store ??= found.config;
    }
    for (const reason of found.rejected) warnings.push(`${page.name}: ${reason} This product is left out.`);
    for (const product of found.products) addProduct(productOf(product, found.config.currency), page.name);
  }
  for (const fragment of fragments) {
    if (fragment.json.store !== void 0 && !given) {
      const messages = [];
      const read = quietly(() => readStoreSettings(fragment.json.store), messages);
      if (!read.ok) {
        for (const error of read.errors) problems.push(`${fragment.name}: ${error}`);
        continue;
      }
      const key = JSON.stringify(storeOf(read.config));
      stores.set(key, [...stores.get(key) ?? [], fragment.name]);
      store ??= read.config;
    }
  }
  if (stores.size > 1) problems.push(disagreement(stores));
  if (!store) {
    store = quietly(() => parseConfig({}));
    warnings.push(`no page has a <script id="${CONFIG_ID}">: the catalog uses the defaults (${store.currency}, no shipping, no tax). Pass --config to set them.`);
  }
  for (const fragment of fragments) {
    const final = store;
    const read = quietly(() => readCatalog({ version: CATALOG_VERSION, store: storeOf(final), products: fragment.json.products }));
    if (!read.ok) {
      for (const error of read.errors) problems.push(`${fragment.name}: ${error}`);
      continue;
    }
    for (const entry of read.catalog.file.products) addProduct(entry, fragment.name);
  }
  problems.push(...conflicts);
  for (const warning of warnings) io.stderr(`warning: ${warning}
`);
  if (products.size === 0) problems.push(`no products found in ${inputs.join(", ")}: a product is an element with data-product-id, data-product-name and data-product-price.`);
  if (problems.length > 0) {
    io.stderr(`dropcart catalog: no catalog written, fix these first:
${problems.map((p) => `  - ${p}
`).join("")}`);
    return 1;
  }
  const catalog = { version: CATALOG_VERSION, store: storeOf(store), products: [...products.values()].map((p) => p.entry) };
  const check = readCatalog(catalog);
  if (!check.ok) {
    io.stderr(`dropcart catalog: the catalog would be invalid:
${check.errors.map((e) => `  - ${e}
`).join("")}`);
    return 1;
  }
  io.stdout(`${formatJson(check.catalog.file)}
`);
  return 0;
}
function readPage(page) {
  const window = new Window({
    url: page.url,
    settings: {
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true }
    }
  });
  try {
    const document = new window.DOMParser().parseFromString(page.html, "text/html");
    const config = readConfig(document);
    const products = [];
    const rejected = [];
    for (const { label, result } of documentProducts(document, config)) {
      if (!result.ok) {
        rejected.push(`${label}: ${result.reason}`);
        continue;
      }
      products.push(result.product);
    }
    return { hasConfig: document.getElementById(CONFIG_ID) !== null, config, products, rejected };
  } finally {
    void window.happyDOM.abort();
    window.close();
  }
}
function quietly(action, messages = []) {
  const { warn: warn2, error } = console;
  const collect2 = (...args) => {
    messages.push(String(args[0]).replace(/^\[dropcart\] /, ""));
  };
  resetReported();
  console.warn = collect2;
  console.error = collect2;
  try {
    return action();
  } finally {
    console.warn = warn2;
    console.error = error;
  }
}
async function collect(inputs, cwd, io) {
  const pages = [];
  const fragments = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      pages.push(await download(input, io));
      continue;
    }
    const path = resolve(cwd, input);
    const info = await stat(path).catch(() => null);
    if (!info) throw new InputError(`${input} does not exist.`);
    if (info.isDirectory()) {
      for (const file of await htmlFiles(path)) {
        const rel = relative(path, file).split(sep).join("/");
        pages.push({ name: join(input, rel), url: localUrl(rel), html: await readFile(file, "utf8") });
      }
    } else if (extname(path).toLowerCase() === ".json") {
      fragments.push({ name: input, json: await readFragment(path, input) });
    } else {
      const rel = relative(cwd, path);
      const inside = rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
      pages.push({ name: input, url: localUrl(inside ? rel.split(sep).join("/") : basename(path)), html: await readFile(path, "utf8") });
    }
  }
  return { pages, fragments };
}
var localUrl = (rel) => new URL(rel.split("/").map(encodeURIComponent).join("/"), "http://localhost/").href;
async function htmlFiles(folder) {
  const found = [];
  const walk = async (dir) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.html?$/i.test(entry.name)) found.push(path);
    }
  };
  await walk(folder);
  return found;
}
async function download(url, io) {
  const fetchFn = io.fetch ?? fetch;
  let response;
  try {
    response = await fetchFn(url, { headers: { Accept: "text/html" }, signal: AbortSignal.timeout(3e4) });
  } catch (cause) {
    throw new InputError(`cannot download ${url}: ${cause.message}.`);
  }
  if (!response.ok) throw new InputError(`cannot download ${url}: the server answered ${response.status}.`);
  return { name: url, url: response.url || url, html: await response.text() };
}
async function readFragment(path, name) {
  let json;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (cause) {
    throw new InputError(`${name} is not valid JSON (${cause.message}).`);
  }
  if (typeof json !== "object" || json === null || !Array.isArray(json.products)) {
    throw new InputError(`${name} must be shaped like a catalog: { "products": [ { "id", "name", "price", \u2026 } ] }.`);
  }
  return json;
}
function disagreement(stores) {
  const variants = [...stores].map(([text2, names]) => ({ store: JSON.parse(text2), names }));
  const keys = ["currency", "shipping", "tax", "maxQuantity"].filter(
    (key) => new Set(variants.map((v) => JSON.stringify(v.store[key]))).size > 1
  );
  const lines = variants.map((v) => `      ${v.names.join(", ")}: ${keys.map((key) => `${key} ${JSON.stringify(v.store[key])}`).join(", ")}`);
  return `the pages' <script id="${CONFIG_ID}"> disagree on ${keys.join(", ")}, which change what buyers pay; make them the same, or pass --config:
${lines.join("\n")}`;
}
var show = (value) => Array.isArray(value) ? value.map((o) => `${o.name}: ${o.values.map((v) => /^0(\.0+)?$/.test(v.delta) ? v.value : `${v.value}[${v.delta.startsWith("-") ? "" : "+"}${v.delta}]`).join("|")}`).join("; ") || "no options" : JSON.stringify(value);
function formatJson(value, indent = "") {
  const inline = oneLine(value);
  if (typeof value !== "object" || value === null || indent.length + inline.length <= 100) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[
${value.map((item) => inner + formatJson(item, inner)).join(",\n")}
${indent}]`;
  const entries = Object.entries(value);
  return `{
${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`).join(",\n")}
${indent}}`;
}
function oneLine(value) {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value) ?? "null";
}
function nodeIo() {
  return {
    stdout: (text2) => process.stdout.write(text2),
    stderr: (text2) => process.stderr.write(text2)
  };
}
export {
  formatJson,
  main
};
