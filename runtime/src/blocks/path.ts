/**
 * Follows a dotted path (`order.items.0.id`) through plain JSON, own properties
 * only: `constructor` or `__proto__` find nothing rather than the prototype.
 */
export function valueAtPath(root: unknown, path: string): unknown {
  let current = root;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
