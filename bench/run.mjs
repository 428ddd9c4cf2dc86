// `npm run bench`: dropcart side by side with no cart at all and with PayPal's minicart 3.0.6 (from npm), on
// generated pages of 100, 1,000 and 10,000 products, and of 100 on a CPU throttled 4× like a phone's, in
// headless Chromium (issue 6). BENCH_SIZES, BENCH_PHONE (sizes, '' for none), BENCH_PHONE_RATE, BENCH_RUNS and
// BENCH_WRITE=0 (print only) change what runs. Each cell is the median of RUNS page loads, the three variants
// taking turns load by load. Prints a Markdown table, the ratios, where the bundle's gzip bytes are (by part, and by
// file from esbuild's metafile), and writes the same to bench/results.md, which the README's Performance section
// quotes.
//
// What is measured, per run (in the page's own clock, performance.now()); each run loads the page twice: once
// traced (Chromium's trace: the longest task and longest frame rows) and once not, for every other row, since
// tracing slows the page by about a third:
// - buttons ready: from the widget's <script> starting to every product having its buttons, observed once per
//   animation frame on the last product (so the value is frame-accurate, ~16 ms). Minicart's buttons are the
//   owner's own forms, so for minicart it is the time its render() call takes.
// - first screen: the same for the last product whose top is in the first viewport.
// - longest task: the longest main-thread task (Chromium trace, RunTask) in which the widget's code ran for at
//   least 1 ms, from navigation to 1 s after load (see taskStats).
// - longest frame: the longest rendering task in the same span, for every variant: the page's own layout, and
//   what the widget's insertions add to it.
// - scripting: Chromium's ScriptDuration (Performance.getMetrics) for the whole load, page included.
// - add to cart: click on the first product's Add button → the next frame, with the cart count updated.
// - open 100 lines: a cart of 100 lines (filled a second before) opened → the end of the first frame that
//   renders it shown.
// - heap: JSHeapUsedSize after a forced GC, minus the same page without any cart.
// - memory: all a heap snapshot holds (V8's heap and Blink's DOM, style and layout objects), minus the same page
//   without any cart; one snapshot per cell.
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg, totalmem } from 'node:os';

// What else the machine was doing when the run began (its 1-minute load average): the same build's numbers move by
// a third or more between a quiet machine and a busy one, so the table says which it was.
const loadAtStart = loadavg()[0];
if (loadAtStart > 1) console.error(`bench: the machine is busy (load average ${loadAtStart.toFixed(1)}); expect noisy numbers`);

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').filter(Boolean).map(Number);
// The same pages again on a CPU made RATE times slower (Chromium's CPU throttling): what a shopper's phone does
// with them. Not one of issue 6's targets (those are for this machine), but the shoppers we are judged by.
const PHONE_RATE = Number(process.env.BENCH_PHONE_RATE ?? 4);
const PHONE_SIZES = (process.env.BENCH_PHONE ?? '100').split(',').filter(Boolean).map(Number);
const blocks = [
  ...SIZES.map((size) => ({ size, rate: 1, key: String(size), title: `${size.toLocaleString('en-US')} products` })),
  ...PHONE_SIZES.map((size) => ({
    size,
    rate: PHONE_RATE,
    key: `${size}@${PHONE_RATE}x`,
    title: `${size.toLocaleString('en-US')} products, CPU ${PHONE_RATE}× slower (a phone's, emulated)`,
  })),
];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VARIANTS = ['none', 'dropcart', 'minicart'];
const root = new URL('..', import.meta.url);

const files = {
  '/dropcart.js': await readFile(new URL('dist/dropcart.js', root)),
  '/minicart.js': await readFile(new URL('node_modules/minicart/dist/minicart.min.js', root)),
};

