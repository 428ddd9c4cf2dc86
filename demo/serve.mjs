// `npm start`: build dist/, then serve the repo root so the demo shop loads /dist/dropcart.js exactly as a
// site owner's page would. Port: $PORT, else 8080, else any free port.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

build();
const sim = await paypalRoutes();

/** @type {import('../test/fixtures/server.mjs').Routes} */
const routes = async (req, res) => {
  if (req.url === '/' || req.url === '/index.html') {
    res.writeHead(302, { Location: '/demo/' });
    res.end();
    return true;
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
console.log(`\n  dropcart demo shop:  ${url}\n\n  Press Ctrl+C to stop.\n`);

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
