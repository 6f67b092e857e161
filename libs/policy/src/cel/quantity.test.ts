import { describe, expect, it } from 'vitest';
import { Quantity, parseQuantity, quantity } from './quantity.ts';

const value = (text: string) => {
  const q = quantity(text);
  return `${q.numerator}/${q.denominator}`;
};

describe('parseQuantity', () => {
  it.each([
    ['1', '1/1'],
    ['100m', '1/10'],
    ['0.1', '1/10'],
    ['1.5Gi', '1610612736/1'],
    ['1Ki', '1024/1'],
    ['2k', '2000/1'],
    ['1M', '1000000/1'],
    ['1E', '1000000000000000000/1'],
    ['5n', '1/200000000'],
    ['3u', '3/1000000'],
    ['2e3', '2000/1'],
    ['1E-2', '1/100'],
    ['-1.5', '-3/2'],
    ['+.5', '1/2'],
    ['1.', '1/1'],
    ['0', '0/1'],
  ])('reads %s exactly', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each(['', 'abc', '1GB', '1 Gi', '1.2.3', 'Gi', '1e', '1ki', '--1', '1e99999'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('names the value when quantity() rejects it', () => {
    expect(() => quantity('256MB')).toThrow('"256MB" is not a Kubernetes quantity');
  });
});

describe('Quantity', () => {
  it('compares by value, not spelling', () => {
    expect(quantity('1').compareTo(quantity('1000m'))).toBe(0);
    expect(quantity('1Gi').compareTo(quantity('1G'))).toBe(1);
    expect(quantity('999Mi').compareTo(quantity('1Gi'))).toBe(-1);
    expect(quantity('1073741824').compareTo(quantity('1Gi'))).toBe(0);
  });

  it('adds and subtracts exactly', () => {
    expect(quantity('100m').add(quantity('200m')).compareTo(quantity('0.3'))).toBe(0);
    expect(quantity('1').sub(quantity('1500m')).toString()).toBe('-1/2');
  });

  it('is an integer only when whole and within int64', () => {
    expect(quantity('2k').isInteger()).toBe(true);
    expect(quantity('1500m').isInteger()).toBe(false);
    expect(quantity('10E').isInteger()).toBe(false);
    expect(quantity('2k').asInteger()).toBe(2000n);
    expect(() => quantity('1500m').asInteger()).toThrow(/not an integer/);
  });

  it('gives an approximate float and a sign', () => {
    expect(quantity('1500m').asApproximateFloat()).toBe(1.5);
    expect([quantity('-1').sign(), quantity('0').sign(), quantity('1m').sign()]).toEqual([-1, 0, 1]);
  });

  it('keeps its fraction normalised with a positive denominator', () => {
    const q = new Quantity(4n, -8n);
    expect([q.numerator, q.denominator]).toEqual([-1n, 2n]);
    expect(() => new Quantity(1n, 0n)).toThrow(RangeError);
  });
});
