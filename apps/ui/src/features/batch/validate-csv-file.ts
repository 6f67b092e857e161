import type { ModelContract } from '@millwright/contract';
import type { ValidationMessage } from './csv-validation-messages.ts';
import { runCsvValidation } from './run-csv-validation.ts';

/**
 * Validates a CSV text in a Web Worker when the browser has them, else in chunks on the main
 * thread. Resolves with the final message; `onProgress` sees the progress messages. Aborting
 * terminates the worker.
 */
export function validateCsvText(contract: ModelContract, text: string, onProgress: (done: number, total: number) => void, signal?: AbortSignal): Promise<ValidationMessage> {
  return new Promise((resolve, reject) => {
    const handle = (message: ValidationMessage) => {
      if (message.kind === 'progress') onProgress(message.done, message.total);
      else resolve(message);
    };
    if (typeof Worker === 'undefined') {
      const yieldToPage = () => new Promise<void>((done) => setTimeout(done, 0));
      runCsvValidation(contract, text, handle, async () => {
        if (signal?.aborted) throw new DOMException('validation aborted', 'AbortError');
        await yieldToPage();
      }).catch(reject);
      return;
    }
    const worker = new Worker(new URL('./csv-validation-worker.ts', import.meta.url), { type: 'module' });
    const finish = () => worker.terminate();
    signal?.addEventListener('abort', () => {
      finish();
      reject(new DOMException('validation aborted', 'AbortError'));
    });
    worker.onmessage = (event: MessageEvent<ValidationMessage>) => {
      if (event.data.kind !== 'progress') finish();
      handle(event.data);
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`the CSV worker failed: ${event.message}`));
    };
    worker.postMessage({ contract, text });
  });
}
