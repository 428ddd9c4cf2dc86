// Markup dropcart also understands (SPEC §9) in a real browser: schema.org Product microdata and JSON-LD,
// Snipcart v3 markup, and the scan.schemaOrg / scan.snipcart switches that turn them off. Every page loads
// the built dist/dropcart.js the way an owner's page does.
import { afterEach, describe, expect, it } from 'vitest';
import { dropcartPage, useShop } from './harness';

const shop = useShop();

afterEach(() => {
  expect(shop.errors).toEqual([]);
});

async function open(path: string): Promise<void> {
  await shop.page.goto(path);
  await shop.page.evaluate(() => window.DropCart.ready);
}

/** Lets the page's MutationObserver and any pending tasks run. */
const settle = (): Promise<void> => shop.page.evaluate(() => new Promise<void>((done) => setTimeout(done, 100)));
const items = () => shop.page.evaluate(() => window.DropCart.items());
const brief = async () => (await items()).map(({ productId, price, quantity, options }) => ({ productId, price, quantity, options }));
const totals = () => shop.page.evaluate(() => window.DropCart.totals());
const addButtons = (scope = 'body') => shop.page.locator(scope).getByRole('button', { name: /^Add to cart/ });
const buyButtons = (scope = 'body') => shop.page.locator(scope).getByRole('button', { name: /^Buy now/ });
const floatingCartButton = () => shop.page.getByRole('button', { name: /^Cart, / });
const warnings = (): string[] =>
  shop.messages
    .filter((m) => m.type === 'warning' && m.text.startsWith('[dropcart]'))
    .map((m) => m.text.replace(/ JSHandle@\w+$/, '')); // the element, logged after the text
const pollWarnings = () => expect.poll(warnings, { timeout: 5000 });

// ---- schema.org microdata -------------------------------------------------------------------------------

/** A Product microdata card: `offer` is the Offer's inner markup, or `offers` all the offers' markup;
 * `attrs` adds attributes to the card, `extra` content. */
function microdata(
  id: string,
  {
    sku = 'tee-1',
    offer = '<meta itemprop="price" content="19.99"><meta itemprop="priceCurrency" content="USD">',
    offers = `<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">${offer}</div>`,
    attrs = '',
    extra = '',
  }: { sku?: string; offer?: string; offers?: string; attrs?: string; extra?: string } = {},
): string {
  return `<div id="${id}" itemscope itemtype="https://schema.org/Product" ${attrs}>
  <h2 itemprop="name">Black
     tee</h2>
  <img itemprop="image" src="/img/tee.jpg" alt="">
  <p itemprop="description">Soft cotton.</p>
  ${sku ? `<span>SKU: <span itemprop="sku">${sku}</span></span>` : ''}
  ${extra}
  ${offers}
</div>`;
}

