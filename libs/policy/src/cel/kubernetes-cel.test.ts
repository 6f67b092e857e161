import { describe, expect, it } from 'vitest';
import { createKubernetesCelEnvironment, toCelValue } from './kubernetes-cel.ts';

const env = createKubernetesCelEnvironment();
const context = { object: null, oldObject: null, params: null, namespaceObject: null, request: {}, variables: {} };
const evaluate = (expression: string, object: unknown = null): unknown => env.parse(expression)({ ...context, object: toCelValue(object) });

describe('the Kubernetes quantity library', () => {
  it.each([
    ['isQuantity("250Mi")', true],
    ['isQuantity("250MB")', false],
    ['quantity("500m").isLessThan(quantity("1"))', true],
    ['quantity("2Gi").isGreaterThan(quantity("2G"))', true],
    ['quantity("1") == quantity("1000m")', true],
    ['quantity("1") == quantity("1001m")', false],
    ['quantity("1.5").compareTo(quantity("2")) == -1', true],
    ['quantity("1").add(quantity("500m")) == quantity("1.5")', true],
    ['quantity("1").add(2) == quantity("3")', true],
    ['quantity("1").sub(quantity("1500m")).sign() == -1', true],
    ['quantity("3").sub(1).asInteger() == 2', true],
    ['quantity("1500m").isInteger()', false],
    ['quantity("1500m").asApproximateFloat() == 1.5', true],
  ])('%s is %s', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });

  it('reports an error for a string that is not a quantity, as Kubernetes does', () => {
    expect(() => evaluate('quantity("lots")')).toThrow(/not a Kubernetes quantity/);
  });

  it('reports an error for asInteger on a fraction', () => {
    expect(() => evaluate('quantity("0.5").asInteger()')).toThrow(/not an integer/);
  });

  it('rejects a quantity() call on a number when the expression is checked', () => {
    expect(env.parse('quantity(1)').check().valid).toBe(false);
  });
});

describe('the admission variables', () => {
  it('refuses authorizer, which the offline runner cannot provide', () => {
    expect(env.parse('authorizer.group("apps")').check().valid).toBe(false);
  });

  it('supports optional field selection on objects', () => {
    expect(evaluate('object.?spec.?replicas.orValue(1)', { spec: {} })).toBe(1n);
  });
});

describe('toCelValue', () => {
  it('turns whole numbers into CEL ints, so integer arithmetic works as in Kubernetes', () => {
    expect(toCelValue({ spec: { replicas: 2, ratio: 0.5, ports: [80] } })).toEqual({ spec: { replicas: 2n, ratio: 0.5, ports: [80n] } });
    expect(evaluate('object.spec.replicas + 1 == 3', { spec: { replicas: 2 } })).toBe(true);
  });

  it('drops undefined fields, as JSON does', () => {
    expect(toCelValue({ a: undefined, b: null })).toEqual({ b: null });
  });
});