/** The same product card for every variant; only the widget's markup differs. */
function card(i, variant) {
  const name = `Product ${i}`;
  const price = `${(i % 90) + 10}.${String(i % 100).padStart(2, '0')}`;
  const head = `<h3>${name}</h3><p class="price">$${price}</p>`;
  if (variant === 'dropcart') {
    return `<article class="p" data-product-id="p${i}" data-product-name="${name}" data-product-price="${price}">${head}</article>`;
  }
  if (variant === 'minicart') {
    return `<article class="p">${head}<form action="https://www.paypal.com/cgi-bin/webscr" method="post">` +
      `<input type="hidden" name="cmd" value="_cart"><input type="hidden" name="add" value="1">` +
      `<input type="hidden" name="business" value="shop@example.com"><input type="hidden" name="item_name" value="${name}">` +
      `<input type="hidden" name="amount" value="${price}"><input type="hidden" name="currency_code" value="USD">` +
      `<input type="submit" name="submit" value="Add to cart"></form></article>`;
  }
  return `<article class="p">${head}</article>`;
}

function page(size, variant) {
  const cards = Array.from({ length: size }, (_, i) => card(i, variant)).join('\n');
  const widget = {
    none: '',
    dropcart: `<script>__bench.t0 = performance.now()</script><script src="/dropcart.js"></script>`,
    minicart: `<script>__bench.t0 = performance.now()</script><script src="/minicart.js"></script>` +
      `<script>paypal.minicart.render(); __bench.ready = performance.now()</script>`,
  }[variant];
  const config = variant === 'dropcart'
    ? `<script type="application/json" id="dropcart-config">{"paypal":{"clientId":"test","sdkBaseUrl":"/no-sdk"}}</script>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<meta name="viewport" content="width=device-width, initial-scale=1">${config}
<style>main{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px;font:16px system-ui}
.p{border:1px solid #ddd;padding:12px;border-radius:8px}</style></head>
<body><header><a href="#" data-cart-open>Cart <span data-cart-count>0</span></a></header><main>
${cards}
</main>${widget}</body></html>`;
}

const pages = new Map();
for (const { size } of blocks) for (const variant of VARIANTS) pages.set(`/${variant}-${size}.html`, page(size, variant));

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const body = pages.get(path) ?? files[path];
  if (!body) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'],
});

/** Runs in the page before anything else: watches, once per frame, for the buttons of `first` and `last`. */
function instrument({ variant }) {
  const bench = (window.__bench = {});
  /** ms from `t0` to the end of the first frame that starts with `shown()` true (checked at the frame's
   * requestAnimationFrame, measured in the task after it, once that frame is rendered). */
  bench.untilShown = async (t0, shown, what) => {
    for (let frames = 0; ; frames++) {
      const done = await new Promise((resolve) => requestAnimationFrame(() => {
        const now = shown();
        setTimeout(() => resolve(now));
      }));
      if (done) return performance.now() - t0;
      if (frames > 600) throw new Error(`${what} not shown`);
    }
  };
  if (variant !== 'dropcart') return;
  const watch = () => {
    const products = document.querySelectorAll('[data-product-id]');
    if (products.length) {
      // once the page is parsed (a frame during parsing sees only the first products)
      if (bench.firstIndex === undefined && document.readyState !== 'loading') {
        // the last product whose top is inside the first viewport (measured once, by the bench itself)
        let last = 0;
        while (last + 1 < products.length && products[last + 1].getBoundingClientRect().top < innerHeight) last++;
        bench.firstIndex = last;
      }
      const now = performance.now();
      if (!bench.first && bench.firstIndex !== undefined && products[bench.firstIndex].querySelector('dropcart-buttons')) bench.first = now;
      if (products[products.length - 1].querySelector('dropcart-buttons')) bench.ready = now;
    }
    if (!bench.ready) requestAnimationFrame(watch);
    else console.debug('__bench:ready'); // tells the bench without it evaluating anything in the page meanwhile
  };
  requestAnimationFrame(watch);
}