describe('schema.org Product microdata', () => {
  it('gives a Product element buttons that add it with its sku, name, image and the Offer price', async () => {
    await open(dropcartPage(microdata('tee')));
    expect(await addButtons('#tee').count()).toBe(1);
    expect(await buyButtons('#tee').count()).toBe(1);
    await addButtons('#tee').click();
    await expect.poll(brief).toEqual([{ productId: 'tee-1', price: '19.99', quantity: 1, options: {} }]);
    const [line] = await items();
    expect(line).toMatchObject({ name: 'Black tee', sku: 'tee-1', image: `${shop.url}/img/tee.jpg` });
    expect(warnings()).toEqual([]);
  });

  it('reads the price from visible text and from the Offer of the store currency among several', async () => {
    const offers = `<div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price">18.00</span>
      <meta itemprop="priceCurrency" content="EUR"></div>
    <div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><span itemprop="price">21.50</span>
      <link itemprop="availability" href="https://schema.org/InStock"><meta itemprop="priceCurrency" content="USD"></div>`;
    await open(dropcartPage(`<div id="mug" itemscope itemtype="https://schema.org/Product"><b itemprop="name">Mug</b>
      <meta itemprop="productID" content="mug-7">${offers}</div>`));
    await addButtons('#mug').click();
    await expect.poll(brief).toEqual([{ productId: 'mug-7', price: '21.50', quantity: 1, options: {} }]);
  });

  it('lets data-product-* attributes on the element win over the microdata', async () => {
    await open(dropcartPage(microdata('tee', { attrs: 'data-product-id="tee-local" data-product-price="15.00" data-product-option1-name="Size" data-product-option1-values="S|L[+1.00]"' })));
    await shop.page.getByRole('combobox', { name: 'Size' }).selectOption('L');
    await addButtons('#tee').click();
    await expect.poll(brief).toEqual([{ productId: 'tee-local', price: '16.00', quantity: 1, options: { Size: 'L' } }]);
    expect((await items())[0]).toMatchObject({ name: 'Black tee', sku: 'tee-1' });
  });

  it('skips a product whose only offer is in another currency, with a warning that names it', async () => {
    await open(dropcartPage(microdata('tee', { offer: '<meta itemprop="price" content="18.00"><meta itemprop="priceCurrency" content="EUR">' })));
    expect(await addButtons('#tee').count()).toBe(0);
    await pollWarnings().toContainEqual(expect.stringMatching(/^\[dropcart\] <div id="tee" itemtype="https:\/\/schema.org\/Product">: its offer is in EUR, not in USD.*itemprop="priceCurrency" "USD"\. This product gets no buttons\.$/));
  });

  it('skips a product without a price, with a warning', async () => {
    await open(dropcartPage(microdata('tee', { offer: '<meta itemprop="priceCurrency" content="USD">' })));
    expect(await addButtons('#tee').count()).toBe(0);
    await pollWarnings().toContainEqual(expect.stringContaining('<div id="tee" itemtype="https://schema.org/Product">: it has no Offer with itemprop="price"'));
  });

  it('does not take the lowPrice of an AggregateOffer for a price', async () => {
    const aggregate = '<div itemprop="offers" itemscope itemtype="https://schema.org/AggregateOffer"><meta itemprop="lowPrice" content="10.00"><meta itemprop="highPrice" content="30.00"><meta itemprop="priceCurrency" content="USD"></div>';
    await open(dropcartPage(microdata('tee', { offers: aggregate })));
    expect(await addButtons('#tee').count()).toBe(0);
    await pollWarnings().toContainEqual(expect.stringContaining("(an AggregateOffer's lowPrice is not a price)"));
  });

  it('names the microdata property in a parser message, such as a price written with a currency sign', async () => {
    await open(dropcartPage(microdata('tee', { offer: '<span itemprop="price">$19.99</span><meta itemprop="priceCurrency" content="USD">' })));
    await pollWarnings().toContainEqual(expect.stringContaining('<div id="tee" itemtype="https://schema.org/Product">: itemprop="price" "$19.99" is not a decimal number'));
  });

  it('picks up a microdata product added later, and a price changed later', async () => {
    await open(dropcartPage('<main id="list"></main><p data-cart-count id="count">0</p>'));
    await shop.page.evaluate((html) => document.getElementById('list')!.insertAdjacentHTML('beforeend', html), microdata('late'));
    await addButtons('#late').waitFor();
    await shop.page.evaluate(() => document.querySelector('#late [itemprop="price"]')!.setAttribute('content', '24.00'));
    await settle();
    await addButtons('#late').click();
    await expect.poll(brief).toEqual([{ productId: 'tee-1', price: '24.00', quantity: 1, options: {} }]);
  });

  it('takes its buttons off a Product card when a product element is rendered inside it later', async () => {
    await open(dropcartPage(microdata('card')));
    await addButtons('#card').waitFor();
    await shop.page.evaluate(() =>
      document.getElementById('card')!.insertAdjacentHTML('afterbegin', '<div id="inner" data-product-id="tee-1" data-product-name="Black tee" data-product-price="19.99"></div>'),
    );
    await expect.poll(() => addButtons('body').count()).toBe(1);
    expect(await addButtons('#inner').count()).toBe(1);
  });

  it('leaves a Product card with a dropcart product inside it to that product: one set of buttons', async () => {
    await open(dropcartPage(microdata('card', { extra: '<div id="inner" data-product-id="tee-1" data-product-name="Black tee" data-product-price="19.99"></div>' })));
    expect(await addButtons('body').count()).toBe(1);
    expect(await addButtons('#inner').count()).toBe(1);
  });
});

