// Small checks on values dropcart did not make: the page's objects, owner JSON, the stored cart.

/** Whether `key` is an own property of `object`, never one it inherits (`Object.hasOwn` is newer than some of
 * the browsers dropcart supports). */
export const own = (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** A plain JSON object: not null, not an array. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
