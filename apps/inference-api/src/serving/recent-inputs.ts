/**
 * The latest validated inputs the API scored, in a fixed-size ring: the live side of the drift
 * comparison (serving/drift-monitor.ts). Adding is a store and an increment, cheap enough for
 * every row of every request.
 */
import type { ModelInput } from '@millwright/contract';

/** The last `capacity` inputs, oldest dropped first. */
export class RecentInputs {
  private readonly ring: (ModelInput | undefined)[];
  private nextSlot = 0;
  private total = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`capacity must be a whole number ≥ 1, got ${capacity}`);
    this.ring = new Array<ModelInput | undefined>(capacity);
  }

  add(input: ModelInput): void {
    this.ring[this.nextSlot] = input;
    this.nextSlot = (this.nextSlot + 1) % this.capacity;
    this.total += 1;
  }

  /** Inputs held now (at most `capacity`). */
  get size(): number {
    return Math.min(this.total, this.capacity);
  }

  /** Inputs ever added: changes whenever the content does, so it keys a cache. */
  get added(): number {
    return this.total;
  }

  /** The held inputs, oldest first. */
  toArray(): ModelInput[] {
    if (this.total <= this.capacity) return this.ring.slice(0, this.total) as ModelInput[];
    return [...this.ring.slice(this.nextSlot), ...this.ring.slice(0, this.nextSlot)] as ModelInput[];
  }
}
