import { ai4i2020 } from './ai4i-2020.ts';
import type { SeededRandom } from './seeded-random.ts';

/** The product quality variants of AI4I 2020: low, medium, high. */
export type ProductType = 'L' | 'M' | 'H';

/** Every product type, in quality order. */
export const productTypes: readonly ProductType[] = ['L', 'M', 'H'];

/** True for `L`, `M` or `H`. */
export function isProductType(value: unknown): value is ProductType {
  return value === 'L' || value === 'M' || value === 'H';
}

/** Draws a product type with the published shares: L 50 %, M 30 %, H 20 %. */
export function drawProductType(random: SeededRandom): ProductType {
  const draw = random.uniform();
  const { L, M } = ai4i2020.productTypeShares;
  if (draw < L) return 'L';
  return draw < L + M ? 'M' : 'H';
}
