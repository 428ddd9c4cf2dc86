// `dropcart/server` (SPEC §7): the checkout handler of server mode and the catalog it prices orders from.
// Built into dist/server.mjs, never into dist/dropcart.js: it holds no secret, but it is of no use in a page.

export { createCheckoutHandler, MAX_BODY_BYTES } from './handler';
export { validateCatalog } from './catalog';
export { PAYPAL_API_BASE } from './paypal';
export type {
  Catalog,
  CatalogOption,
  CatalogOptionValue,
  CatalogProduct,
  CatalogShippingMethod,
  CatalogStore,
  CatalogValidation,
  CheckoutErrorCode,
  CheckoutHandler,
  CheckoutHandlerOptions,
  PayPalOrder,
} from './types';
