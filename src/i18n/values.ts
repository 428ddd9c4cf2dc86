// The build ships each non-English catalog as the list of its texts in the order of English's keys, not as an
// object that repeats some fifty key names per language (esbuild.config.mjs, `compactCatalogs`: −0.6 KB gzip).
// This turns such a list back into the catalog. The source files stay objects, key beside text, for translators.
import { en, type Messages } from './en';

const keys = Object.keys(en);

export function fromValues(values: readonly string[]): Messages {
  return Object.fromEntries(keys.map((key, i) => [key, values[i]])) as Messages;
}
