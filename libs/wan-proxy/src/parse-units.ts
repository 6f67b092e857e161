/** Durations and rates as the lab's flags spell them ("40ms", "1.5s", "10mbit"). */

const durationUnits: Readonly<Record<string, number>> = { ms: 1, s: 1000 };
const rateUnits: Readonly<Record<string, number>> = { kbit: 1, mbit: 1000, gbit: 1_000_000 };

/** A number followed by a unit, e.g. "1.5" and "s"; undefined when the text is not of that form. */
function splitQuantity(text: string): { amount: number; unit: string } | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!match) return undefined;
  return { amount: Number(match[1]), unit: match[2]!.toLowerCase() };
}

function parseQuantity(text: string, units: Readonly<Record<string, number>>, example: string): number {
  const quantity = splitQuantity(text);
  const known = Object.keys(units).join(', ');
  if (!quantity) throw new Error(`"${text}" is not a number with a unit (${known}), e.g. ${example}`);
  if (quantity.unit === '') throw new Error(`"${text}" needs a unit (${known}), e.g. ${example}`);
  const factor = units[quantity.unit];
  if (factor === undefined) throw new Error(`"${text}" has an unknown unit "${quantity.unit}": expected ${known}`);
  return quantity.amount * factor;
}

/** Milliseconds in a duration such as "40ms" or "1.5s". */
export function parseDurationMs(text: string): number {
  return parseQuantity(text, durationUnits, '40ms or 1.5s');
}

/** kbit/s in a rate such as "512kbit", "10mbit" or "1gbit" (decimal: 1 mbit = 1000 kbit). */
export function parseRateKbit(text: string): number {
  const kbit = parseQuantity(text, rateUnits, '10mbit');
  if (kbit === 0) throw new Error(`"${text}" is a zero rate: to cut the link, take it down instead`);
  return kbit;
}
