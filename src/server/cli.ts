// `npx dropcart catalog <site folders, HTML files or URLs…> [--config config.json]` (SPEC §7): reads the
// shop's pages with the widget's own parser (parseProduct, readConfig) in a DOM from happy-dom, and prints
// the catalog server mode prices orders from — on stdout and nothing else, so `> catalog.json` is the file.
// Everything for the owner (warnings, conflicts, usage) goes to stderr.
//
// Products a page adds with its own scripts are not in its HTML, and no script runs here. List them in a
// JSON file shaped like a catalog ({ "products": [ … ] }) and pass it along with the pages.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Window } from 'happy-dom';
import { documentProducts } from '../catalog/markup';
import { parseConfig, readConfig, type Config } from '../config';
import { CONFIG_ID, VERSION } from '../constants';
import { resetReported } from '../log';
import type { Product } from '../model';
import { CATALOG_VERSION, productOf, readCatalog, readStoreSettings, storeOf } from './catalog';
import type { Catalog, CatalogProduct } from './types';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** fetches pages given as URLs */
  fetch?: typeof fetch;
  /** where relative paths start */
  cwd?: string;
}

const USAGE = `Usage: dropcart catalog <site folders, HTML files or URLs…> [--config config.json]

Prints the catalog for server mode (dropcart/server) on stdout:
  npx dropcart catalog ./site > catalog.json

  <folder>         every .html/.htm file in it and its subfolders
  <file.html>      one page
  <https://…>      one page, downloaded
  <products.json>  products your pages add with scripts: { "products": [ { "id", "name", "price", … } ] }
  --config <file>  store settings (currency, shipping, tax, maxQuantity) as in #dropcart-config, instead of
                   the pages' own
`;

/** Exit codes: 0 catalog printed; 1 the site has problems (conflicts, invalid products); 2 bad usage or input. */
export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command !== 'catalog') {
    io.stderr(`${command === undefined ? 'No command given.' : `Unknown command ${JSON.stringify(command)}.`}\n\n${USAGE}`);
    return 2;
  }
  const inputs: string[] = [];
  let configPath: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--config' || arg.startsWith('--config=')) {
      const value = arg === '--config' ? rest[++i] : arg.slice('--config='.length);
      if (!value) {
        io.stderr(`--config needs a file: --config config.json\n\n${USAGE}`);
        return 2;
      }
      configPath = value;
    } else if (arg === '--help' || arg === '-h') {
      io.stdout(USAGE);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`Unknown option ${JSON.stringify(arg)}.\n\n${USAGE}`);
      return 2;
    } else {
      inputs.push(arg);
    }
  }
  if (inputs.length === 0) {
    io.stderr(`Name the site: a folder, HTML files or URLs.\n\n${USAGE}`);
    return 2;
  }
  try {
    return await buildCatalog(inputs, configPath, io);
  } catch (cause) {
    if (cause instanceof InputError) {
      io.stderr(`dropcart catalog: ${cause.message}\n`);
      return 2;
    }
    throw cause;
  }
}

/** An input that cannot be read: bad usage (exit 2), not a problem of the site (exit 1). */
class InputError extends Error {}

interface Page {
  /** what the owner passed, for messages: "demo/index.html" or the URL */
  name: string;
  url: string;
  html: string;
}

interface Fragment {
  name: string;
  json: Record<string, unknown>;
}