// ---- schema.org JSON-LD ---------------------------------------------------------------------------------

const jsonLd = (json: unknown): string => `<script type="application/ld+json">${JSON.stringify(json)}</script>`;

const KETTLE = {
  '@context': 'https://schema.org',
  '@type': 'Product',
  name: 'Kettle',
  sku: 'KT-1',
  image: ['https://example.com/kettle.jpg'],
  offers: { '@type': 'Offer', price: 49.9, priceCurrency: 'USD' },
};

describe('schema.org Product JSON-LD', () => {
  it('makes [data-cart-add="SKU"] anywhere on the page add the product with that sku', async () => {
    await open(dropcartPage('<header><button id="add" data-cart-add="KT-1">Add the kettle</button></header>', { head: jsonLd(KETTLE) }));
    await shop.page.click('#add');
    await expect.poll(brief).toEqual([{ productId: 'KT-1', price: '49.90', quantity: 1, options: {} }]);
    expect((await items())[0]).toMatchObject({ name: 'Kettle', sku: 'KT-1', image: 'https://example.com/kettle.jpg' });
    expect(warnings()).toEqual([]);
  });

  it('makes [data-cart-buy="SKU"] open Buy now for that product', async () => {
    await open(dropcartPage('<a id="buy" href="#" data-cart-buy="KT-1">Buy the kettle</a>', { head: jsonLd(KETTLE) }));
    await shop.page.click('#buy');
    const dialog = shop.page.getByRole('dialog');
    await dialog.getByText('Kettle').first().waitFor();
    expect(await items()).toEqual([]);
    expect(new URL(shop.page.url()).hash).toBe('');
  });

  it('finds products inside @graph and takes the offer in the store currency from an array of offers', async () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Shop' },
        { '@type': ['Product'], name: 'Teapot', sku: 'TP-2', offers: [
          { '@type': 'Offer', price: '30.00', priceCurrency: 'EUR' },
          { '@type': 'Offer', price: '32.00', priceCurrency: 'USD' },
        ] },
        { '@type': 'ProductGroup', name: 'Cups', hasVariant: [{ '@type': 'Product', name: 'Cup, red', sku: 'CUP-R', offers: { '@type': 'Offer', priceSpecification: { price: '6.50', priceCurrency: 'USD' } } }] },
      ],
    };
    await open(dropcartPage('<button id="pot" data-cart-add="TP-2">Teapot</button><button id="cup" data-cart-add="CUP-R">Cup</button>', { head: jsonLd(graph) }));
    await shop.page.click('#pot');
    await shop.page.click('#cup');
    await expect.poll(brief).toEqual([
      { productId: 'TP-2', price: '32.00', quantity: 1, options: {} },
      { productId: 'CUP-R', price: '6.50', quantity: 1, options: {} },
    ]);
  });

  it("ignores an AggregateOffer's lowPrice but uses the Offers listed inside it", async () => {
    const products = [
      { '@type': 'Product', name: 'Range only', sku: 'R-1', offers: { '@type': 'AggregateOffer', lowPrice: 10, highPrice: 20, priceCurrency: 'USD' } },
      { '@type': 'Product', name: 'Range with offers', sku: 'R-2', offers: { '@type': 'AggregateOffer', lowPrice: 10, priceCurrency: 'USD', offers: [{ '@type': 'Offer', price: 12, priceCurrency: 'USD' }] } },
    ];
    await open(dropcartPage('<button id="r1" data-cart-add="R-1">R1</button><button id="r2" data-cart-add="R-2">R2</button>', { head: jsonLd(products) }));
    await pollWarnings().toContainEqual(
      '[dropcart] <script type="application/ld+json"> Product "R-1": it has no Offer with "price" (an AggregateOffer\'s lowPrice is not a price); give it an Offer with "price" and "priceCurrency". Buttons that name it do nothing.',
    );
    await shop.page.click('#r1');
    await shop.page.click('#r2');
    await expect.poll(brief).toEqual([{ productId: 'R-2', price: '12.00', quantity: 1, options: {} }]);
    await pollWarnings().toContainEqual(expect.stringContaining('data-cart-add="R-1" names no product on this page'));
  });

  it('warns about a product whose offers are all in another currency and does not sell it', async () => {
    const euro = { ...KETTLE, offers: [{ '@type': 'Offer', price: 45, priceCurrency: 'EUR' }, { '@type': 'Offer', price: 40, priceCurrency: 'GBP' }] };
    await open(dropcartPage('<button id="add" data-cart-add="KT-1">Add</button>', { head: jsonLd(euro) }));
    await pollWarnings().toContainEqual(expect.stringContaining('Product "KT-1": its offer is in EUR, GBP, not in USD, the store\'s currency; give it an Offer with "priceCurrency" "USD"'));
    await shop.page.click('#add');
    await settle();
    expect(await items()).toEqual([]);
  });

  it('reads JSON-LD added later, as single-page apps do on navigation', async () => {
    await open(dropcartPage('<button id="add" data-cart-add="KT-1">Add</button>'));
    await shop.page.evaluate((html) => document.head.insertAdjacentHTML('beforeend', html), jsonLd(KETTLE));
    await settle();
    await shop.page.click('#add');
    await expect.poll(brief).toEqual([{ productId: 'KT-1', price: '49.90', quantity: 1, options: {} }]);
  });

  it('warns about JSON-LD that is not JSON', async () => {
    await open(dropcartPage('', { head: '<script type="application/ld+json">{ "@type": "Product", }</script>' }));
    await pollWarnings().toContainEqual(expect.stringMatching(/^\[dropcart\] <script type="application\/ld\+json">: is not valid JSON/));
  });
});

