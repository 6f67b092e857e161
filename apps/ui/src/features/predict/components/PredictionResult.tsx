import type { ModelInput } from '@millwright/contract';
import type { FeatureImportance } from '../api/get-importances.ts';
import type { PredictAnswer } from '../api/predict-one.ts';
import { FailureModeMargins } from './FailureModeMargins.tsx';
import { ImportanceBars } from './ImportanceBars.tsx';

/** The answer: decision, probability against the threshold, the version that answered, and why. */
export function PredictionResult({ answer, input, positiveClass, importances }: { answer: PredictAnswer; input: ModelInput; positiveClass: string; importances: readonly FeatureImportance[] | undefined }) {
  const positive = answer.prediction === positiveClass;
  return (
    <section aria-labelledby="result-heading" className="card result">
      <h3 id="result-heading">Prediction</h3>
      <p className={`decision ${positive ? 'decision-positive' : 'decision-negative'}`} role="status">
        Decision: <strong>{answer.prediction}</strong>
      </p>
      <dl className="facts">
        <dt>Probability of “{positiveClass}”</dt>
        <dd>{(answer.probability * 100).toFixed(1)} %</dd>
        <dt>Decision threshold</dt>
        <dd>{(answer.threshold * 100).toFixed(1)} %</dd>
        <dt>Answered by</dt>
        <dd>
          {answer.model.name} version {answer.model.version} ({answer.model.alias})
        </dd>
      </dl>
      <div className="meter" aria-hidden="true">
        <span className="meter-fill" style={{ width: `${answer.probability * 100}%` }} />
        <span className="meter-threshold" style={{ left: `${answer.threshold * 100}%` }} />
      </div>
      <FailureModeMargins input={input} />
      {importances === undefined ? <p className="muted">Loading feature importances…</p> : <ImportanceBars importances={importances} version={answer.model.version} />}
      <p className="muted">The model estimates from patterns in its training data; the rule distances above are the published physics, not the model's reasoning.</p>
    </section>
  );
}
