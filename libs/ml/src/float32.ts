/**
 * Float32 rounding helpers. ONNX Runtime's TreeEnsembleClassifier compares float32 inputs with
 * float32 thresholds, while ml-cart compares doubles; these keep the two in agreement.
 */

const scratch = new DataView(new ArrayBuffer(4));

/**
 * The smallest float32 that is ≥ `value`. For any float32 `x`, `x < value` exactly when
 * `x < smallestFloat32AtLeast(value)`: nothing representable lies between the two. That is why
 * training rows are rounded with `Math.fround` first (docs/toolchain.md, "Float32 parity").
 */
export function smallestFloat32AtLeast(value: number): number {
  const rounded = Math.fround(value);
  if (rounded >= value || Number.isNaN(value)) return rounded;
  // `rounded` < value: step one float32 ulp up. A rounded zero means a tiny positive value,
  // whose next float32 is the smallest subnormal; otherwise step the bit pattern (it grows with
  // magnitude, so a negative number steps towards zero by decrementing it).
  if (rounded === 0) return 2 ** -149;
  scratch.setFloat32(0, rounded);
  const bits = scratch.getInt32(0);
  scratch.setInt32(0, rounded > 0 ? bits + 1 : bits - 1);
  return scratch.getFloat32(0);
}
