// The plain-Node recipe of server mode (demo/server/server.mjs) run as an owner runs it: `node server.mjs`, its
// in-process PayPal simulator, the demo shop switched to server mode. A shopper lowers a price in the page and
// buys; PayPal charges the catalog's price and the shop says thank you (issue 8, "Done when").
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openBrowser, ROOT } from './harness';

let recipe: ChildProcess;
let url = '';
let browser: Browser;
let page: Page;
const captured: string[] = [];

beforeAll(async () => {
  recipe = spawn(process.execPath, ['demo/server/server.mjs'], { cwd: ROOT, env: { ...process.env, PORT: '0', PAYPAL_CLIENT_ID: '', PAYPAL_API_BASE: '' } });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    recipe.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      for (const line of out.split('\n')) if (line.includes('Paid:')) captured.push(line.trim());
      const found = /demo shop in server mode:\s+(http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    recipe.once('exit', (code) => reject(new Error(`demo/server/server.mjs exited with ${code}: ${out}`)));
  });
  browser = await openBrowser();
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  recipe?.kill('SIGTERM');
});

describe('the Node recipe of server mode', () => {
  it('charges the catalog price for a product whose price the shopper lowered in the page', async () => {
    await page.goto(url);
    await page.evaluate(() => window.DropCart.ready);
    const catalogPrice = await page.locator('[data-product-id="everyday-mug"]').getAttribute('data-product-price');
    // The shopper's edit: the mug for one cent.
    await page.locator('[data-product-id="everyday-mug"]').evaluate((el) => el.setAttribute('data-product-price', '0.01'));
    await page.evaluate(() => window.DropCart.add('everyday-mug'));
    expect(await page.evaluate(() => window.DropCart.items()[0]?.price)).toBe('0.01');

    await page.evaluate(() => window.DropCart.open());
    const button = page.locator('[data-paypal-sim="buttons"]');
    await button.first().waitFor({ timeout: 15_000 });
    await button.first().click();
    await page.getByRole('heading', { name: 'Thank you! Your payment is complete.' }).waitFor({ timeout: 15_000 });

    // The owner's log (onCaptured) shows what PayPal captured: the catalog price plus shipping and tax, never 0.01.
    await expect.poll(() => captured.length, { timeout: 5000 }).toBe(1);
    const charged = /Paid: order \S+, ([\d.]+) USD/.exec(captured[0]!)?.[1];
    expect(Number(charged)).toBeGreaterThan(Number(catalogPrice));
    expect(await page.evaluate(() => window.DropCart.items())).toEqual([]);
  });
});
