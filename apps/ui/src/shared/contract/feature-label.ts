/**
 * How the UI names a contract's inputs and features to people: the contract's description,
 * capitalised, with its unit ("Spindle torque (Nm)"), never the camelCase name the API and the
 * ONNX model use. One place, so the form, the errors, the importances, the drift table and the
 * batch results name a quantity the same way.
 */
import type { ContractInput, ModelContract } from '@millwright/contract';

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An input's label: its description, capitalised, with its unit. */
export function inputLabel(input: ContractInput): string {
  const text = capitalised(input.description);
  return input.type === 'number' && input.unit ? `${text} (${input.unit})` : text;
}

/**
 * The label of a name in the contract's `featureOrder` (an input, an engineered feature, or a
 * one-hot indicator `input=value`), or of a request field; the name itself when the contract does
 * not know it.
 */
export function featureLabel(contract: ModelContract, name: string): string {
  const input = contract.inputs.find((candidate) => candidate.name === name);
  if (input !== undefined) return inputLabel(input);
  const engineered = contract.engineered.find((candidate) => candidate.name === name);
  // Engineered descriptions often end in a remark in parentheses already: the unit follows a comma.
  if (engineered !== undefined) return `${capitalised(engineered.description)}, in ${engineered.unit}`;
  const [indicated, value] = name.split('=');
  const category = value === undefined ? undefined : contract.inputs.find((candidate) => candidate.name === indicated);
  return category === undefined ? name : `${inputLabel(category)}: ${value}`;
}
