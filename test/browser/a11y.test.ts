// Accessibility of the demo shop with dropcart (SPEC §6, WCAG 2.2 AA), checked by axe-core
// (@axe-core/playwright), which looks into dropcart's open shadow roots: the cart closed, open with lines,
// empty, after a payment and after a declined one, in light and dark. axe's colour-contrast rule is the
// 4.5:1 check of both themes.
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations, demoWithSimulator } from './a11y-helpers';
import { addToCart, buyerWill, dialog, paypalButton, visible } from './checkout-helpers';
import { useShop } from './harness';

const shop = useShop();

afterEach(() => {
  expect(shop.errors).toEqual([]);
});

const cart = () => dialog(shop.page);

async function openDemo(path = '/demo/'): Promise<void> {
  await demoWithSimulator(shop);
  await shop.page.goto(path);
  await shop.page.evaluate(() => window.DropCart.ready);
}

async function openCartWithLines(): Promise<void> {
  await addToCart(shop.page, 'house-blend', { options: { Size: '500 g' } });
  await addToCart(shop.page, 'everyday-mug', { quantity: 2 });
  await addToCart(shop.page, 'brew-guide-pdf');
  await shop.page.getByRole('link', { name: /^Cart/ }).click();
  await cart().waitFor();
  await visible(paypalButton(shop.page));
}

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`in ${colorScheme} mode`, () => {
    it.each(['/demo/', '/demo/later.html', '/demo/about.html'])('has no violations on %s with the cart closed', async (path) => {
      await shop.reset({ colorScheme });
      await openDemo(path);
      if (path === '/demo/') {
        // The product buttons and dropcart's option selectors are on the page.
        await shop.page.getByRole('button', { name: /^Add to cart/ }).first().waitFor();
      }
      if (path === '/demo/later.html') {
        // The product that arrives 1.5 s after load is checked too, with its buttons, once its fade-in is over:
        // the page is then the same at every run, however loaded the machine.
        await shop.page.locator('[data-product-id="cold-brew-concentrate"] dropcart-buttons').waitFor();
        await shop.page.evaluate(() =>
          Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished)),
        );
      }
      expect(await axeViolations(shop.page)).toEqual([]);
    });

    it('has no violations with the floating cart button shown', async () => {
      await shop.reset({ colorScheme });
      await openDemo();
      await shop.page.evaluate(() => document.querySelector('[data-cart-open]')?.removeAttribute('data-cart-open'));
      await addToCart(shop.page, 'yirgacheffe');
      await shop.page.evaluate(() => window.DropCart.scan());
      await shop.page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
      expect(await axeViolations(shop.page)).toEqual([]);
    });

    it('has no violations with the cart open with lines and PayPal ready', async () => {
      await shop.reset({ colorScheme });
      await openDemo();
      await openCartWithLines();
      expect(await axeViolations(shop.page)).toEqual([]);
    });

    it('has no violations with the cart open and empty', async () => {
      await shop.reset({ colorScheme });
      await openDemo();
      await shop.page.getByRole('link', { name: /^Cart/ }).click();
      await cart().getByText('Your cart is empty.').waitFor();
      expect(await axeViolations(shop.page)).toEqual([]);
    });

    it('has no violations with a price-change notice in the cart', async () => {
      await shop.reset({ colorScheme });
      await openDemo();
      await addToCart(shop.page, 'yirgacheffe');
      await shop.page.evaluate(() => document.querySelector('[data-product-id="yirgacheffe"]')?.setAttribute('data-product-price', '21.00'));
      await shop.page.getByRole('link', { name: /^Cart/ }).click();
      await cart().locator('[part=notice]').waitFor();
      expect(await axeViolations(shop.page)).toEqual([]);
    });

    it('has no violations on the success view after a payment', async () => {
      await shop.reset({ colorScheme });
      await openDemo();
      await openCartWithLines();
      await buyerWill(shop.page, 'scenario=approve&delay=0');
      await paypalButton(shop.page).click();
      await cart().getByRole('heading', { name: 'Thank you! Your payment is complete.' }).waitFor({ timeout: 15000 });
      expect(await axeViolations(shop.page)).toEqual([]);
    });

    it('has no violations with the error shown after a declined payment', async () => {
      await shop.reset({ colorScheme });
      await openDemo();
      await openCartWithLines();
      await buyerWill(shop.page, 'scenario=decline&delay=0');
      await paypalButton(shop.page).click();
      await cart().getByRole('alert').waitFor({ timeout: 15000 });
      expect(await axeViolations(shop.page)).toEqual([]);
    });

    it('has no violations in the Buy now view', async () => {
      await shop.reset({ colorScheme });
      await openDemo();
      await shop.page.getByRole('button', { name: 'Buy now: House Blend' }).click();
      await cart().waitFor();
      await visible(paypalButton(shop.page));
      expect(await axeViolations(shop.page)).toEqual([]);
    });
  });
}

describe('with theme.mode set in the config', () => {
  it('has no violations with theme.mode "light" on a dark system', async () => {
    await shop.reset({ colorScheme: 'dark' });
    await demoWithSimulator(shop, { theme: { mode: 'light' } });
    await shop.page.goto('/demo/');
    await shop.page.evaluate(() => window.DropCart.ready);
    await openCartWithLines();
    expect(await axeViolations(shop.page)).toEqual([]);
  });

  // "dark" is for dark sites: the demo's light page is not one, so only the cart (an overlay) is checked.
  it('has no violations in the open cart with theme.mode "dark" on a light system', async () => {
    await demoWithSimulator(shop, { theme: { mode: 'dark' } });
    await shop.page.goto('/demo/');
    await shop.page.evaluate(() => window.DropCart.ready);
    await openCartWithLines();
    expect(await axeViolations(shop.page, 'dropcart-cart')).toEqual([]);
  });
});

describe('the check itself', () => {
  it('sees into dropcart’s shadow roots: an owner theme with too little contrast is reported', async () => {
    await openDemo();
    await openCartWithLines();
    await shop.page.evaluate(() => document.documentElement.style.setProperty('--dropcart-text', '#c8c8c8'));
    const violations = await axeViolations(shop.page, 'dropcart-cart');
    expect(violations.map((v) => v.id)).toEqual(['color-contrast']);
    expect(violations[0]?.targets.every((target) => target.startsWith('[["dropcart-cart"'))).toBe(true);
  });
});
