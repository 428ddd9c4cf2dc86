// Built-in text (SPEC §6): the language is chosen from `locale`, the page's lang or the browser's;
// `messages` in the config overrides any key.

import { own } from '../checks';
import { de } from './de';
import { en, type MessageKey, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { ja } from './ja';
import { nl } from './nl';
import { pt } from './pt';
import { unpack, type Packed } from './values';

export type { MessageKey, Messages } from './en';

const catalogs: Record<string, Packed> = { en, de, es, fr, it, nl, pt, ja };

export type Translate = (key: MessageKey | 'cartWithCount' | 'addedCount', vars?: Record<string, string | number>) => string;

/** The language dropcart speaks for a locale tag: "de-AT" → "de"; unknown → "en". */
export function languageOf(locale: string): string {
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  return own(catalogs, language) ? language : 'en';
}

export function createTranslator(locale: string, overrides: Readonly<Record<string, string>> = {}): Translate {
  const language = languageOf(locale);
  const catalog: Record<string, string> = { ...unpack(catalogs[language] as Packed) };
  for (const key of Object.keys(overrides)) catalog[key] = overrides[key] as string;
  // Built-in plural forms follow the grammar they are written in: "zh" falls back to English text, which
  // needs "1 item" although Chinese rules only know "other". Forms the owner writes follow the page's
  // locale, so an owner can add e.g. `cartWithCount_few` for Polish.
  // Made at the first plural text, not at dropcart's start: the two cost ~1 ms (~4 ms on a phone's CPU), and
  // the buttons' texts need neither.
  let rules: [text: Intl.PluralRules, locale: Intl.PluralRules] | undefined;
  const pluralRules = (): [Intl.PluralRules, Intl.PluralRules] => {
    if (rules) return rules;
    const textRules = new Intl.PluralRules(language);
    let localeRules = textRules;
    try {
      if (locale) localeRules = new Intl.PluralRules(locale);
    } catch {
      // a tag Intl rejects: the text's own rules serve
    }
    return (rules = [textRules, localeRules]);
  };
  return (key, vars = {}) => {
    let template = catalog[key];
    if (template === undefined && typeof vars.count === 'number') {
      // key without suffix: pick the plural form
      const [textRules, localeRules] = pluralRules();
      template =
        overrides[`${key}_${localeRules.select(vars.count)}`] ??
        catalog[`${key}_${textRules.select(vars.count)}`] ??
        catalog[`${key}_other`];
    }
    if (template === undefined) template = (en as Record<string, string>)[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      own(vars, name) ? String(vars[name]) : match,
    );
  };
}