// ---- Snipcart v3 ----------------------------------------------------------------------------------------

/** A Snipcart product button using every product attribute of SPEC §9. */
const SNIPCART_TEE = `<button id="tee" class="snipcart-add-item"
  data-item-id="tee"
  data-item-name="Snipcart tee"
  data-item-price="20.00"
  data-item-url="/shop/tee"
  data-item-description="Organic cotton."
  data-item-image="/img/tee.jpg"
  data-item-quantity="2"
  data-item-max-quantity="3"
  data-item-shippable="false"
  data-item-taxable="false"
  data-item-custom1-name="Size"
  data-item-custom1-options="Small|Large[+5.00]|Tiny[-2.50]"
  data-item-custom1-value="Large"
  data-item-custom2-name="Color"
  data-item-custom2-options="Red|Blue">Add to bag</button>`;

const SNIPCART_CHROME = `<nav><a href="#" id="open" class="snipcart-checkout">Cart (<span id="count" class="snipcart-items-count">0</span>)</a>
  <span id="total" class="snipcart-total-price">$0.00</span></nav>`;

const STORE = { shipping: { methods: [{ id: 'post', label: 'Post', amount: '5.00' }] }, tax: { rate: '10' } };

describe('Snipcart v3 markup', () => {
  it('adds the product with every data-item-* attribute honoured when its button is clicked', async () => {
    await open(dropcartPage(SNIPCART_CHROME + SNIPCART_TEE, { config: STORE }));
    await shop.page.click('#tee');
    await expect.poll(brief).toEqual([{ productId: 'tee', price: '25.00', quantity: 2, options: { Size: 'Large', Color: 'Red' } }]);
    expect((await items())[0]).toMatchObject({ name: 'Snipcart tee', sku: 'tee', url: `${shop.url}/shop/tee`, image: `${shop.url}/img/tee.jpg` });
    // data-item-max-quantity caps the line; shippable and taxable "false" leave out shipping and tax.
    await shop.page.click('#tee');
    await expect.poll(async () => (await items())[0]?.quantity).toBe(3);
    expect(await totals()).toEqual({ count: 3, subtotal: '75.00', shipping: '0.00', tax: '0.00', total: '75.00', currency: 'USD' });
    expect(warnings()).toEqual([]);
  });

  it('keeps .snipcart-items-count and .snipcart-total-price current, and .snipcart-checkout opens the cart', async () => {
    await open(dropcartPage(SNIPCART_CHROME + SNIPCART_TEE));
    await shop.page.click('#tee');
    await expect.poll(() => shop.page.textContent('#count')).toBe('2');
    expect(await shop.page.textContent('#total')).toBe('$50.00');
    // the page has its own cart link: no floating cart button, even with something in the cart
    expect(await floatingCartButton().count()).toBe(0);
    await shop.page.click('#open');
    await shop.page.getByRole('dialog', { name: /^Cart/ }).waitFor();
    expect(new URL(shop.page.url()).hash).toBe('');
  });

  it('shows selectors for the custom field options beside the button, preselected with data-item-customN-value', async () => {
    await open(dropcartPage(SNIPCART_TEE));
    const size = shop.page.getByRole('combobox', { name: 'Size' });
    expect(await size.inputValue()).toBe('Large');
    expect(await shop.page.getByRole('combobox', { name: 'Color' }).inputValue()).toBe('Red');
    expect(await shop.page.evaluate(() => document.getElementById('tee')!.nextElementSibling!.localName)).toBe('dropcart-buttons');
    expect(await addButtons().count()).toBe(0);
    await size.selectOption('Tiny');
    await shop.page.click('#tee');
    await expect.poll(brief).toEqual([{ productId: 'tee', price: '17.50', quantity: 2, options: { Size: 'Tiny', Color: 'Red' } }]);
  });

  it("follows the page's own script when it changes data-item-customN-value and data-item-quantity", async () => {
    await open(dropcartPage(SNIPCART_TEE));
    await shop.page.evaluate(() => {
      const button = document.getElementById('tee')!;
      button.setAttribute('data-item-custom1-value', 'Small');
      button.setAttribute('data-item-quantity', '1');
    });
    await expect.poll(() => shop.page.getByRole('combobox', { name: 'Size' }).inputValue()).toBe('Small');
    await shop.page.click('#tee');
    await expect.poll(brief).toEqual([{ productId: 'tee', price: '20.00', quantity: 1, options: { Size: 'Small', Color: 'Red' } }]);
  });

  it('takes the store currency from a data-item-price object of prices per currency', async () => {
    await open(dropcartPage(`<button id="cap" class="snipcart-add-item" data-item-id="cap" data-item-name="Cap" data-item-price='{"usd": 15.5, "cad": 21}'>Add</button>`));
    await shop.page.click('#cap');
    await expect.poll(brief).toEqual([{ productId: 'cap', price: '15.50', quantity: 1, options: {} }]);
  });

  it('warns and does not sell a product whose price object has no price in the store currency', async () => {
    await open(dropcartPage(`<button id="cap" class="snipcart-add-item" data-item-id="cap" data-item-name="Cap" data-item-price='{"usd": 15.5}'>Add</button>`, { config: { currency: 'EUR' } }));
    await pollWarnings().toContainEqual(`[dropcart] <button id="cap" data-item-id="cap">: data-item-price "{\\"usd\\": 15.5}" has no price in EUR, the store's currency; add one, like {"eur": 19.99}. This product gets no buttons.`);
    await shop.page.click('#cap');
    await settle();
    expect(await items()).toEqual([]);
  });

  it("words the parser's messages with Snipcart's attribute names", async () => {
    await open(dropcartPage('<button id="bad" class="snipcart-add-item" data-item-id="bad" data-item-name="Bad" data-item-price="9.99" data-item-custom1-options="S|M">Add</button>'));
    await pollWarnings().toContainEqual(expect.stringContaining('<button id="bad" data-item-id="bad">: data-item-custom1-options is set but data-item-custom1-name is missing; name the option, such as data-item-custom1-name="Size"'));
  });

  it('sells a product with a free-text custom field, leaving that field out with a warning', async () => {
    await open(dropcartPage('<button id="mug" class="snipcart-add-item" data-item-id="mug" data-item-name="Mug" data-item-price="9.00" data-item-custom1-name="Engraving">Add</button>'));
    await pollWarnings().toContainEqual(expect.stringContaining('data-item-custom1-name has no data-item-custom1-options'));
    await shop.page.click('#mug');
    await expect.poll(brief).toEqual([{ productId: 'mug', price: '9.00', quantity: 1, options: {} }]);
  });

  it('picks up Snipcart buttons added later', async () => {
    await open(dropcartPage('<main id="list"></main>'));
    await shop.page.evaluate(() => document.getElementById('list')!.insertAdjacentHTML('beforeend', '<button id="late" class="snipcart-add-item" data-item-id="late" data-item-name="Late" data-item-price="3.00">Add</button>'));
    await settle();
    await shop.page.click('#late');
    await expect.poll(brief).toEqual([{ productId: 'late', price: '3.00', quantity: 1, options: {} }]);
  });

  it('leaves a schema.org Product card with a Snipcart button inside to the Snipcart button', async () => {
    await open(dropcartPage(microdata('card', { extra: '<button id="snip" class="snipcart-add-item" data-item-id="tee-1" data-item-name="Black tee" data-item-price="19.99">Add</button>' })));
    expect(await addButtons().count()).toBe(0);
    expect(await buyButtons().count()).toBe(0);
    await shop.page.click('#snip');
    await expect.poll(brief).toEqual([{ productId: 'tee-1', price: '19.99', quantity: 1, options: {} }]);
  });
});

