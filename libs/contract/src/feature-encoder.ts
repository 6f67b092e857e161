import { engineeredFormula } from './engineered-features.ts';
import type { ModelContract, ModelInput } from './model-contract.ts';

/**
 * The one function that turns a validated request into the model's input vector, shared by the
 * trainer, the inference API and the UI. It runs on every request, so a contract is compiled once
 * into a flat list of slots (cached per contract object) and encoding is one loop with no
 * allocation beyond the result (none when the caller passes `out`).
 */

/** How one position of the feature vector is filled. All slots share one shape, so the loop stays monomorphic. */
interface FeatureSlot {
  /** 0 numeric input, 1 ordinal category, 2 one-hot indicator, 3 engineered feature. */
  readonly kind: 0 | 1 | 2 | 3;
  readonly key: string;
  readonly secondKey: string;
  readonly category: string;
  readonly ordinals: ReadonlyMap<string, number> | undefined;
  readonly compute: ((first: number, second: number) => number) | undefined;
}

/** A contract compiled for encoding. */
interface FeatureEncoder {
  readonly slots: readonly FeatureSlot[];
  readonly engineered: readonly FeatureSlot[];
}

const encoders = new WeakMap<ModelContract, FeatureEncoder>();

function slot(kind: FeatureSlot['kind'], key: string, rest: Partial<FeatureSlot> = {}): FeatureSlot {
  return { kind, key, secondKey: '', category: '', ordinals: undefined, compute: undefined, ...rest };
}

function engineeredSlot(name: string): FeatureSlot {
  const formula = engineeredFormula(name);
  if (formula === undefined) throw new RangeError(`contract names the unknown engineered feature "${name}": validate it with validateContract first`);
  return slot(3, formula.requires[0], { secondKey: formula.requires[1], compute: formula.compute });
}

function compile(contract: ModelContract): FeatureEncoder {
  const inputs = new Map(contract.inputs.map((input) => [input.name, input]));
  const engineered = new Set(contract.engineered.map((feature) => feature.name));
  const slots = contract.featureOrder.map((name): FeatureSlot => {
    if (engineered.has(name)) return engineeredSlot(name);
    const input = inputs.get(name);
    if (input?.type === 'number') return slot(0, name);
    if (input?.type === 'category') return slot(1, name, { ordinals: new Map(input.categories.map((value, index) => [value, index])) });
    const separator = name.indexOf('=');
    if (separator > 0 && inputs.get(name.slice(0, separator))?.type === 'category') {
      return slot(2, name.slice(0, separator), { category: name.slice(separator + 1) });
    }
    throw new RangeError(`featureOrder names "${name}", which is no input, one-hot or engineered feature of "${contract.name}": validate it with validateContract first`);
  });
  return { slots, engineered: contract.engineered.map((feature) => engineeredSlot(feature.name)) };
}

function encoderFor(contract: ModelContract): FeatureEncoder {
  let encoder = encoders.get(contract);
  if (encoder === undefined) {
    encoder = compile(contract);
    encoders.set(contract, encoder);
  }
  return encoder;
}

function slotValue(slot: FeatureSlot, input: ModelInput): number {
  switch (slot.kind) {
    case 0:
      return input[slot.key] as number;
    case 1:
      return slot.ordinals!.get(input[slot.key] as string) ?? Number.NaN;
    case 2:
      return input[slot.key] === slot.category ? 1 : 0;
    case 3:
      return slot.compute!(input[slot.key] as number, input[slot.secondKey] as number);
  }
}

/**
 * Encodes a validated input (see `validateInput`) as the float32 vector the model takes, in the
 * contract's `featureOrder`. Pass `out` (length = featureOrder.length) to reuse a buffer, e.g.
 * when encoding a whole training set into one matrix.
 *
 * @throws RangeError when the contract was not validated and names an unknown feature, or `out`
 *   has the wrong length.
 */
export function toFeatureVector(contract: ModelContract, input: ModelInput, out?: Float32Array): Float32Array {
  const { slots } = encoderFor(contract);
  const vector = out ?? new Float32Array(slots.length);
  if (vector.length !== slots.length) throw new RangeError(`out has ${vector.length} places; "${contract.name}" has ${slots.length} features`);
  for (let index = 0; index < slots.length; index += 1) vector[index] = slotValue(slots[index]!, input);
  return vector;
}

/**
 * The contract's engineered features for one validated input, by name, in full double precision
 * (the UI shows them beside the prediction; the model gets them through `toFeatureVector`).
 */
export function engineerFeatures(contract: ModelContract, input: ModelInput): Record<string, number> {
  const { engineered } = encoderFor(contract);
  const features: Record<string, number> = {};
  contract.engineered.forEach((feature, index) => {
    features[feature.name] = slotValue(engineered[index]!, input);
  });
  return features;
}
