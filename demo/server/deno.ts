// Server mode on Deno and Deno Deploy (SPEC §7):
//   deno run --allow-net --allow-env --allow-read deno.ts
// with deno.json { "imports": { "dropcart/server": "npm:dropcart/server" } } (or import "npm:dropcart/server").
// Environment: PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, PAYPAL_ENVIRONMENT ("sandbox" or "production"),
// ALLOWED_ORIGINS when the pages live on another origin. Page config: "serverUrl": "https://<deploy>/api/checkout".

import { createCheckoutHandler } from 'dropcart/server';

declare const Deno: {
  env: { get(name: string): string | undefined };
  readTextFile(path: URL): Promise<string>;
  serve(handler: (request: Request) => Response | Promise<Response>): unknown;
};

const allowed = Deno.env.get('ALLOWED_ORIGINS');
const checkout = createCheckoutHandler({
  catalog: JSON.parse(await Deno.readTextFile(new URL('./catalog.json', import.meta.url))),
  clientId: Deno.env.get('PAYPAL_CLIENT_ID') ?? '',
  clientSecret: Deno.env.get('PAYPAL_CLIENT_SECRET') ?? '',
  environment: Deno.env.get('PAYPAL_ENVIRONMENT') === 'production' ? 'production' : 'sandbox',
  ...(allowed ? { allowedOrigins: allowed.split(',') } : {}),
  onCaptured(order) {
    console.log('paid', order.id);
  },
});

// Routes match the end of the path, so /api/checkout/orders and /orders both work.
Deno.serve(checkout);
