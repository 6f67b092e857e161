/**
 * Finds fields a schema validator never looked at. The kubernetes-models validators are compiled
 * ajv code that reads every property its schema declares (`data.replicas !== undefined && ...`)
 * and enumerates the keys of maps (labels, data); they do not reject unknown properties. So we
 * run the validator on a proxy that records which properties of which object were read: a key
 * that was neither read nor enumerated is a field the schema does not have, such as a typo.
 * Objects the validator never looked into at all are free-form (x-kubernetes-preserve-unknown-
 * fields, Helm values) and are not judged.
 */
export function withFieldTracking<T extends object>(root: T, validate: (proxy: T) => void): string[] {
  const reads = new Map<object, Set<string>>();
  const enumerated = new Set<object>();
  const proxies = new WeakMap<object, object>();

  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const existing = proxies.get(value);
    if (existing) return existing;
    reads.set(value, new Set());
    const proxy = new Proxy(value, {
      get(target, key) {
        if (typeof key === 'string') reads.get(target)?.add(key);
        return wrap(Reflect.get(target, key));
      },
      has(target, key) {
        if (typeof key === 'string') reads.get(target)?.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        enumerated.add(target);
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };

  validate(wrap(root) as T);

  const unknown: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
      return;
    }
    const seen = reads.get(value);
    if (!seen || seen.size === 0) return; // never looked into: free-form or not reached
    const isMap = enumerated.has(value);
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (!isMap && !seen.has(key)) unknown.push(childPath);
      else visit(child, childPath);
    }
  };
  visit(root, '');
  return unknown;
}