async function buildCatalog(inputs: readonly string[], configPath: string | null, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const problems: string[] = [];
  const warnings: string[] = [];

  let given: Config | null = null;
  if (configPath !== null) {
    const text = await readFile(resolve(cwd, configPath), 'utf8').catch(() => {
      throw new InputError(`cannot read --config ${configPath}.`);
    });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new InputError(`--config ${configPath} is not valid JSON (${(cause as Error).message}).`);
    }
    const configProblems: string[] = [];
    given = quietly(() => parseConfig(raw, configProblems));
    for (const problem of configProblems) problems.push(`${configPath}: ${problem}`);
  }

  const { pages, fragments } = await collect(inputs, cwd, io);
  if (pages.length === 0 && fragments.length === 0) throw new InputError(`no .html pages found in ${inputs.join(', ')}.`);

  /** store settings, as catalog JSON text → the pages (or files) that use them */
  const stores = new Map<string, string[]>();
  let store: Config | null = given;
  /** id → the product as the catalog writes it, and where it was first seen */
  const products = new Map<string, { entry: CatalogProduct; where: string }>();
  const conflicts: string[] = [];

  const addProduct = (entry: CatalogProduct, where: string): void => {
    const seen = products.get(entry.id);
    if (!seen) {
      products.set(entry.id, { entry, where });
      return;
    }
    const differences = (['price', 'options', 'shippable', 'taxable', 'maxQuantity'] as const).filter(
      (key) => JSON.stringify(seen.entry[key]) !== JSON.stringify(entry[key]),
    );
    for (const key of differences) {
      conflicts.push(`product ${JSON.stringify(entry.id)} has different ${key}: ${show(seen.entry[key])} on ${seen.where}, ${show(entry[key])} on ${where}.`);
    }
    for (const key of ['name', 'sku'] as const) {
      if (seen.entry[key] !== entry[key]) {
        warnings.push(`product ${JSON.stringify(entry.id)} has the ${key} ${JSON.stringify(seen.entry[key])} on ${seen.where} and ${JSON.stringify(entry[key])} on ${where}; the catalog uses the first.`);
      }
    }
  };

  for (const page of pages) {
    const messages: string[] = [];
    const found = quietly(() => readPage(page), messages);
    for (const message of messages) warnings.push(`${page.name}: ${message}`);
    // A page without dropcart (no config, no products) is not part of the shop.
    if (!found.hasConfig && found.products.length === 0 && found.rejected.length === 0) continue;
    if (!given) {
      const key = JSON.stringify(storeOf(found.config));
      stores.set(key, [...(stores.get(key) ?? []), page.name]);
      store ??= found.config;
    }
    for (const reason of found.rejected) warnings.push(`${page.name}: ${reason} This product is left out.`);
    for (const product of found.products) addProduct(productOf(product, found.config.currency), page.name);
  }

  for (const fragment of fragments) {
    if (fragment.json.store !== undefined && !given) {
      const messages: string[] = [];
      const read = quietly(() => readStoreSettings(fragment.json.store), messages);
      if (!read.ok) {
        for (const error of read.errors) problems.push(`${fragment.name}: ${error}`);
        continue;
      }
      const key = JSON.stringify(storeOf(read.config));
      stores.set(key, [...(stores.get(key) ?? []), fragment.name]);
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

  for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
  if (products.size === 0) problems.push(`no products found in ${inputs.join(', ')}: a product is an element with data-product-id, data-product-name and data-product-price.`);
  if (problems.length > 0) {
    io.stderr(`dropcart catalog: no catalog written, fix these first:\n${problems.map((p) => `  - ${p}\n`).join('')}`);
    return 1;
  }

  const catalog: Catalog = { version: CATALOG_VERSION, store: storeOf(store), products: [...products.values()].map((p) => p.entry) };
  // The handler reads it with the same checks; a catalog it would refuse is never printed.
  const check = readCatalog(catalog);
  if (!check.ok) {
    io.stderr(`dropcart catalog: the catalog would be invalid:\n${check.errors.map((e) => `  - ${e}\n`).join('')}`);
    return 1;
  }
  io.stdout(`${formatJson(check.catalog.file)}\n`);
  return 0;
}

/** One page through the widget's parser: its config, its valid products, and why the others were left out. */
function readPage(page: Page): { hasConfig: boolean; config: Config; products: Product[]; rejected: string[] } {
  // Scripts never run (happy-dom's default) and nothing is loaded: the page is read, not visited.
  const window = new Window({
    url: page.url,
    settings: {
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  try {
    const document = new window.DOMParser().parseFromString(page.html, 'text/html') as unknown as Document;
    const config = readConfig(document);
    const products: Product[] = [];
    const rejected: string[] = [];
    // data-product-* elements, and the schema.org and Snipcart markup the widget reads too (SPEC §9)
    for (const { label, result } of documentProducts(document, config)) {
      if (!result.ok) {
        rejected.push(`${label}: ${result.reason}`);
        continue;
      }
      // The same product shown twice on a page (a list and a feature) is merged like a product on two
      // pages: identical is fine, different is a conflict.
      products.push(result.product);
    }
    return { hasConfig: document.getElementById(CONFIG_ID) !== null, config, products, rejected };
  } finally {
    void window.happyDOM.abort();
    window.close();
  }
}

/** Runs `action` with the widget's console messages ("[dropcart] …") collected instead of printed, so
 * they can be told apart by page; each page hears every message (log.ts reports a message once). */
function quietly<T>(action: () => T, messages: string[] = []): T {
  const { warn, error } = console;
  const collect = (...args: unknown[]): void => {
    messages.push(String(args[0]).replace(/^\[dropcart\] /, ''));
  };
  resetReported();
  console.warn = collect;
  console.error = collect;
  try {
    return action();
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

/** The pages, and the JSON product lists, named by the inputs. */
async function collect(inputs: readonly string[], cwd: string, io: CliIo): Promise<{ pages: Page[]; fragments: Fragment[] }> {
  const pages: Page[] = [];
  const fragments: Fragment[] = [];
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
        const rel = relative(path, file).split(sep).join('/');
        pages.push({ name: join(input, rel), url: localUrl(rel), html: await readFile(file, 'utf8') });
      }
    } else if (extname(path).toLowerCase() === '.json') {
      fragments.push({ name: input, json: await readFragment(path, input) });
    } else {
      const rel = relative(cwd, path);
      const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
      pages.push({ name: input, url: localUrl(inside ? rel.split(sep).join('/') : basename(path)), html: await readFile(path, 'utf8') });
    }
  }
  return { pages, fragments };
}

/** Local files get an http URL, so relative links and images resolve as they would on the site. */
const localUrl = (rel: string): string => new URL(rel.split('/').map(encodeURIComponent).join('/'), 'http://localhost/').href;

async function htmlFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.html?$/i.test(entry.name)) found.push(path);
    }
  };
  await walk(folder);
  return found;
}

