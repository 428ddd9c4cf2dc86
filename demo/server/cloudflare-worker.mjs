// Server mode on Cloudflare Workers (SPEC §7). wrangler.toml: main = "cloudflare-worker.mjs", and a route
// such as "shop.example/api/checkout/*". Secrets: `wrangler secret put PAYPAL_CLIENT_SECRET` (and
// PAYPAL_CLIENT_ID); variables PAYPAL_ENVIRONMENT ("sandbox" or "production") and, when the shop's pages
// live on another origin, ALLOWED_ORIGINS ("https://shop.example").
// Page config: "paypal": { "clientId": "<the same client id>", "serverUrl": "/api/checkout" }.

import { createCheckoutHandler } from 'dropcart/server';
import catalog from './catalog.json';

let checkout;

export default {
  async fetch(request, env) {
    // Secrets arrive with the first request; the handler (and its token cache) lives as long as the isolate.
    checkout ??= createCheckoutHandler({
      catalog,
      clientId: env.PAYPAL_CLIENT_ID,
      clientSecret: env.PAYPAL_CLIENT_SECRET,
      environment: env.PAYPAL_ENVIRONMENT === 'production' ? 'production' : 'sandbox',
      allowedOrigins: env.ALLOWED_ORIGINS ? env.ALLOWED_ORIGINS.split(',') : undefined,
      async onCaptured(order) {
        // e.g. store it: await env.ORDERS.put(order.id, JSON.stringify(order));
        console.log('paid', order.id);
      },
    });
    return checkout(request);
  },
};
