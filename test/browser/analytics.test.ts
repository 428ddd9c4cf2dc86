// GA4 ecommerce events on window.dataLayer (SPEC §8 "Analytics") for a whole purchase in Chromium, against
// the PayPal simulator: what Google Tag Manager's preview would show, in order.
import { beforeEach, describe, expect, it } from 'vitest';
import { dialog, PAYPAL, paypalButton, pollOf, resetSim, simOrders, visible } from './checkout-helpers';
import { dropcartPage, useShop } from './harness';

const shop = useShop();

beforeEach(async () => {
  shop.context.setDefaultTimeout(5000);
  await resetSim(shop);
});

const PRODUCTS = `
<article id="tee" data-product-id="tee" data-product-name="Black tee" data-product-price="20.00"
  data-product-option1-name="Size" data-product-option1-values="M|L[+2.00]"><h2>Black tee</h2></article>
<article id="mug" data-product-id="mug" data-product-name="Mug" data-product-price="12.50"><h2>Mug</h2></article>`;

const CONFIG = { paypal: PAYPAL, shipping: { methods: [{ id: 'post', label: 'Post', amount: '5.00' }] }, tax: { rate: '10' } };

type Push = { event?: string; ecommerce?: Record<string, any> | null };
const dataLayer = (): Promise<Push[]> => shop.page.evaluate(() => (window as unknown as { dataLayer?: Push[] }).dataLayer ?? []);
/** The GA4 events pushed (not GTM's own), each checked to follow a push that clears the previous ecommerce object. */
async function ga4Events(): Promise<Push[]> {
  const layer = await dataLayer();
  return layer.flatMap((push, index) => {
    if (!push.event || push.event.startsWith('gtm.')) return [];
    expect(layer[index - 1], `the push before ${push.event}`).toEqual({ ecommerce: null });
    return [push];
  });
}

async function fullPurchase(): Promise<void> {
  const add = (scope: string) => shop.page.locator(scope).getByRole('button', { name: /^Add to cart/ });
  await shop.page.locator('#tee').getByRole('combobox', { name: 'Size' }).selectOption('L');
  await add('#tee').click();
  await add('#tee').click();
  await add('#mug').click();
  await shop.page.getByRole('button', { name: /^Cart, / }).click();
  await dialog(shop.page).getByRole('button', { name: 'Remove Mug' }).click();
  await visible(paypalButton(shop.page));
  await paypalButton(shop.page).click();
  await visible(dialog(shop.page).getByText('Thank you! Your payment is complete.'));
}

const TEE_L = { item_id: 'tee', item_name: 'Black tee', item_variant: 'Size: L', price: 22 };

describe('GA4 dataLayer events of a full purchase', () => {
  it('pushes add_to_cart, view_cart, remove_from_cart, begin_checkout and purchase with GA4 ecommerce fields', async () => {
    await shop.page.goto(dropcartPage(PRODUCTS, { config: CONFIG, head: '<script>window.dataLayer = [];</script>' }));
    await fullPurchase();
    const [order] = await simOrders(shop);
    expect(order?.status).toBe('COMPLETED');
    await pollOf(async () => (await ga4Events()).map((push) => push.event)).toEqual([
      'add_to_cart',
      'add_to_cart',
      'add_to_cart',
      'view_cart',
      'remove_from_cart',
      'begin_checkout',
      'purchase',
    ]);
    const events = await ga4Events();
    expect(events[0]!.ecommerce).toEqual({ currency: 'USD', value: 22, items: [{ ...TEE_L, quantity: 1 }] });
    expect(events[2]!.ecommerce).toEqual({ currency: 'USD', value: 12.5, items: [{ item_id: 'mug', item_name: 'Mug', price: 12.5, quantity: 1 }] });
    expect(events[3]!.ecommerce).toEqual({
      currency: 'USD',
      value: 56.5,
      items: [{ ...TEE_L, quantity: 2 }, { item_id: 'mug', item_name: 'Mug', price: 12.5, quantity: 1 }],
    });
    expect(events[4]!.ecommerce).toEqual({ currency: 'USD', value: 12.5, items: [{ item_id: 'mug', item_name: 'Mug', price: 12.5, quantity: 1 }] });
    // 2 × 22.00 + 5.00 shipping + 10 % tax on the goods (4.40)
    expect(events[5]!.ecommerce).toEqual({ currency: 'USD', value: 53.4, items: [{ ...TEE_L, quantity: 2 }] });
    expect(events[6]!.ecommerce).toEqual({
      transaction_id: order!.id,
      currency: 'USD',
      value: 53.4,
      tax: 4.4,
      shipping: 5,
      items: [{ ...TEE_L, quantity: 2 }],
    });
  });

  it('reaches a dataLayer that Google Tag Manager creates after dropcart has started', async () => {
    await shop.page.goto(dropcartPage(PRODUCTS, { config: CONFIG }));
    await shop.page.evaluate(() => window.DropCart.ready);
    expect(await shop.page.evaluate(() => 'dataLayer' in window)).toBe(false);
    // what GTM's snippet does first
    await shop.page.evaluate(() => {
      const page = window as unknown as { dataLayer: unknown[] };
      page.dataLayer = page.dataLayer || [];
      page.dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });
    });
    await fullPurchase();
    await pollOf(async () => (await ga4Events()).map((push) => push.event)).toEqual([
      'add_to_cart',
      'add_to_cart',
      'add_to_cart',
      'view_cart',
      'remove_from_cart',
      'begin_checkout',
      'purchase',
    ]);
    expect((await dataLayer())[0]).toMatchObject({ event: 'gtm.js' });
  });
});
