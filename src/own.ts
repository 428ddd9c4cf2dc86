/** Whether `key` is an own property of `object`, never one it inherits (`Object.hasOwn` is newer than some of
 * the browsers dropcart supports). */
export const own = (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key);
