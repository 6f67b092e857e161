import type { ModelContract } from '@millwright/contract';
import { useReducer, useState } from 'react';
import { ApiError } from '../../../shared/api/api-client.ts';
import { useServices } from '../../../shared/api/api-context.tsx';
import { ErrorBanner } from '../../../shared/components/ErrorBanner.tsx';
import { featureLabel } from '../../../shared/contract/feature-label.ts';
import { explainOne } from '../api/explain-one.ts';
import { getImportances, type FeatureImportance } from '../api/get-importances.ts';
import { predictOne } from '../api/predict-one.ts';
import { curlCommand } from '../curl-command.ts';
import { initialFormValues, toModelInput } from '../form-values.ts';
import { initialPredictFormState, predictFormReducer, resultIsStale } from '../predict-form-state.ts';
import { ContractForm } from './ContractForm.tsx';
import { CopyAsCurl } from './CopyAsCurl.tsx';
import { MachinePresets } from './MachinePresets.tsx';
import { PredictionResult } from './PredictionResult.tsx';

/**
 * Predict one row: a form generated from the served contract, starting at the training data's
 * typical operating point (`typicalInput`), the answer and its explanation.
 */
export function PredictPage({ contract, typicalInput = {} }: { contract: ModelContract; typicalInput?: Readonly<Record<string, number>> }) {
  const { api } = useServices();
  const [state, dispatch] = useReducer(predictFormReducer, undefined, () => initialPredictFormState(initialFormValues(contract, typicalInput)));
  const [importances, setImportances] = useState<Record<string, readonly FeatureImportance[]>>({});
  const { values, errors, busy, failure, answered } = state;

  const submit = async () => {
    const checked = toModelInput(contract, values);
    if (!checked.ok) {
      dispatch({ type: 'rejected', errors: checked.errors });
      return;
    }
    dispatch({ type: 'sent' });
    try {
      const answer = await predictOne(api, checked.value);
      dispatch({ type: 'answered', answered: { answer, input: checked.value, values } });
      // The explanation follows the prediction: whatever becomes of it, the prediction stands.
      explainOne(api, checked.value).then(
        (explanation) => dispatch({ type: 'explained', input: checked.value, explanation: { status: 'ready', explanation } }),
        (error: unknown) => dispatch({ type: 'explained', input: checked.value, explanation: { status: 'unavailable', reason: (error as Error).message } }),
      );
      const version = answer.model.version;
      if (importances[version] === undefined) {
        getImportances(api, version).then(
          (list) => setImportances((known) => ({ ...known, [version]: list })),
          () => setImportances((known) => ({ ...known, [version]: [] })),
        );
      }
    } catch (error) {
      dispatch({ type: 'failed', message: (error as Error).message, errors: error instanceof ApiError ? error.fieldErrors : [] });
    }
  };

  const checked = toModelInput(contract, values);
  const curl = curlCommand(api.baseUrl, '/predict', checked.ok ? checked.value : values, globalThis.location?.origin ?? '');
  return (
    <section aria-labelledby="predict-heading">
      <h2 id="predict-heading">Predict</h2>
      <MachinePresets onPreset={(_machine, features) => dispatch({ type: 'machine-chosen', contract, features })} />
      <ContractForm contract={contract} values={values} errors={errors} busy={busy} onChange={(name, value) => dispatch({ type: 'edited', name, value })} onSubmit={() => void submit()} />
      {errors.length > 0 && (
        <p role="alert" className="field-error">
          Fix {errors.length === 1 ? 'this field' : `these ${errors.length} fields`}: {errors.map((error) => `${featureLabel(contract, error.field)}: ${error.reason}`).join('; ')}
        </p>
      )}
      <CopyAsCurl command={curl} />
      {failure && errors.length === 0 && <ErrorBanner title="The prediction failed" message={failure} onRetry={() => void submit()} />}
      {answered && (
        <PredictionResult
          answer={answered.answer}
          input={answered.input}
          explanation={answered.explanation}
          contract={contract}
          stale={resultIsStale(state)}
          importances={importances[answered.answer.model.version]}
        />
      )}
    </section>
  );
}
