// New arrivals: products that appear after the page has loaded, the way an infinite-scroll or
// "Load more" shop adds them. The shop only inserts plain product markup; dropcart notices by itself.

const arrivals = document.getElementById('arrivals');
const loadMore = document.getElementById('load-more');
const status = document.getElementById('more-status');

/** What the shop's back end would send for each product (here: written out by hand). */
const justRoasted = {
  id: 'cold-brew-concentrate',
  name: 'Cold Brew Concentrate',
  price: '14.00',
  image: 'img/cold-brew.svg',
  alt: 'A brown bottle of cold brew concentrate with two ice cubes',
  eyebrow: 'Coffee · Just bottled',
  badge: 'Just arrived',
  text: 'Steeped for 18 hours. Mix one part with two parts water or milk over ice. 500 ml, keep it cold.',
  description: '500 ml bottle, makes 6 drinks.',
};

const nextPage = [
  {
    id: 'swiss-water-decaf',
    name: 'Swiss Water Decaf',
    price: '17.00',
    image: 'img/decaf.svg',
    alt: 'A cream bag of Swiss Water decaf coffee with a blue wave',
    eyebrow: 'Coffee · Medium roast',
    text: 'Decaffeinated with water only. Cocoa, brown sugar and a round, gentle body. 250 g.',
    description: '250 g, chemical-free decaf.',
    options: { name: 'Grind', values: 'Whole bean|Espresso|Pour-over|French press' },
  },
  {
    id: 'travel-tumbler',
    name: 'Travel Tumbler',
    price: '29.00',
    image: 'img/tumbler.svg',
    alt: 'A terracotta travel tumbler with a cork sleeve and black lid',
    eyebrow: 'On the go',
    text: 'Stoneware inside, cork sleeve outside, a lid that really does not leak. 12 oz.',
    description: '12 oz, stoneware and cork.',
  },
  {
    id: 'bean-tin',
    name: 'Airtight Bean Tin',
    price: '22.00',
    image: 'img/tin.svg',
    alt: 'A sage-green airtight tin with a coffee bean on its label',
    eyebrow: 'Storage',
    text: 'Holds a 250 g bag of beans, keeps out air and light. The one-way valve lets fresh coffee breathe.',
    description: 'Holds 250 g, one-way valve.',
  },
];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function productCard(item) {
  const card = el('article', 'product arrival');
  card.dataset.productId = item.id;
  card.dataset.productName = item.name;
  card.dataset.productPrice = item.price;
  card.dataset.productImage = item.image;
  card.dataset.productDescription = item.description;
  if (item.options) {
    card.dataset.productOption1Name = item.options.name;
    card.dataset.productOption1Values = item.options.values;
  }

  const main = el('div', 'product-main');
  const img = el('img');
  img.src = item.image;
  img.alt = item.alt;
  img.width = 240;
  img.height = 240;
  const body = el('div', 'product-body');
  body.append(item.badge ? el('span', 'badge', item.badge) : el('p', 'eyebrow', item.eyebrow));
  body.append(el('h2', '', item.name), el('p', 'desc', item.text), el('p', 'price', `$${item.price}`));
  main.append(img, body);
  card.append(main);
  return card;
}

// Just out of the roaster: shows up a moment after the page, at the front of the list.
setTimeout(() => {
  arrivals.prepend(productCard(justRoasted));
  status.textContent = 'Cold Brew Concentrate just arrived.';
}, 1500);

loadMore.addEventListener('click', () => {
  loadMore.disabled = true;
  loadMore.textContent = 'Loading…';
  // Stands in for the request to the shop's back end.
  setTimeout(() => {
    for (const item of nextPage) arrivals.append(productCard(item));
    loadMore.textContent = 'That’s everything for now';
    status.textContent = `${nextPage.length} more products shown.`;
  }, 400);
});
