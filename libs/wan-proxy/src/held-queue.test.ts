import { describe, expect, it } from 'vitest';
import { HeldQueue } from './held-queue.ts';

describe('HeldQueue', () => {
  it('gives items back first in, first out, across its compactions', () => {
    const queue = new HeldQueue<number>();
    const taken: number[] = [];
    for (let item = 0; item < 5000; item += 1) {
      queue.push(item);
      if (item % 3 !== 0) taken.push(queue.shift()!);
    }
    while (queue.length > 0) taken.push(queue.shift()!);
    expect(taken).toEqual(Array.from({ length: 5000 }, (_, index) => index));
    expect(queue.shift()).toBeUndefined();
  });

  it('peeks at the head without taking it, and empties on clear', () => {
    const queue = new HeldQueue<string>();
    queue.push('a');
    queue.push('b');
    expect([queue.peek(), queue.length]).toEqual(['a', 2]);
    queue.clear();
    expect([queue.peek(), queue.length]).toEqual([undefined, 0]);
  });
});
