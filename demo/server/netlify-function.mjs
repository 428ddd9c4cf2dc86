// Server mode on Netlify Functions (SPEC §7): save as netlify/functions/checkout.mjs, next to catalog.json.
// Environment variables (Site settings → Environment): PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET,
// PAYPAL_ENVIRONMENT ("sandbox" or "production"). Page config: "serverUrl": "/api/checkout".

import { createCheckoutHandler } from 'dropcart/server';
import catalog from './catalog.json' with { type: 'json' };

const checkout = createCheckoutHandler({
  catalog,
  clientId: process.env.PAYPAL_CLIENT_ID,
  clientSecret: process.env.PAYPAL_CLIENT_SECRET,
  environment: process.env.PAYPAL_ENVIRONMENT === 'production' ? 'production' : 'sandbox',
  onCaptured(order) {
    console.log('paid', order.id);
  },
});

export default (request) => checkout(request);

// Serves /api/checkout/orders and /api/checkout/orders/{id}/capture on the site's own origin.
export const config = { path: ['/api/checkout/orders', '/api/checkout/orders/:id/capture'] };