// ---- switches -------------------------------------------------------------------------------------------

describe('the scan config switches', () => {
  it('scan.schemaOrg false: microdata and JSON-LD are not products, and nothing is reported', async () => {
    await open(dropcartPage(microdata('tee') + '<button id="add" data-cart-add="KT-1">Add</button>', { head: jsonLd(KETTLE), config: { scan: { schemaOrg: false } } }));
    expect(await addButtons().count()).toBe(0);
    await shop.page.click('#add');
    await settle();
    expect(await items()).toEqual([]);
    // only the click on a button that names no product is reported
    expect(warnings()).toEqual([expect.stringContaining('data-cart-add="KT-1" names no product on this page')]);
  });

  it('scan.snipcart false: Snipcart buttons, counters and cart links are left alone', async () => {
    const mug = '<div id="mug" data-product-id="mug" data-product-name="Mug" data-product-price="9.00"></div>';
    await open(dropcartPage(SNIPCART_CHROME + SNIPCART_TEE + mug, { config: { scan: { snipcart: false } } }));
    expect(await shop.page.getByRole('combobox').count()).toBe(0);
    await shop.page.click('#tee');
    await shop.page.click('#open');
    await settle();
    expect(await items()).toEqual([]);
    expect(await shop.page.getByRole('dialog').count()).toBe(0);
    await addButtons('#mug').click();
    await expect.poll(async () => (await items()).length).toBe(1);
    // .snipcart-checkout is not a cart link now: the floating cart button is shown
    await floatingCartButton().waitFor();
    expect(await shop.page.textContent('#count')).toBe('0');
    expect(await shop.page.textContent('#total')).toBe('$0.00');
    expect(warnings()).toEqual([]);
  });
});
