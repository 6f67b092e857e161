/**
 * A registry whose next alias read can be held open: the read asks the registry at once, then keeps
 * its answer until released. With it a test puts a poll exactly where the refresh race needs it —
 * the alias read, the alias then moved — without timers or luck.
 */
import type { ModelRegistry } from '@millwright/registry';

/** A registry wrapper and the controls of its held read. */
export interface HoldableAliasReads {
  /** The registry to hand to the app; everything but the held read passes straight through. */
  readonly registry: ModelRegistry;
  /** Holds the next `getVersionByAlias` answer; resolves once that read has its answer and is held. */
  holdNextRead(): Promise<void>;
  /** Lets the held read answer (with what it read before it was held). */
  release(): void;
}

/** Wraps `registry` so that its alias reads can be held open (see {@link HoldableAliasReads}). */
export function holdableAliasReads(registry: ModelRegistry): HoldableAliasReads {
  let pending: { readonly isHeld: () => void; readonly released: Promise<void> } | undefined;
  let release = (): void => undefined;
  const getVersionByAlias: ModelRegistry['getVersionByAlias'] = async (name, alias) => {
    const answer = await registry.getVersionByAlias(name, alias);
    const hold = pending;
    pending = undefined;
    if (hold !== undefined) {
      hold.isHeld();
      await hold.released;
    }
    return answer;
  };
  const wrapped = new Proxy(registry, {
    get(target, property) {
      if (property === 'getVersionByAlias') return getVersionByAlias;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    registry: wrapped,
    holdNextRead() {
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      return new Promise<void>((isHeld) => {
        pending = { isHeld, released };
      });
    },
    release: () => release(),
  };
}
