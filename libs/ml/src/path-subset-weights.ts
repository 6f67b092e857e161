/**
 * The combinatorial core of path-dependent TreeSHAP for one leaf, in the form of "Fast TreeSHAP"
 * v2 (Yang 2021, "Fast TreeSHAP: Accelerating SHAP Value Computation for Trees",
 * https://arxiv.org/abs/2109.09847): what a leaf contributes depends on the row only through which
 * of its path's features the row satisfies, so the sums over coalitions can be done once per leaf
 * and subset, not once per row.
 *
 * For a leaf whose path splits on the d distinct features P, each with zero fraction z_j (the
 * product of the cover shares along the path's splits on j), and a row that satisfies every split
 * on the features H ⊆ P (the "hot" ones) and not all splits on the others:
 *
 *   φ_i = v · (1 − z_i) · Z(P∖H) · Q(H∖{i})   for i ∈ H,
 *   φ_i = −v · Z(P∖H) · Q(H)                  for i ∈ P∖H,
 *
 * where v is the leaf value, Z(T) = Π_{j∈T} z_j, and, with the Shapley weight
 * w(k) = k! (d − k − 1)! / d!,
 *
 *   Q(T) = Σ_{S ⊆ T} w(|S|) · Z(T∖S).
 *
 * (The leaf's part of E[f | x_S] is v · [S∩P ⊆ H] · Z(P∖S), a game whose Shapley values these
 * are.) Q(T) = Σ_k w(k) · c_k(T), with c_k(T) the coefficient of y^k in Π_{j∈T} (y + z_j).
 */

/** The Shapley weights k! (d − k − 1)! / d! for k = 0 … d − 1 (by the ratio w(k) / w(k − 1) = k / (d − k)). */
export function shapleyWeights(d: number): Float64Array {
  const weights = new Float64Array(d);
  if (d === 0) return weights;
  weights[0] = 1 / d;
  for (let k = 1; k < d; k += 1) weights[k] = (weights[k - 1]! * k) / (d - k);
  return weights;
}

/**
 * Writes `scale · Q(T)` for every subset T of the d features (bit j of T standing for
 * `zero[j]`) into `out[offset + T]`, 2^d entries. The full set P gets 0: no feature is outside it,
 * so it is never looked up. Cost O(2^d · d).
 */
export function fillSubsetWeights(zero: ArrayLike<number>, d: number, scale: number, out: Float64Array, offset: number): void {
  const weights = shapleyWeights(d);
  const width = d + 1;
  // coefficients[T · width + k] = c_k(T); each subset extends the one without its highest bit.
  const coefficients = new Float64Array((1 << d) * width);
  coefficients[0] = 1;
  out[offset] = scale * (d > 0 ? weights[0]! : 0);
  const full = (1 << d) - 1;
  for (let subset = 1; subset <= full; subset += 1) {
    const top = 31 - Math.clz32(subset);
    const from = (subset ^ (1 << top)) * width;
    const to = subset * width;
    const z = zero[top]!;
    const size = popCount(subset);
    coefficients[to] = z * coefficients[from]!;
    for (let k = 1; k <= size; k += 1) coefficients[to + k] = coefficients[from + k - 1]! + z * coefficients[from + k]!;
    if (subset === full) {
      out[offset + subset] = 0;
      continue;
    }
    let total = 0;
    for (let k = 0; k <= size; k += 1) total += weights[k]! * coefficients[to + k]!;
    out[offset + subset] = scale * total;
  }
}

/**
 * Writes a leaf's whole contribution for every hot set H ⊆ P: `out[offset + H · d + j]` is what
 * the leaf adds to the SHAP value of its j-th distinct path feature when the row's hot set is H
 * (bit j of H standing for `zero[j]`), so explaining a row costs d additions per leaf.
 * 2^d · d entries; cost O(2^d · d).
 */
export function fillLeafContributions(zero: ArrayLike<number>, d: number, leafValue: number, out: Float64Array, offset: number): void {
  const size = 1 << d;
  const weighted = new Float64Array(size);
  fillSubsetWeights(zero, d, leafValue, weighted, 0);
  const full = size - 1;
  for (let hot = 0; hot < size; hot += 1) {
    let coldZero = 1;
    for (let j = 0; j < d; j += 1) if (((hot >>> j) & 1) === 0) coldZero *= zero[j]!;
    const coldTerm = hot === full ? 0 : -coldZero * weighted[hot]!;
    for (let j = 0; j < d; j += 1) {
      const bit = 1 << j;
      out[offset + hot * d + j] = hot & bit ? (1 - zero[j]!) * coldZero * weighted[hot ^ bit]! : coldTerm;
    }
  }
}

/**
 * The table key of a sibling pair: the hot set at their parent (the union of theirs: they differ
 * at most in the parent's split bit) and whether the row keeps that bit on the true (left) side.
 * When the bit was already cleared above the parent both leaves have the same hot set, and both
 * directions index the same sums.
 */
export function pairKey(hotLeft: number, hotRight: number, bit: number): number {
  return ((hotLeft | hotRight) << 1) | (hotLeft & bit ? 1 : 0);
}

/**
 * The table of a sibling pair: for every parent hot set H and direction, the sum of the two
 * leaves' contributions (path-subset-weights.ts), at `out[offset + pairKey · d + j]`.
 */
export function fillPairContributions(
  zeroLeft: Float64Array, zeroRight: Float64Array, d: number, valueLeft: number, valueRight: number, bit: number, out: Float64Array, offset: number,
): void {
  const size = 1 << d;
  const leftTable = new Float64Array(size * d);
  const rightTable = new Float64Array(size * d);
  fillLeafContributions(zeroLeft, d, valueLeft, leftTable, 0);
  fillLeafContributions(zeroRight, d, valueRight, rightTable, 0);
  for (let parentHot = 0; parentHot < size; parentHot += 1) {
    for (const goesTrue of [0, 1]) {
      const hotLeft = goesTrue ? parentHot : parentHot & ~bit;
      const hotRight = goesTrue ? parentHot & ~bit : parentHot;
      const at = offset + pairKey(hotLeft, hotRight, bit) * d;
      for (let j = 0; j < d; j += 1) out[at + j] = leftTable[hotLeft * d + j]! + rightTable[hotRight * d + j]!;
    }
  }
}

/**
 * Q(T) of one subset, computed directly in O(|T|²) (for a leaf too deep to tabulate): `members`
 * holds the zero fractions of T's features, `weights` the leaf's {@link shapleyWeights}, and
 * `scratch` at least |T| + 1 slots.
 */
export function subsetWeight(members: ArrayLike<number>, size: number, weights: Float64Array, scratch: Float64Array): number {
  scratch[0] = 1;
  for (let m = 0; m < size; m += 1) {
    const z = members[m]!;
    scratch[m + 1] = scratch[m]!;
    for (let k = m; k >= 1; k -= 1) scratch[k] = scratch[k - 1]! + z * scratch[k]!;
    scratch[0] = z * scratch[0]!;
  }
  let total = 0;
  for (let k = 0; k <= size; k += 1) total += weights[k]! * scratch[k]!;
  return total;
}

function popCount(value: number): number {
  let count = 0;
  for (let rest = value; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
