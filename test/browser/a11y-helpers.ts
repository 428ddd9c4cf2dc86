// Shared pieces of the look-and-access browser tests (a11y, keyboard, host-css, look): the demo shop with
// checkout pointed at the PayPal simulator, axe runs, and readers that look into dropcart's shadow roots.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { PAYPAL } from './checkout-helpers';
import type { ShopFixture } from './harness';

/**
 * Serves the demo pages (demo/*.html, unchanged on disk) with their config pointed at the PayPal simulator,
 * as `npm run demo:offline` does, and `extra` merged into the config.
 */
export async function demoWithSimulator(shop: ShopFixture, extra: Record<string, unknown> = {}): Promise<void> {
  await shop.context.route(/\/demo\/([\w-]+\.html)?$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      /(<script type="application\/json" id="dropcart-config">)([\s\S]*?)(<\/script>)/,
      (_all, open: string, json: string, close: string) => {
        const config = { ...JSON.parse(json), ...extra };
        config.paypal = { ...config.paypal, sdkBaseUrl: PAYPAL.sdkBaseUrl };
        return open + JSON.stringify(config) + close;
      },
    );
    await route.fulfill({ response, body: html });
  });
}

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Every axe violation on the page, or inside `include` (a selector): all the rules axe runs by default,
 * WCAG 2.2 A and AA and best practices. */
export async function axeViolations(page: Page, include?: string): Promise<Violation[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const results = await builder.analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((node) => JSON.stringify(node.target)),
  }));
}

/** The element that has focus, looking into open shadow roots: its id, aria-label or text, and tag. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return null;
    const name = active.getAttribute('aria-label') || active.id || (active.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${active.localName}: ${name}`;
  });
