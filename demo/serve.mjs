// `npm start`: build dist/, then serve the repo root so the demo shop loads /dist/dropcart.js exactly as a
// site owner's page would, with PayPal's public sandbox (client id "test"; needs the internet).
// `npm run demo:offline` (`--offline`): the same shop against the local PayPal simulator, each page showing
// a "Simulated PayPal — no money moves" banner. Port: $PORT, else 8080, else any free port.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startServer } from '../test/fixtures/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function build() {
  if (!existsSync(new URL('../src/index.ts', import.meta.url))) {
    console.warn('! src/index.ts does not exist yet: skipping the build, serving dist/ as it is.');
    return;
  }
  const result = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    // Keep serving: the committed dist/ still shows the shop, and the error above says what to fix.
    console.warn('! The build failed (see above): serving dist/ as it was before.');
  }
}

/** The PayPal simulator, when the checkout tests' fixture is present, answers its own routes. */
async function paypalRoutes() {
  const sim = new URL('../test/fixtures/paypal-sim/server.mjs', import.meta.url);
  if (!existsSync(sim)) return null;
  const { paypalSimRoutes } = await import(sim.href);
  return typeof paypalSimRoutes === 'function' ? paypalSimRoutes : null;
}

const offline = process.argv.includes('--offline');
build();
const sim = await paypalRoutes();
if (offline && !sim) throw new Error('--offline needs test/fixtures/paypal-sim/server.mjs');

/** A demo page as the offline demo serves it: checkout pointed at the simulator, and a banner that says so. */
async function offlinePage(pathname) {
  const file = new URL(`..${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`, import.meta.url);
  if (!existsSync(file)) return null;
  let html = await readFile(file, 'utf8');
  html = html.replace(/(<script type="application\/json" id="dropcart-config">)([\s\S]*?)(<\/script>)/, (all, open, json, close) => {
    const config = JSON.parse(json);
    config.paypal = { ...config.paypal, sdkBaseUrl: '/paypal-sim/sdk/js' };
    return `${open}\n${JSON.stringify(config, null, 2)}\n${close}`;
  });
  return html.replace(
    /<body([^>]*)>/,
    '<body$1>\n<p class="sim-banner" role="note"><strong>Simulated PayPal — no money moves.</strong> ' +
      'This is the offline demo: checkout talks to a local PayPal simulator.</p>',
  );
}

/** @type {import('../test/fixtures/server.mjs').Routes} */
const routes = async (req, res) => {
  if (req.url === '/' || req.url === '/index.html') {
    res.writeHead(302, { Location: '/demo/' });
    res.end();
    return true;
  }
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (offline && req.method === 'GET' && /^\/demo\/([\w-]+\.html)?$/.test(pathname)) {
    const html = await offlinePage(pathname);
    if (html !== null) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(html);
      return true;
    }
  }
  return sim ? sim(req, res) : false;
};

const wanted = Number(process.env.PORT) || 8080;
let server;
try {
  server = await startServer({ root, port: wanted, routes });
} catch (error) {
  if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE') throw error;
  server = await startServer({ root, port: 0, routes });
  console.warn(`! Port ${wanted} is in use: using ${server.port} instead.`);
}

const url = `http://localhost:${server.port}/demo/`;
const mode = offline
  ? 'checkout: local PayPal simulator (no money moves)'
  : 'checkout: PayPal sandbox, client id "test" (needs the internet; offline: npm run demo:offline)';
console.log(`\n  dropcart demo shop:  ${url}\n  ${mode}\n\n  Press Ctrl+C to stop.\n`);

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
