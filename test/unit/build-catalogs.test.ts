// The build packs each non-English catalog into one string (esbuild.config.mjs, `compactCatalogs`) and the widget
// unpacks only the page's language (src/i18n/values.ts). The other unit tests run the source, whose catalogs are
// objects: this builds src/i18n as dist/dropcart.js ships it and reads back every text of every language.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { common } from '../../esbuild.config.mjs';
import { createTranslator, type Translate } from '../../src/i18n';
import { en, type MessageKey } from '../../src/i18n/en';

type Built = { createTranslator: typeof createTranslator; packed: Record<string, unknown> };

/** src/i18n built as dist/dropcart.js ships it; one build for every test here. */
let built: Promise<Built> | undefined;
const builtI18n = (): Promise<Built> => (built ??= buildI18n());

async function buildI18n(): Promise<Built> {
  const languages = ['de', 'es', 'fr', 'it', 'ja', 'nl', 'pt'];
  const contents = [
    `export { createTranslator } from './src/i18n';`,
    ...languages.map((language) => `import { ${language} as packed_${language} } from './src/i18n/${language}';`),
    `export const packed = { ${languages.map((language) => `${language}: packed_${language}`).join(', ')} };`,
  ].join('\n');
  const { outputFiles } = await build({ ...common, metafile: false, stdin: { contents, resolveDir: process.cwd(), loader: 'ts' }, format: 'cjs' });
  const module = { exports: {} as Built };
  new Function('module', 'exports', outputFiles[0]!.text)(module, module.exports);
  return module.exports;
}

describe('the catalogs as built', () => {
  it('ship each language but English packed into one string', async () => {
    const { packed } = await builtI18n();
    expect(Object.keys(packed).sort()).toEqual(['de', 'es', 'fr', 'it', 'ja', 'nl', 'pt']);
    for (const text of Object.values(packed)) expect(typeof text).toBe('string');
  });

  it.each(['en', 'de', 'es', 'fr', 'it', 'ja', 'nl', 'pt'])('give every text of %s as its source has it', async (language) => {
    const translate: Translate = (await builtI18n()).createTranslator(language);
    const source = createTranslator(language);
    const keys = Object.keys(en) as MessageKey[];
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.map((key) => translate(key))).toEqual(keys.map((key) => source(key)));
    // not English where the language has its own text (a pack read off by one key would still be "some text")
    if (language !== 'en') expect(translate('addToCart')).not.toBe(en.addToCart);
  });
});