async function newContext(variant) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route((url) => !url.href.startsWith(origin), (route) => route.abort());
  await context.addInitScript(instrument, { variant });
  return context;
}

/** Loads the page in `page` and waits for the widget's buttons (dropcart), then one more second. Waits on a
 * console message, not `waitForFunction`: that would inject Playwright's own script (~10-20 ms of parse and
 * compile) into the page while dropcart is still placing buttons, and count it in dropcart's rows. */
async function load(page, size, variant) {
  const ready = variant === 'dropcart'
    ? page.waitForEvent('console', { predicate: (message) => message.text() === '__bench:ready', timeout: 60_000 })
    : null;
  await page.goto(`${origin}/${variant}-${size}.html`, { waitUntil: 'load' });
  await ready;
  await page.waitForTimeout(1000);
}

/** Everything a heap snapshot of the page holds, in bytes: V8's heap and Blink's objects on it (DOM nodes, styles,
 * layout objects and fragments), which JSHeapUsedSize leaves out. Memory outside the snapshot (images, fonts, text
 * buffers of the renderer) is not in it. */
async function snapshotBytes(cdp) {
  const chunks = [];
  const collect = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  const { snapshot, nodes } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const selfSize = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = selfSize; i < nodes.length; i += fields.length) bytes += nodes[i];
  return bytes;
}

async function measure(size, variant, rate, snapshot) {
  // Two loads: one traced, for the task and frame rows, and one not, for everything else (tracing slows the
  // page by about a third, so timings from the traced load would be worse than what visitors get).
  const traced = await newContext(variant);
  const tracedPage = await traced.newPage();
  if (rate > 1) await (await traced.newCDPSession(tracedPage)).send('Emulation.setCPUThrottlingRate', { rate });
  await browser.startTracing(tracedPage, { categories: ['toplevel', 'devtools.timeline', 'v8.execute'] });
  await load(tracedPage, size, variant);
  const result = taskStats(JSON.parse((await browser.stopTracing()).toString('utf8')), variant);
  await traced.close();

  const context = await newContext(variant);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await load(page, size, variant);
  const bench = await page.evaluate(() => window.__bench);
  if (process.env.BENCH_DEBUG) console.error(variant, size, JSON.stringify(bench));
  if (variant !== 'none') {
    result.ready = bench.ready - bench.t0;
    result.first = variant === 'dropcart' ? bench.first - bench.t0 : result.ready;
  }
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  result.scripting = metrics.ScriptDuration * 1000;
  await cdp.send('HeapProfiler.collectGarbage');
  result.heap = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value])).JSHeapUsedSize;
  // One heap snapshot per cell (the first run): it takes seconds on 10,000 products, and varies by a few KB.
  if (snapshot) {
    result.memory = await snapshotBytes(cdp);
    await page.waitForTimeout(1000); // the add below starts from a quiet page again
  }

  if (variant === 'dropcart') {
    result.add = await page.evaluate(async () => {
      const button = document.querySelector('dropcart-buttons').shadowRoot.querySelector('button');
      const count = document.querySelector('[data-cart-count]');
      const t0 = performance.now();
      button.click();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      if (count.textContent !== '1') throw new Error(`count is ${count.textContent} after one add`);
      return performance.now() - t0;
    });
    if (size >= 100) {
      result.open = await page.evaluate(async () => {
        const ids = [...document.querySelectorAll('[data-product-id]')].slice(0, 100).map((el) => el.dataset.productId);
        await Promise.all(ids.map((id) => window.DropCart.add(id)));
        if (window.DropCart.items().length !== 100) throw new Error('expected 100 lines');
        await new Promise((resolve) => setTimeout(resolve, 1000)); // a cart that has 100 lines, not one being filled
        const t0 = performance.now();
        window.DropCart.open();
        return window.__bench.untilShown(t0, () => {
          const dialog = document.querySelector('dropcart-cart').shadowRoot.querySelector('dialog');
          return dialog?.open && dialog.querySelectorAll('li').length >= 100;
        }, 'cart with 100 lines');
      });
    }
  }
  if (variant === 'minicart') {
    result.add = await page.evaluate(async () => {
      const button = document.querySelector('form input[type=submit]');
      const t0 = performance.now();
      button.click();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      if (window.paypal.minicart.cart.items().length !== 1) throw new Error('minicart did not add');
      return performance.now() - t0;
    });
    if (size >= 100) {
      result.open = await page.evaluate(async () => {
        const { cart, view } = window.paypal.minicart;
        view.hide();
        for (let i = 1; i < 100; i++) cart.add({ business: 'shop@example.com', item_name: `Product ${i}`, amount: '10.00', quantity: 1 });
        view.hide();
        if (cart.items().length !== 100) throw new Error('expected 100 minicart lines');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const t0 = performance.now();
        view.show();
        return window.__bench.untilShown(t0, () => document.querySelectorAll('#PPMiniCart .minicart-item').length >= 100, 'minicart');
      });
    }
  }
  await context.close();
  return result;
}

