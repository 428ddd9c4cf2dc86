import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../fixtures/server.mjs';
import type { RunningServer } from '../fixtures/server.mjs';
import { dropcartPage, fixturePage, useShop } from './harness';

describe('the browser harness', () => {
  const shop = useShop();

  it('serves a page written inline in the test', async () => {
    await shop.page.goto(fixturePage('<!doctype html><title>Inline page</title><h1>Hello from a fixture</h1>'));
    expect(await shop.page.title()).toBe('Inline page');
    expect(await shop.page.textContent('h1')).toBe('Hello from a fixture');
  });

  it('answers 404 for a fixture page that was never written', async () => {
    const response = await shop.page.goto('/__fixture/999999.html');
    expect(response?.status()).toBe(404);
  });

  it('sends the headers a fixture page asks for', async () => {
    const csp = "default-src 'self'";
    const response = await shop.page.goto(fixturePage('<p>strict</p>', { headers: { 'Content-Security-Policy': csp } }));
    expect(response?.headers()['content-security-policy']).toBe(csp);
  });

  it('records console messages with their type and page', async () => {
    const path = fixturePage(`<script>console.warn('[dropcart] a product has no price'); console.log('hello');</script>`);
    await shop.page.goto(path);
    expect(shop.messages).toEqual([
      { type: 'warning', text: '[dropcart] a product has no price', page: shop.url + path },
      { type: 'log', text: 'hello', page: shop.url + path },
    ]);
  });

  it('picks out the messages that start with [dropcart]', async () => {
    await shop.page.goto(fixturePage(`<script>console.error('[dropcart] bad config'); console.info('unrelated');</script>`));
    expect(shop.dropcartMessages()).toEqual(['[dropcart] bad config']);
  });

  it('records uncaught errors of the page', async () => {
    await shop.page.goto(fixturePage(`<script>throw new Error('boom');</script>`));
    await expect.poll(() => shop.errors.map((error) => error.message)).toEqual(['boom']);
  });

  it('records console messages and errors of a second tab', async () => {
    const second = await shop.context.newPage();
    await second.goto(fixturePage(`<script>console.log('from tab two'); Promise.reject(new Error('tab two failed'));</script>`));
    expect(shop.messages.map((message) => message.text)).toEqual(['from tab two']);
    await expect.poll(() => shop.errors.map((error) => error.message)).toEqual(['tab two failed']);
  });

  it('records every request a page makes', async () => {
    const path = fixturePage('<link rel="stylesheet" href="/demo/shop.css"><img src="/demo/img/mug.svg" alt="">');
    await shop.page.goto(path, { waitUntil: 'load' });
    expect(shop.requests[0]).toBe(shop.url + path);
    expect([...shop.requests].sort()).toEqual([shop.url + path, `${shop.url}/demo/img/mug.svg`, `${shop.url}/demo/shop.css`].sort());
  });

  it('blocks requests to other hosts and still records them', async () => {
    // Hosts this machine can reach (a server on all interfaces, by the machine's name and by its network
    // address), so the test fails if blocking ever stops working, network or not.
    const open = createServer((_req, res) => res.end('reached'));
    await new Promise<void>((done) => open.listen(0, '0.0.0.0', done));
    try {
      const port = (open.address() as AddressInfo).port;
      const lan = Object.values(networkInterfaces())
        .flat()
        .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
      const reachable = [`http://${hostname()}:${port}/`, ...(lan ? [`http://${lan}:${port}/`] : [])];
      for (const url of reachable) expect(await (await fetch(url)).text()).toBe('reached');

      const urls = ['https://www.paypal.com/sdk/js?client-id=test', ...reachable];
      await shop.page.goto(fixturePage('<p>offline</p>'));
      const outcomes = await shop.page.evaluate(
        (list) => Promise.all(list.map((url) => fetch(url, { mode: 'no-cors' }).then(() => 'reached', () => 'blocked'))),
        urls,
      );
      expect(outcomes).toEqual(urls.map(() => 'blocked'));
      expect(shop.requests).toEqual(expect.arrayContaining(urls));
    } finally {
      await new Promise((done) => open.close(done));
    }
  });

  it('still reaches the test server by the name localhost, a second origin', async () => {
    await shop.page.goto(fixturePage('<p>cross-origin</p>'));
    const port = new URL(shop.url).port;
    const outcome = await shop.page.evaluate(
      (url) => fetch(url, { mode: 'no-cors' }).then(() => 'reached', () => 'blocked'),
      `http://localhost:${port}/demo/shop.css`,
    );
    expect(outcome).toBe('reached');
  });

  it('lets a test leave data in storage', async () => {
    await shop.page.goto(fixturePage('<p>storage</p>'));
    const stored = await shop.page.evaluate(() => {
      localStorage.setItem('dropcart:cart', 'left over');
      sessionStorage.setItem('left', 'over');
      document.cookie = 'left=over';
      return [localStorage.length, sessionStorage.length, document.cookie];
    });
    expect(stored).toEqual([1, 1, 'left=over']);
  });

  // Runs after the test above (vitest runs a file's tests in order): its storage must be gone.
  it('starts every test with empty storage', async () => {
    await shop.page.goto(fixturePage('<p>storage</p>'));
    const stored = await shop.page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
    expect(stored).toEqual([0, 0, '']);
  });

  it('starts every test with nothing recorded', () => {
    expect([shop.messages, shop.errors, shop.requests]).toEqual([[], [], []]);
  });

  it('gives a test a fresh context with the options it asks for', async () => {
    await shop.reset({ locale: 'de-DE' });
    await shop.page.goto(fixturePage('<p>locale</p>'));
    expect(await shop.page.evaluate(() => navigator.language)).toBe('de-DE');
  });

  it('writes pages with the script tag and config the way SPEC §1 shows', async () => {
    await shop.page.goto(dropcartPage('<p id="body">shop</p>', { config: { currency: 'EUR' } }));
    const page = await shop.page.evaluate(() => ({
      script: document.querySelector('head script[src="/dist/dropcart.js"]')?.hasAttribute('defer'),
      config: JSON.parse(document.getElementById('dropcart-config')?.textContent ?? 'null'),
      body: document.getElementById('body')?.textContent,
    }));
    expect(page).toEqual({ script: true, config: { currency: 'EUR' }, body: 'shop' });
  });

  it('serves the demo shop from the repo root', async () => {
    const response = await shop.page.goto('/demo/');
    expect(response?.status()).toBe(200);
    expect(await shop.page.title()).toContain('Kiln & Kettle');
  });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: fetch() would normalise `..` out of the path before the server ever saw it. */
function ask(server: RunningServer, path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the static server', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    // <dir>/secret.txt sits beside the served root, where no request may reach it.
    dir = await mkdtemp(join(tmpdir(), 'dropcart-server-'));
    const root = join(dir, 'root');
    await mkdir(join(root, 'shop'), { recursive: true });
    await mkdir(join(root, '.git'));
    await writeFile(join(dir, 'secret.txt'), 'secret');
    await writeFile(join(root, '.git', 'config'), 'secret');
    await writeFile(join(root, 'shop', 'index.html'), '<title>shop</title>');
    for (const ext of ['html', 'js', 'mjs', 'css', 'svg', 'json', 'png']) await writeFile(join(root, `file.${ext}`), ext);
    server = await startServer({
      root,
      routes: (req, res) => {
        if (req.url !== '/hooked') return false;
        res.end('from the hook');
        return true;
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['html', 'text/html; charset=utf-8'],
    ['js', 'text/javascript; charset=utf-8'],
    ['mjs', 'text/javascript; charset=utf-8'],
    ['css', 'text/css; charset=utf-8'],
    ['svg', 'image/svg+xml'],
    ['json', 'application/json; charset=utf-8'],
    ['png', 'image/png'],
  ])('serves .%s files as %s', async (ext, type) => {
    const answer = await ask(server, `/file.${ext}`);
    expect([answer.status, answer.headers['content-type'], answer.body]).toEqual([200, type, ext]);
  });

  it('tells browsers never to cache', async () => {
    expect((await ask(server, '/file.js')).headers['cache-control']).toBe('no-store');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/shop/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/file.js%00.html'])(
    'refuses %s, which reaches outside the root',
    async (path) => {
      const answer = await ask(server, path);
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('secret');
    },
  );

  it('keeps dot-folders such as .git private', async () => {
    expect((await ask(server, '/.git/config')).status).toBe(404);
  });

  it("serves a folder's index.html", async () => {
    expect((await ask(server, '/shop/')).body).toBe('<title>shop</title>');
  });

  it('redirects a folder without its trailing slash', async () => {
    const answer = await ask(server, '/shop?x=1');
    expect([answer.status, answer.headers.location]).toEqual([302, '/shop/?x=1']);
  });

  it('answers 404 for a missing file', async () => {
    expect((await ask(server, '/missing.js')).status).toBe(404);
  });

  it('asks the routes hook before the files', async () => {
    expect((await ask(server, '/hooked')).body).toBe('from the hook');
  });

  it('refuses methods other than GET and HEAD for files', async () => {
    const answer = await ask(server, '/file.js', 'POST');
    expect([answer.status, answer.headers.allow]).toEqual([405, 'GET, HEAD']);
  });
});
