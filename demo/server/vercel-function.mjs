// Server mode on Vercel Functions (SPEC §7): save as api/checkout/[...path].mjs, with catalog.json beside it.
// Environment variables (Project → Settings): PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, PAYPAL_ENVIRONMENT
// ("sandbox" or "production"). Page config: "serverUrl": "/api/checkout".

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

// Web-standard handlers, one export per method; the handler answers 405 to anything but POST itself.
export const POST = (request) => checkout(request);
export const OPTIONS = (request) => checkout(request);
export const GET = (request) => checkout(request);
