import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';

const FIELD_ORDER = Symbol('fieldOrder');

/**
 * The order a form asks for its fields, when the class's own order is not it
 * (a subclass's fields come after its parent's, so a field a subclass adds
 * cannot otherwise sit between two of the parent's). Fields not named follow,
 * in declaration order.
 */
export const FieldOrder =
  (...fields: string[]): ClassDecorator =>
  (target) => {
    Reflect.defineMetadata(FIELD_ORDER, fields, target);
  };

const cache = new WeakMap<Function, string[]>();

/**
 * A DTO's fields in the order a person meets them: those named by
 * `@FieldOrder`, then every validated property in declaration order, a parent
 * class's before its subclass's. Problems are reported in this order, so a
 * form's error summary reads top to bottom and an API client's `errors` does too.
 */
export function fieldOrderOf(type: Function): string[] {
  const cached = cache.get(type);
  if (cached) return cached;
  const chain: Function[] = [];
  for (let c: unknown = type; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  const storage = getMetadataStorage();
  const declared: string[] = [];
  for (const cls of chain) {
    for (const m of storage.getTargetValidationMetadatas(cls, '', true, false)) {
      if (m.target === cls && !declared.includes(m.propertyName)) declared.push(m.propertyName);
    }
  }
  const named = (Reflect.getMetadata(FIELD_ORDER, type) as string[] | undefined) ?? [];
  const order = [...named, ...declared.filter((f) => !named.includes(f))];
  cache.set(type, order);
  return order;
}

/** Sorts anything keyed by field name into `order`; unknown names keep their place after the known ones. */
export function byFieldOrder<T>(items: T[], key: (item: T) => string, order: string[]): T[] {
  const rank = (item: T): number => {
    const i = order.indexOf(key(item));
    return i === -1 ? order.length : i;
  };
  return items.map((item, i) => ({ item, i })).sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i).map(({ item }) => item);
}
