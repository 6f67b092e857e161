import type { FieldError, ModelContract, ModelInput } from '@millwright/contract';
import { useState } from 'react';
import { ApiError } from '../../../shared/api/api-client.ts';
import { useServices } from '../../../shared/api/api-context.tsx';
import { ErrorBanner } from '../../../shared/components/ErrorBanner.tsx';
import { getImportances, type FeatureImportance } from '../api/get-importances.ts';
import { predictOne, type PredictAnswer } from '../api/predict-one.ts';
import { curlCommand } from '../curl-command.ts';
import { formValuesFromFeatures, initialFormValues, toModelInput, type FormValues } from '../form-values.ts';
import { ContractForm } from './ContractForm.tsx';
import { CopyAsCurl } from './CopyAsCurl.tsx';
import { MachinePresets } from './MachinePresets.tsx';
import { PredictionResult } from './PredictionResult.tsx';

interface Answered {
  readonly answer: PredictAnswer;
  readonly input: ModelInput;
}

/** Predict one row: a form generated from the served contract, the answer and its explanation. */
export function PredictPage({ contract }: { contract: ModelContract }) {
  const { api } = useServices();
  const [values, setValues] = useState<FormValues>(() => initialFormValues(contract));
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [answered, setAnswered] = useState<Answered | undefined>(undefined);
  const [importances, setImportances] = useState<Record<string, readonly FeatureImportance[]>>({});

  const submit = async () => {
    const checked = toModelInput(contract, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    setFailure(undefined);
    setBusy(true);
    try {
      const answer = await predictOne(api, checked.value);
      setAnswered({ answer, input: checked.value });
      const version = answer.model.version;
      if (importances[version] === undefined) {
        getImportances(api, version).then(
          (list) => setImportances((known) => ({ ...known, [version]: list })),
          () => setImportances((known) => ({ ...known, [version]: [] })),
        );
      }
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) setErrors(error.fieldErrors);
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const checked = toModelInput(contract, values);
  const curl = curlCommand(api.baseUrl, '/predict', checked.ok ? checked.value : values, globalThis.location?.origin ?? '');
  return (
    <section aria-labelledby="predict-heading">
      <h2 id="predict-heading">Predict</h2>
      <MachinePresets onPreset={(_machine, features) => setValues((current) => formValuesFromFeatures(contract, current, features))} />
      <ContractForm contract={contract} values={values} errors={errors} busy={busy} onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))} onSubmit={() => void submit()} />
      {errors.length > 0 && (
        <p role="alert" className="field-error">
          Fix {errors.length === 1 ? 'this field' : `these ${errors.length} fields`}: {errors.map((error) => `${error.field}: ${error.reason}`).join('; ')}
        </p>
      )}
      <CopyAsCurl command={curl} />
      {failure && errors.length === 0 && <ErrorBanner title="The prediction failed" message={failure} onRetry={() => void submit()} />}
      {answered && <PredictionResult answer={answered.answer} input={answered.input} positiveClass={contract.outputs.positiveClass} importances={importances[answered.answer.model.version]} />}
    </section>
  );
}