/** From the trace of one page load, on the renderer's main thread:
 * - longest: the longest task in which the widget's own script (by URL) ran for at least 1 ms — its code, and
 *   any style or layout it forced, since those happen inside its calls. A rendering frame in which the widget
 *   only ran a requestAnimationFrame callback of microseconds (preact schedules effects that way) is the
 *   browser's task, not the widget's; its cost shows in `frame`.
 * - frame: the longest rendering task (style, layout, paint of the page, the widget's inserted buttons
 *   included), so the layout work the widget causes is not hidden by the first row. */
function taskStats(trace, variant) {
  const events = trace.traceEvents ?? trace;
  const url = { dropcart: '/dropcart.js', minicart: '/minicart.js', none: null }[variant];
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return { longest: 0, frame: 0 };
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const ours = url
    ? onMain.filter((e) => {
        const data = e.args?.data;
        const source = data?.url ?? data?.stackTrace?.[0]?.url ?? data?.scriptName ?? '';
        return source.includes(url);
      })
    : [];
  // only the outermost of nested calls, so nothing is counted twice
  const outer = ours.filter((e) => !ours.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
  const frames = onMain.filter((e) => e.name === 'PrePaint' || e.name === 'Paint');
  let longest = 0;
  let frame = 0;
  for (const task of tasks) {
    const end = task.ts + task.dur;
    const inside = (e) => e.ts >= task.ts && e.ts <= end;
    const own = outer.filter(inside).reduce((sum, e) => sum + e.dur, 0);
    if (own >= 1000) longest = Math.max(longest, task.dur / 1000);
    if (process.env.BENCH_DEBUG && own >= 1000 && task.dur > 40000) {
      const parts = {};
      for (const e of onMain) if (inside(e) && e !== task && e.ts + e.dur <= end) parts[e.name] = (parts[e.name] ?? 0) + e.dur / 1000;
      console.error(variant, 'long task', task.dur / 1000, 'own', own / 1000, JSON.stringify(Object.entries(parts).filter(([, v]) => v > 3)));
    }
    if (frames.some(inside)) frame = Math.max(frame, task.dur / 1000);
  }
  return { longest, frame };
}

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const results = {};
/** the fastest and slowest run of each cell: this machine's noise, shown beside the median */
const ranges = {};
for (const { size, rate, key: block } of blocks) {
  // The variants take turns, run by run: this machine's load drifts over minutes, and RUNS loads of one variant
  // in a row, then of the next, would carry that drift into the ratios.
  const runs = Object.fromEntries(VARIANTS.map((variant) => [variant, []]));
  for (let i = 0; i < RUNS; i++) for (const variant of VARIANTS) runs[variant].push(await measure(size, variant, rate, i === 0));
  for (const variant of VARIANTS) {
    const cell = {};
    const range = {};
    for (const key of Object.keys(runs[variant][0])) {
      const values = runs[variant].map((r) => r[key]).filter((v) => v !== undefined);
      cell[key] = median(values);
      if (values.length) range[key] = [Math.min(...values), Math.max(...values)];
    }
    results[`${variant}-${block}`] = cell;
    ranges[`${variant}-${block}`] = range;
    process.stderr.write(`${variant} ${block}: ${JSON.stringify(cell)}\n`);
  }
}
await browser.close();
server.close();

const ms = (v) => (v === undefined ? '–' : `${v.toFixed(1)} ms`);
const mb = (v) => (v === undefined ? '–' : `${(v / 1048576).toFixed(2)} MB`);
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);
const rows = [
  ['buttons ready (all)', 'ready', ms],
  ['buttons ready (first screen)', 'first', ms],
  ['longest task running widget code', 'longest', ms],
  ['longest rendering frame (page + widget)', 'frame', ms],
  ['scripting, whole page', 'scripting', ms],
  ['add to cart → next frame', 'add', ms],
  ['open a 100-line cart → next frame', 'open', ms],
  ['JS heap added', 'heapAdded', mb],
  ['memory added (JS, DOM, styles, layout: heap snapshot)', 'memoryAdded', mb],
];
for (const { key: block } of blocks) {
  const none = results[`none-${block}`].heap;
  const noneMemory = results[`none-${block}`].memory;
  for (const variant of ['dropcart', 'minicart']) {
    results[`${variant}-${block}`].heapAdded = results[`${variant}-${block}`].heap - none;
    results[`${variant}-${block}`].memoryAdded = results[`${variant}-${block}`].memory - noneMemory;
  }
}

