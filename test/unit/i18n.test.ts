import { describe, expect, it } from 'vitest';
import { createTranslator, languageOf, type Messages } from '../../src/i18n';
import { de } from '../../src/i18n/de';
import { en } from '../../src/i18n/en';
import { es } from '../../src/i18n/es';
import { fr } from '../../src/i18n/fr';
import { it as italian } from '../../src/i18n/it';
import { ja } from '../../src/i18n/ja';
import { nl } from '../../src/i18n/nl';
import { pt } from '../../src/i18n/pt';

// SPEC §6: English, German, Spanish, French, Italian, Dutch, Portuguese, Japanese.
const catalogs: Record<string, Messages> = { en, de, es, fr, it: italian, nl, pt, ja };
const languages = Object.entries(catalogs);

const placeholdersOf = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();

/** Accessible name → the visible text it must begin with (WCAG 2.5.3 label in name). */
const namedControls: [name: keyof Messages, visible: keyof Messages][] = [
  ...Object.keys(en)
    .filter((key) => key.endsWith('Named'))
    .map((key): [keyof Messages, keyof Messages] => [key as keyof Messages, key.slice(0, -'Named'.length) as keyof Messages]),
  ['remove', 'removeShort'],
  ['cartWithCount_one', 'cart'],
  ['cartWithCount_other', 'cart'],
];

describe('catalogs', () => {
  it('cover every language the spec lists', () => {
    expect(Object.keys(catalogs).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pt']);
  });

  it('pair at least the add and buy buttons with their accessible names', () => {
    expect(namedControls).toContainEqual(['addToCartNamed', 'addToCart']);
    expect(namedControls).toContainEqual(['buyNowNamed', 'buyNow']);
  });

  it.each(languages)('%s has exactly the English keys', (_, messages) => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(languages)('%s has no empty message', (_, messages) => {
    expect(Object.entries(messages).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it.each(languages)('%s uses the same placeholders as English in every message', (_, messages) => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholdersOf(messages[key as keyof Messages]), key).toEqual(placeholdersOf(text));
    }
  });

  it.each(languages)('%s accessible names start with the visible text of their control', (_, messages) => {
    for (const [name, visible] of namedControls) {
      expect(messages[name].startsWith(messages[visible]), `${name} starts with ${visible}`).toBe(true);
    }
  });

  it.each(languages)('%s is the text createTranslator uses for that locale', (language, messages) => {
    expect(createTranslator(language)('addToCart')).toBe(messages.addToCart);
  });
});

describe('languageOf', () => {
  it.each([
    ['de-AT', 'de'],
    ['pt-BR', 'pt'],
    ['FR-ca', 'fr'],
    ['ja', 'ja'],
    ['zh', 'en'],
    ['', 'en'],
  ])('speaks the language of %j as %j', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });

  it.each(Object.keys(catalogs))('recognises %s as a built-in language', (language) => {
    expect(languageOf(language)).toBe(language);
  });
});

describe('createTranslator', () => {
  it('fills in placeholders', () => {
    expect(createTranslator('en')('remove', { name: 'Black tee' })).toBe('Remove Black tee');
  });

  it('says "1 item" for one item in English', () => {
    expect(createTranslator('en-US')('cartWithCount', { count: 1 })).toBe('Cart, 1 item');
  });

  it('says "2 items" for two items in English', () => {
    expect(createTranslator('en-US')('cartWithCount', { count: 2 })).toBe('Cart, 2 items');
  });

  it('says "0 items" for an empty cart in English', () => {
    expect(createTranslator('en')('cartWithCount', { count: 0 })).toBe('Cart, 0 items');
  });

  it('uses the singular for 0 and 1 in French, as Intl.PluralRules says', () => {
    const rules = new Intl.PluralRules('fr');
    expect([rules.select(0), rules.select(1), rules.select(2)]).toEqual(['one', 'one', 'other']);
    const t = createTranslator('fr-FR');
    expect([0, 1, 2].map((count) => t('cartWithCount', { count }))).toEqual([
      'Panier, 0 article',
      'Panier, 1 article',
      'Panier, 2 articles',
    ]);
  });

  it('uses the other form for a plural category the catalog does not have', () => {
    expect(new Intl.PluralRules('fr').select(1_000_000)).toBe('many');
    expect(createTranslator('fr')('cartWithCount', { count: 1_000_000 })).toBe('Panier, 1000000 articles');
  });

  it('uses the only Japanese form for any count', () => {
    expect(createTranslator('ja-JP')('cartWithCount', { count: 1 })).toBe('カート、1点');
  });

  it('uses English plural rules when a locale without built-in text falls back to English', () => {
    expect(new Intl.PluralRules('zh').select(1)).toBe('other');
    expect(createTranslator('zh-CN')('cartWithCount', { count: 1 })).toBe('Cart, 1 item');
  });

  it('picks a plural form the owner adds by the rules of the locale', () => {
    const t = createTranslator('pl', { cartWithCount_few: 'Koszyk, {count} produkty' });
    expect(t('cartWithCount', { count: 3 })).toBe('Koszyk, 3 produkty');
  });

  it('fills in the plural form of announcements too', () => {
    expect(createTranslator('de')('addedCount', { name: 'Tasse', count: 2 })).toBe(
      'Tasse wurde in den Warenkorb gelegt. Der Warenkorb enthält 2 Artikel.',
    );
  });

  it('lets a message override win over the built-in text', () => {
    expect(createTranslator('de', { addToCart: 'In die Tüte' })('addToCart')).toBe('In die Tüte');
  });

  it('lets an override of one plural form replace only that form', () => {
    const t = createTranslator('en', { cartWithCount_one: 'Basket, {count} thing' });
    expect(t('cartWithCount', { count: 1 })).toBe('Basket, 1 thing');
    expect(t('cartWithCount', { count: 2 })).toBe('Cart, 2 items');
  });

  it('leaves an unknown placeholder as written', () => {
    expect(createTranslator('en', { removeShort: 'Remove {what}' })('removeShort', { name: 'Mug' })).toBe('Remove {what}');
  });

  it('leaves a placeholder without a value as written', () => {
    expect(createTranslator('en')('remove')).toBe('Remove {name}');
  });

  it('does not throw for a locale tag Intl rejects', () => {
    expect(() => new Intl.PluralRules('de_DE')).toThrow(RangeError);
    const t = createTranslator('de_DE');
    expect(t('cartWithCount', { count: 1 })).toBe('Cart, 1 item');
  });
});
