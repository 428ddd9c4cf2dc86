import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { emit } from '../../src/events';
import { connectAnalytics } from '../../src/events/analytics';
import type { Line, Totals } from '../../src/types';

type Layer = Record<string, unknown>[];
const page = window as unknown as { dataLayer?: Layer; gtag?: (...args: unknown[]) => void; google_tag_manager?: Record<string, unknown> };

const tee: Line = { id: 'tee?Size=L', productId: 'tee', name: 'Black tee', price: '21.99', quantity: 3, options: { Size: 'L' }, url: 'https://shop.test/', sku: 'tee' };
const totals: Totals = { count: 3, subtotal: '65.97', shipping: '4.95', tax: '5.85', total: '76.77', currency: 'USD' };

let disconnect = (): void => {};
const connect = (raw: unknown, items: Line[] = [tee]): void => {
  disconnect = connectAnalytics(parseConfig(raw), () => ({ items, totals }));
};

describe('GA4 dataLayer events', () => {
  beforeEach(() => {
    delete page.dataLayer;
  });
  afterEach(() => {
    disconnect();
    delete page.dataLayer;
    delete page.gtag;
    delete page.google_tag_manager;
  });

  it('sends gtag("event", …) on a gtag.js page without Google Tag Manager, which ignores plain dataLayer objects', () => {
    page.dataLayer = [];
    const calls: unknown[][] = [];
    page.gtag = (...args: unknown[]) => calls.push(args);
    connect({});
    emit('add', { line: tee, quantity: 1 });
    expect(calls).toEqual([['event', 'add_to_cart', { currency: 'USD', value: 21.99, items: [{ item_id: 'tee', item_name: 'Black tee', item_variant: 'Size: L', price: 21.99, quantity: 1 }] }]]);
    expect(page.dataLayer).toEqual([]);
  });

  it('pushes the GTM shape, not gtag events, when a Google Tag Manager container is on the page', () => {
    page.dataLayer = [];
    const calls: unknown[][] = [];
    page.gtag = (...args: unknown[]) => calls.push(args);
    page.google_tag_manager = { 'GTM-ABC123': {}, 'G-XYZ': {} };
    connect({});
    emit('add', { line: tee, quantity: 1 });
    expect(calls).toEqual([]);
    expect((page.dataLayer.at(-1) as { event: string }).event).toBe('add_to_cart');
  });

  it('pushes add_to_cart with the quantity added, after clearing the previous ecommerce object', () => {
    connect({ analytics: { dataLayer: true } });
    emit('add', { line: tee, quantity: 2 });
    const layer = page.dataLayer as Layer;
    expect(layer.slice(-2)).toEqual([
      { ecommerce: null },
      {
        event: 'add_to_cart',
        ecommerce: { currency: 'USD', value: 43.98, items: [{ item_id: 'tee', item_name: 'Black tee', item_variant: 'Size: L', price: 21.99, quantity: 2 }] },
      },
    ]);
  });

  it('computes value in minor units, so 3 × 0.10 is 0.3 and not 0.30000000000000004', () => {
    connect({ analytics: { dataLayer: true } }, []);
    emit('add', { line: { ...tee, price: '0.10' }, quantity: 3 });
    const last = (page.dataLayer as Layer).at(-1) as { ecommerce: { value: number } };
    expect(last.ecommerce.value).toBe(0.3);
  });

  it('pushes purchase with transaction_id, value, tax, shipping and items', () => {
    connect({ analytics: { dataLayer: true } });
    emit('approve', { orderId: '5O190127TN364715T', items: [tee], totals, capture: {} });
    const last = (page.dataLayer as Layer).at(-1) as { event: string; ecommerce: Record<string, unknown> };
    expect(last.event).toBe('purchase');
    expect(last.ecommerce).toMatchObject({ transaction_id: '5O190127TN364715T', currency: 'USD', value: 76.77, tax: 5.85, shipping: 4.95 });
  });

  it('pushes view_cart on open with the current lines', () => {
    connect({ analytics: { dataLayer: true } });
    emit('open', {});
    const last = (page.dataLayer as Layer).at(-1) as { event: string; ecommerce: { value: number; items: unknown[] } };
    expect(last.event).toBe('view_cart');
    expect(last.ecommerce.value).toBe(65.97);
    expect(last.ecommerce.items).toHaveLength(1);
  });

  it('in "auto" mode pushes only once the page has a dataLayer, so GTM loaded later still gets events', () => {
    connect({}, []);
    emit('remove', { line: tee });
    expect(page.dataLayer).toBeUndefined();
    page.dataLayer = [];
    emit('remove', { line: tee });
    expect(page.dataLayer.map((entry) => entry.event).filter(Boolean)).toEqual(['remove_from_cart']);
  });

  it('never pushes when analytics.dataLayer is false', () => {
    connect({ analytics: { dataLayer: false } }, []);
    page.dataLayer = [];
    emit('checkout', { items: [tee], totals });
    expect(page.dataLayer).toEqual([]);
  });
});