const sizes = {
  dropcart: gzipSync(files['/dropcart.js'], { level: 9 }).length,
  minicart: gzipSync(files['/minicart.js'], { level: 9 }).length,
};
let md = `Chromium ${browser.version()} headless, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
  `${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; median of ${RUNS} runs per cell (in small print: the fastest and the slowest), the variants taking turns; load average ${loadAtStart.toFixed(1)} when the run began; ${new Date().toISOString().slice(0, 10)}.\n\n`;
md += `| script, gzip | dropcart ${(sizes.dropcart / 1024).toFixed(1)} KB | minicart 3.0.6 ${(sizes.minicart / 1024).toFixed(1)} KB | dropcart/minicart ${ratio(sizes.dropcart, sizes.minicart)} |\n|---|---|---|---|\n\n`;
for (const { key: block, title } of blocks) {
  md += `**${title}**\n\n| | no cart | dropcart | minicart 3.0.6 | dropcart/minicart | dropcart/no cart |\n|---|---|---|---|---|---|\n`;
  for (const [label, key, format] of rows) {
    const [n, d, m] = VARIANTS.map((v) => results[`${v}-${block}`][key]);
    const paged = key === 'scripting' || key === 'frame';
    // A timing's median, then the fastest and slowest of its runs (not for memory: its noise is a few KB).
    const cell = (variant) => {
      const range = format === ms && ranges[`${variant}-${block}`][key];
      const text = format(results[`${variant}-${block}`][key]);
      return range && range[1] > 0 ? `${text} <sub>${range[0].toFixed(0)}–${range[1].toFixed(0)}</sub>` : text;
    };
    md += `| ${label} | ${paged ? cell('none') : '–'} | ${cell('dropcart')} | ${cell('minicart')} | ${ratio(d, m)} | ${paged ? ratio(d, n) : '–'} |\n`;
  }
  md += '\n';
}

// Issue 6's targets, each against this run: met or not, at a glance.
const cellOf = (variant, size) => results[`${variant}-${size}`] ?? {};
const targets = [
  ['script size ≤ 16 KB gzip', `${(sizes.dropcart / 1024).toFixed(1)} KB`, sizes.dropcart <= 16 * 1024],
  ...SIZES.map((size) => [`no task of ours over 50 ms, ${size.toLocaleString('en-US')} products`, ms(cellOf('dropcart', size).longest), cellOf('dropcart', size).longest <= 50]),
  ...SIZES.filter((size) => size === 1000).map((size) => ['all buttons within 50 ms, 1,000 products', ms(cellOf('dropcart', size).ready), cellOf('dropcart', size).ready <= 50]),
  ...SIZES.map((size) => [`add → count and cart updated within 16 ms, ${size.toLocaleString('en-US')} products`, ms(cellOf('dropcart', size).add), cellOf('dropcart', size).add <= 16]),
  ...SIZES.map((size) => [`open a 100-line cart ≤ 50 ms, ${size.toLocaleString('en-US')} products`, ms(cellOf('dropcart', size).open), cellOf('dropcart', size).open <= 50]),
  ...SIZES.filter((size) => size === 1000).map((size) => ['heap added ≤ 2 MB, 1,000 products', mb(cellOf('dropcart', size).heapAdded), cellOf('dropcart', size).heapAdded <= 2 * 1048576]),
];
const rowsBehind = blocks.flatMap(({ key: block, size, rate }) =>
  rows
    .filter(([, key]) => cellOf('dropcart', block)[key] > cellOf('minicart', block)[key])
    // "clearly": even dropcart's fastest run was slower than minicart's slowest
    .map(([label, key]) => {
      // (heap added is heap minus the same page's without a cart: compare the heaps themselves)
      const [ours, theirs] = ['dropcart', 'minicart'].map((variant) => ranges[`${variant}-${block}`][{ heapAdded: 'heap', memoryAdded: 'memory' }[key] ?? key]);
      const clearly = ours && theirs && ours[0] > theirs[1] ? ', clearly' : '';
      return `${label} (${size.toLocaleString('en-US')}${rate > 1 ? `, ${rate}× CPU` : ''}${clearly})`;
    }),
);
targets.push(['dropcart ahead of minicart on every row', rowsBehind.length ? `behind on ${rowsBehind.length}: ${rowsBehind.join('; ')}` : 'ahead on all', rowsBehind.length === 0]);
md += `**Issue 6's targets in this run**\n\n| target | measured | met |\n|---|---|---|\n`;
for (const [target, measured, met] of targets) md += `| ${target} | ${measured} | ${met ? 'yes' : '**no**'} |\n`;
md += `\n`;

// Where the bytes are, for issue 6's size budget: the bundle as dist/dropcart.js is built (esbuild.config.mjs's own
// options and plugins, before terser), its characters traced to their source through the source map, grouped by
// part. A part's bytes are what the gzip size falls by without its characters: gzip shares strings across parts,
// so the parts add up to a little less than the whole.
const { common } = await import('../esbuild.config.mjs');
const analysis = await build({ ...common, entryPoints: ['src/index.ts'], format: 'iife', outfile: 'x.js', sourcemap: 'external' });
const bundleJs = analysis.outputFiles.find((file) => file.path.endsWith('.js')).text;
const sourceMap = JSON.parse(analysis.outputFiles.find((file) => file.path.endsWith('.map')).text);
const PARTS = [
  ["preact (the cart's UI library)", /node_modules\/preact\//],
  ['nanostores (state)', /node_modules\/nanostores\//],
  ["PayPal's script loader (@paypal/paypal-js)", /node_modules\/@paypal\//],
  ['built-in languages besides English (7)', /src\/i18n\/(?!en\.|index\.)/],
  ['English texts and the translator', /src\/i18n\//],
  ['styles (CSS of the buttons and the cart)', /src\/ui\/styles\.ts/],
  ['the cart and the product buttons (dialog, floating button, buttons)', /src\/ui\//],
  ['reading products (attributes, schema.org, JSON-LD, Snipcart; the scanner)', /src\/catalog\//],
  ['checking the config', /src\/config\//],
  ['cart lines, totals, storage, money', /src\/(cart|money)\//],
  ['checkout (PayPal buttons, orders, server mode client)', /src\/checkout\//],
  ['start-up, API, events, analytics, messages', /./],
];
const partOfSource = sourceMap.sources.map((source) => PARTS.findIndex(([, test]) => test.test(source)));
/** the part each character of the bundle comes from (-1: none, esbuild's own glue) */
const owner = new Int8Array(bundleJs.length).fill(-1);
{
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lineStarts = [0];
  for (let i = 0; i < bundleJs.length; i++) if (bundleJs[i] === '\n') lineStarts.push(i + 1);
  const starts = []; // [offset, part] of every mapping, in order
  let source = 0;
  sourceMap.mappings.split(';').forEach((row, line) => {
    let column = 0;
    for (const segment of row.split(',')) {
      if (!segment) continue;
      const fields = [];
      for (let i = 0, value = 0, shift = 0; i < segment.length; i++) {
        const digit = B64.indexOf(segment[i]);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      starts.push([lineStarts[line] + column, fields.length > 1 ? partOfSource[source] : -1]);
    }
  });
  starts.forEach(([from, part], i) => owner.fill(part, from, i + 1 < starts.length ? starts[i + 1][0] : bundleJs.length));
}
const gzipOf = (text) => gzipSync(text, { level: 9 }).length;
const bundleGzip = gzipOf(bundleJs);
const parts = PARTS.map(([label], part) => {
  let rest = '';
  let own = 0;
  for (let i = 0; i < bundleJs.length; i++) if (owner[i] === part) own++; else rest += bundleJs[i];
  return [label, own, bundleGzip - gzipOf(rest)];
}).sort((a, b) => b[2] - a[2]);
md += `**Where the bytes are** (esbuild's bundle before terser, ${(bundleGzip / 1024).toFixed(1)} KB gzip; a part's gzip bytes are what the whole falls by without it)\n\n`;
md += `| part | minified bytes | gzip bytes |\n|---|---|---|\n`;
for (const [label, own, gzip] of parts) md += `| ${label} | ${own.toLocaleString('en-US')} | ${gzip.toLocaleString('en-US')} |\n`;
// The same bundle by file, from esbuild's metafile (each input's bytes in the minified output): which files to
// look at within a part.
const inputs = Object.entries(Object.values(analysis.metafile.outputs).find((output) => output.entryPoint).inputs)
  .map(([file, { bytesInOutput }]) => [file, bytesInOutput])
  .filter(([, bytes]) => bytes > 0)
  .sort((a, b) => b[1] - a[1]);
const TOP_FILES = 15;
const otherFiles = inputs.slice(TOP_FILES);
md += `\n**By file** (esbuild's metafile: each input's bytes in the minified bundle, largest first)\n\n| file | minified bytes |\n|---|---|\n`;
for (const [file, bytes] of inputs.slice(0, TOP_FILES)) md += `| \`${file}\` | ${bytes.toLocaleString('en-US')} |\n`;
if (otherFiles.length) md += `| ${otherFiles.length} more files | ${otherFiles.reduce((sum, [, bytes]) => sum + bytes, 0).toLocaleString('en-US')} |\n`;

console.log(md);
if (process.env.BENCH_WRITE === '0') process.exit(0); // a trial run: print only
await writeFile(new URL('bench/results.md', root), md);
// The README's Performance section quotes this run, between its bench markers.
const readmeUrl = new URL('README.md', root);
const readme = await readFile(readmeUrl, 'utf8');
const marked = /(<!-- bench -->\n)[\s\S]*?(<!-- \/bench -->)/;
if (marked.test(readme)) await writeFile(readmeUrl, readme.replace(marked, (_, open, close) => `${open}${md}${close}`));
