// The build ships each non-English catalog as one string, its texts in the order of English's keys joined by "|"
// (esbuild.config.mjs, `compactCatalogs`), not as an object that repeats some fifty key names per language (−0.6
// KB gzip), nor as a list of texts (−0.1 KB more). Only the language a page speaks is unpacked into texts: the
// other six stay one string each. The source files stay objects, key beside text, for translators.
import { en, type Messages } from './en';

/** A catalog as the source has it, or as the build packs it. */
export type Packed = Messages | string;

/** The separator of a packed catalog's texts; the build refuses a text that holds it. */
const SEPARATOR = '|';

export function unpack(catalog: Packed): Messages {
  if (typeof catalog !== 'string') return catalog;
  const values = catalog.split(SEPARATOR);
  return Object.fromEntries(Object.keys(en).map((key, i) => [key, values[i]])) as Messages;
}