async function download(url: string, io: CliIo): Promise<Page> {
  const fetchFn = io.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { Accept: 'text/html' }, signal: AbortSignal.timeout(30_000) });
  } catch (cause) {
    throw new InputError(`cannot download ${url}: ${(cause as Error).message}.`);
  }
  if (!response.ok) throw new InputError(`cannot download ${url}: the server answered ${response.status}.`);
  return { name: url, url: response.url || url, html: await response.text() };
}

async function readFragment(path: string, name: string): Promise<Record<string, unknown>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new InputError(`${name} is not valid JSON (${(cause as Error).message}).`);
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { products?: unknown }).products)) {
    throw new InputError(`${name} must be shaped like a catalog: { "products": [ { "id", "name", "price", … } ] }.`);
  }
  return json as Record<string, unknown>;
}

/** Which store settings the pages disagree on, and which page says what. */
function disagreement(stores: ReadonlyMap<string, string[]>): string {
  const variants = [...stores].map(([text, names]) => ({ store: JSON.parse(text) as Record<string, unknown>, names }));
  const keys = ['currency', 'shipping', 'tax', 'maxQuantity'].filter(
    (key) => new Set(variants.map((v) => JSON.stringify(v.store[key]))).size > 1,
  );
  const lines = variants.map((v) => `      ${v.names.join(', ')}: ${keys.map((key) => `${key} ${JSON.stringify(v.store[key])}`).join(', ')}`);
  return `the pages' <script id="${CONFIG_ID}"> disagree on ${keys.join(', ')}, which change what buyers pay; make them the same, or pass --config:\n${lines.join('\n')}`;
}

const show = (value: unknown): string =>
  Array.isArray(value)
    ? value.map((o: { name: string; values: { value: string; delta: string }[] }) => `${o.name}: ${o.values.map((v) => (/^0(\.0+)?$/.test(v.delta) ? v.value : `${v.value}[${v.delta.startsWith('-') ? '' : '+'}${v.delta}]`)).join('|')}`).join('; ') || 'no options'
    : JSON.stringify(value);

/** JSON for people: indented, but small objects and lists (an option value, a shipping method) kept on
 * one line, so a product reads as a few lines rather than forty. */
export function formatJson(value: unknown, indent = ''): string {
  const inline = oneLine(value);
  if (typeof value !== 'object' || value === null || indent.length + inline.length <= 100) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((item) => inner + formatJson(item, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`).join(',\n')}\n${indent}}`;
}

function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'null';
}

function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}
