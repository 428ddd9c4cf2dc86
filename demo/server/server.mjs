// Server mode on plain Node (SPEC §7): the dropcart checkout handler at /api/checkout, and — for this demo
// only — the demo shop, its pages switched to server mode.
//
//   node demo/server/server.mjs                      offline: a PayPal simulator inside this server
//   PAYPAL_API_BASE=http://127.0.0.1:8080/paypal-sim node demo/server/server.mjs
//                                                    a running simulator (`npm run demo:offline`)
//   PAYPAL_CLIENT_ID=… PAYPAL_CLIENT_SECRET=… node demo/server/server.mjs
//                                                    PayPal's sandbox (PAYPAL_ENVIRONMENT=production for real money)
//
// Needs a built dist/ (`npm run build`). Port: $PORT (0 = any free one), else 8787, else any free one.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createCheckoutHandler } from 'dropcart/server';

// ---- The recipe: these lines are all a Node shop needs ---------------------------------------------------

/** node:http → a Web Request for the handler, and its Response back. */
async function serve(handler, req, res) {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : value === undefined ? [] : [[name, value]])),
    ...(hasBody ? { body: Readable.toWeb(req), duplex: 'half' } : {}),
  });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const env = process.env;
const simulated = !env.PAYPAL_CLIENT_ID || Boolean(env.PAYPAL_API_BASE);
const catalog = JSON.parse(await readFile(new URL('./catalog.json', import.meta.url), 'utf8'));

/** Created once the port is known: the in-process simulator's URL contains it. */
let checkout = null;
const startCheckout = (port) =>
  createCheckoutHandler({
    catalog,
    clientId: env.PAYPAL_CLIENT_ID || 'demo-client',
    clientSecret: env.PAYPAL_CLIENT_SECRET || 'demo-secret',
    environment: env.PAYPAL_ENVIRONMENT === 'production' ? 'production' : 'sandbox',
    apiBaseUrl: env.PAYPAL_API_BASE || (simulated ? `http://127.0.0.1:${port}/paypal-sim` : undefined),
    // The demo's pages are served from here; a shop on another origin lists it: ["https://shop.example"].
    allowedOrigins: env.ALLOWED_ORIGINS ? env.ALLOWED_ORIGINS.split(',') : undefined,
    onCaptured(order) {
      // Email it, store it, start fulfilment. Here: the owner's log.
      const unit = order.purchase_units?.[0];
      console.log(`Paid: order ${order.id}, ${unit?.amount?.value} ${unit?.amount?.currency_code}`);
    },
  });

const server = createServer((req, res) => {
  const route = req.url?.startsWith('/api/checkout/') ? serve(checkout, req, res) : demo(req, res);
  route.catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});

// ---- Demo only: the shop's pages in server mode, and the PayPal simulator -----------------------------------

const root = new URL('../../', import.meta.url);
const { startServer } = await import(new URL('test/fixtures/server.mjs', root).href);
const { createPaypalSim } = await import(new URL('test/fixtures/paypal-sim/server.mjs', root).href);
const sim = !env.PAYPAL_API_BASE && simulated ? createPaypalSim() : null;
/** The simulator's fake SDK calls its API on the origin it was loaded from: the page's, through here. */
const remoteSim = env.PAYPAL_API_BASE && /\/paypal-sim\/?$/.test(env.PAYPAL_API_BASE) ? env.PAYPAL_API_BASE.replace(/\/+$/, '') : null;

// The static files (dist/, demo/) come from the repo's small static server, on a port of its own.
const files = await startServer({ root: new URL('.', root).pathname, port: 0 });

async function demo(req, res) {
  const { pathname, search } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/' || pathname === '/index.html') {
    res.writeHead(302, { Location: '/demo/' }).end();
    return;
  }
  if (pathname.startsWith('/paypal-sim/')) {
    if (sim) return void sim.routes(req, res);
    if (remoteSim) return proxy(req, res, remoteSim + pathname.slice('/paypal-sim'.length) + search);
  }
  if (req.method === 'GET' && /^\/demo\/([\w-]+\.html)?$/.test(pathname)) {
    const file = new URL(`.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`, root);
    const html = await readFile(file, 'utf8').catch(() => null);
    if (html !== null) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(serverModePage(html));
      return;
    }
  }
  return proxy(req, res, files.url + req.url);
}

/** The demo page with checkout through /api/checkout (and the simulator's SDK when simulated). */
function serverModePage(html) {
  const page = html.replace(/(<script type="application\/json" id="dropcart-config">)([\s\S]*?)(<\/script>)/, (all, open, json, close) => {
    const config = JSON.parse(json);
    config.paypal = { ...config.paypal, serverUrl: '/api/checkout' };
    if (simulated) config.paypal.sdkBaseUrl = '/paypal-sim/sdk/js';
    else config.paypal.clientId = env.PAYPAL_CLIENT_ID;
    return `${open}\n${JSON.stringify(config, null, 2)}\n${close}`;
  });
  const note = simulated ? 'Simulated PayPal — no money moves.' : `PayPal ${env.PAYPAL_ENVIRONMENT === 'production' ? 'production' : 'sandbox'}.`;
  return page.replace(/<body([^>]*)>/, `<body$1>\n<p class="sim-banner" role="note"><strong>Server mode.</strong> Prices come from demo/server/catalog.json. ${note}</p>`);
}

async function proxy(req, res, target) {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const response = await fetch(target, {
    method: req.method,
    headers: { ...(req.headers['content-type'] ? { 'Content-Type': req.headers['content-type'] } : {}), ...(req.headers.cookie ? { Cookie: req.headers.cookie } : {}) },
    redirect: 'manual',
    ...(hasBody ? { body: Readable.toWeb(req), duplex: 'half' } : {}),
  });
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

// ---- Start ----------------------------------------------------------------------------------------------

const wanted = env.PORT ? Number(env.PORT) : 8787; // PORT=0: any free port
const port = await new Promise((resolve, reject) => {
  const listen = (p) => server.once('error', (error) => (error.code === 'EADDRINUSE' && p !== 0 ? listen(0) : reject(error))).listen(p, '127.0.0.1', () => resolve(server.address().port));
  listen(wanted);
});
checkout = startCheckout(port);
const paypal = sim ? 'the PayPal simulator inside this server (no money moves)' : env.PAYPAL_API_BASE ? env.PAYPAL_API_BASE : `PayPal ${env.PAYPAL_ENVIRONMENT === 'production' ? 'production' : 'sandbox'}`;
console.log(`\n  dropcart demo shop in server mode:  http://127.0.0.1:${port}/demo/\n  checkout handler:  http://127.0.0.1:${port}/api/checkout/orders\n  PayPal:  ${paypal}\n\n  Press Ctrl+C to stop.\n`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close();
    files.close().then(() => process.exit(0));
  });
}
