// The browser-test harness: real Chromium (Debian's /usr/bin/chromium through playwright-core) on pages
// served from this repo by the same static server as `npm start`, so every test loads the built
// dist/dropcart.js the way a site owner's page does (STYLE.md 11).
//
//   const shop = useShop();
//   it('adds a product', async () => {
//     await shop.page.goto(dropcartPage('<div data-product-id="a" data-product-name="A" data-product-price="1"></div>'));
//     expect(shop.errors).toEqual([]);
//   });
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/chromium.mjs';
import { startServer } from '../fixtures/server.mjs';
import type { Routes, RunningServer } from '../fixtures/server.mjs';

/** The repo root: what the test server serves, so pages can load /dist/dropcart.js and /demo/. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export { CHROMIUM_PATH };

export async function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

// In-memory pages, so a test can write its markup inline. Each test file runs in its own worker with its
// own server, so numbering is per file.
interface Fixture {
  body: string;
  headers: Record<string, string>;
}
const fixtures = new Map<string, Fixture>();
const FIXTURE_PREFIX = '/__fixture/';

/**
 * Serves `html` at a new `/__fixture/<n>.html` on the test server and returns that path. Contexts made by
 * useShop() have the server as their baseURL, so `page.goto(fixturePage(html))` works; `shop.url + path`
 * is the absolute URL. `headers` are added to the response (e.g. a Content-Security-Policy).
 */
export function fixturePage(html: string, options: { headers?: Record<string, string> } = {}): string {
  const path = `${FIXTURE_PREFIX}${fixtures.size + 1}.html`;
  fixtures.set(path, { body: html, headers: options.headers ?? {} });
  return path;
}

/**
 * A fixture page set up the way SPEC §1 tells owners to: the script tag and, when given, the config,
 * then `body`. Returns the path, as fixturePage() does.
 */
export function dropcartPage(
  body: string,
  options: { config?: unknown; head?: string; lang?: string; headers?: Record<string, string> } = {},
): string {
  const config =
    options.config === undefined
      ? ''
      : `<script type="application/json" id="dropcart-config">${JSON.stringify(options.config)}</script>`;
  const html = `<!doctype html>
<html lang="${options.lang ?? 'en-US'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dropcart test page</title>
<script src="/dist/dropcart.js" defer></script>
${config}
${options.head ?? ''}
</head>
<body>
${body}
</body>
</html>`;
  return fixturePage(html, options.headers ? { headers: options.headers } : {});
}

function fixtureRoutes(req: IncomingMessage, res: ServerResponse): boolean {
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  if (!pathname.startsWith(FIXTURE_PREFIX)) return false;
  const fixture = fixtures.get(pathname);
  if (!fixture) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`No fixture page ${pathname}`);
    return true;
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...fixture.headers });
  res.end(req.method === 'HEAD' ? undefined : fixture.body);
  return true;
}

/** The PayPal simulator's routes, when test/fixtures/paypal-sim/server.mjs exists. */
async function paypalSimRoutes(): Promise<Routes | null> {
  const file = fileURLToPath(new URL('../fixtures/paypal-sim/server.mjs', import.meta.url));
  if (!existsSync(file)) return null;
  // A computed specifier: the simulator is optional, so the type checker must not require it.
  const sim = (await import(pathToFileURL(file).href)) as { paypalSimRoutes?: Routes };
  return typeof sim.paypalSimRoutes === 'function' ? sim.paypalSimRoutes : null;
}

/** Starts the test server at the repo root: fixture pages first, then the PayPal simulator, then `routes`. */
export async function startShopServer(routes?: Routes): Promise<RunningServer> {
  const sim = await paypalSimRoutes();
  return startServer({
    root: ROOT,
    port: 0,
    routes: async (req, res) =>
      fixtureRoutes(req, res) ||
      (sim !== null && (await sim(req, res))) ||
      (routes !== undefined && (await routes(req, res))),
  });
}

export interface ConsoleEntry {
  /** 'log', 'warning', 'error', … as Playwright names them. */
  type: string;
  text: string;
  /** URL of the page that logged it. */
  page: string;
}

export interface ShopFixture {
  /** The test server's origin, e.g. `http://127.0.0.1:39021`. */
  readonly url: string;
  readonly browser: Browser;
  /** A fresh context per test: empty localStorage, sessionStorage and cookies. */
  readonly context: BrowserContext;
  /** The test's first page (tab). More tabs: `shop.context.newPage()`; they are recorded too. */
  readonly page: Page;
  /** Console messages of every page in this test's context, in order. */
  readonly messages: ConsoleEntry[];
  /** Uncaught exceptions and unhandled rejections of every page in this test's context. */
  readonly errors: Error[];
  /** Every URL requested by this test's pages (including ones blocked for leaving the machine), in order. */
  readonly requests: string[];
  /** Texts of the console messages that start with "[dropcart]". */
  dropcartMessages(): string[];
  /** Replaces this test's context and page with fresh ones made with `options` (locale, colorScheme, …). */
  reset(options?: BrowserContextOptions): Promise<void>;
}

interface TestState {
  context: BrowserContext;
  page: Page;
  messages: ConsoleEntry[];
  errors: Error[];
  requests: string[];
}

/**
 * Sets up a vitest file for browser tests: one server and one Chromium for the file, a fresh context and
 * page for each test. `routes` answers extra requests (after fixture pages and the PayPal simulator).
 */
export function useShop(options: { routes?: Routes; context?: BrowserContextOptions } = {}): ShopFixture {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let current: TestState | undefined;

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) {
      throw new Error(`shop.${what} is only available inside a test (useShop() sets it up in beforeEach)`);
    }
    return value;
  };

  async function open(contextOptions: BrowserContextOptions = {}): Promise<void> {
    const context = await need(browser, 'browser').newContext({
      baseURL: need(server, 'url').url,
      ...options.context,
      ...contextOptions,
    });
    const messages: ConsoleEntry[] = [];
    const errors: Error[] = [];
    const requests: string[] = [];
    context.on('console', (message) => {
      messages.push({ type: message.type(), text: message.text(), page: message.page()?.url() ?? '' });
    });
    context.on('weberror', (webError) => errors.push(webError.error()));
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    current = { context, page, messages, errors, requests };
  }

  async function close(): Promise<void> {
    const closing = current;
    current = undefined;
    await closing?.context.close();
  }

  beforeAll(async () => {
    server = await startShopServer(options.routes);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await close();
    await browser?.close();
    await server?.close();
  });
  beforeEach(() => open());
  afterEach(() => close());

  return {
    get url() {
      return need(server, 'url').url;
    },
    get browser() {
      return need(browser, 'browser');
    },
    get context() {
      return need(current, 'context').context;
    },
    get page() {
      return need(current, 'page').page;
    },
    get messages() {
      return need(current, 'messages').messages;
    },
    get errors() {
      return need(current, 'errors').errors;
    },
    get requests() {
      return need(current, 'requests').requests;
    },
    dropcartMessages() {
      return need(current, 'messages').messages.filter((m) => m.text.startsWith('[dropcart]')).map((m) => m.text);
    },
    async reset(contextOptions) {
      await close();
      await open(contextOptions);
    },
  };
}
