/** The Web Worker that parses and validates a CSV file off the page's thread. */
import type { ValidationMessage, ValidationRequest } from './csv-validation-messages.ts';
import { runCsvValidation } from './run-csv-validation.ts';

const scope = self as unknown as { onmessage: ((event: MessageEvent<ValidationRequest>) => void) | null; postMessage(message: ValidationMessage): void };

scope.onmessage = (event) => {
  const { contract, text } = event.data;
  runCsvValidation(contract, text, (message) => scope.postMessage(message), async () => undefined).catch((error: unknown) =>
    scope.postMessage({ kind: 'invalid-file', problems: [`the file could not be read: ${(error as Error).message}`] }),
  );
};
