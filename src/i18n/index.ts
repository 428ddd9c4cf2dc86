// Built-in text (SPEC §6): the language is chosen from `locale`, the page's lang or the browser's;
// `messages` in the config overrides any key.

import { en, type MessageKey, type Messages } from './en';

export type { MessageKey, Messages } from './en';

const catalogs: Record<string, Messages> = { en };

export type Translate = (key: MessageKey | 'cartWithCount' | 'addedCount', vars?: Record<string, string | number>) => string;

/** The language dropcart speaks for a locale tag: "de-AT" → "de"; unknown → "en". */
export function languageOf(locale: string): string {
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  return Object.prototype.hasOwnProperty.call(catalogs, language) ? language : 'en';
}

export function createTranslator(locale: string, overrides: Readonly<Record<string, string>> = {}): Translate {
  const catalog: Record<string, string> = { ...catalogs[languageOf(locale)] };
  for (const key of Object.keys(overrides)) catalog[key] = overrides[key] as string;
  let plural: Intl.PluralRules;
  try {
    plural = new Intl.PluralRules(locale || undefined);
  } catch {
    plural = new Intl.PluralRules('en');
  }
  return (key, vars = {}) => {
    let template = catalog[key];
    if (template === undefined && typeof vars.count === 'number') {
      // key without suffix: pick the plural form
      template = catalog[`${key}_${plural.select(vars.count)}`] ?? catalog[`${key}_other`];
    }
    if (template === undefined) template = (en as Record<string, string>)[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
    );
  };
}
