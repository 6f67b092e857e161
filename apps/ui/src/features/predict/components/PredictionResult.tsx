import type { ModelContract, ModelInput } from '@millwright/contract';
import type { FeatureImportance } from '../api/get-importances.ts';
import type { PredictAnswer } from '../api/predict-one.ts';
import type { ExplanationState } from '../predict-form-state.ts';
import { namedModes, ruleModelAgreement } from '../rule-model-agreement.ts';
import { ContributionChart } from './ContributionChart.tsx';
import { FailureModeMargins } from './FailureModeMargins.tsx';
import { ImportanceBars } from './ImportanceBars.tsx';

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** A plain statement when the published rules and the model decide differently; nothing when they agree. */
function Disagreement({ answer, input, positiveClass }: { answer: PredictAnswer; input: ModelInput; positiveClass: string }) {
  const verdict = ruleModelAgreement(input, answer.prediction === positiveClass);
  if (verdict.kind !== 'rules-fire' && verdict.kind !== 'model-only') return null;
  const odds = `${percent(answer.probability)}, ${answer.probability >= answer.threshold ? 'at or above' : 'below'} its threshold of ${percent(answer.threshold)}`;
  return (
    <div role="note" aria-labelledby="disagreement-heading" className="disagreement">
      <strong id="disagreement-heading">The published rules and the model disagree</strong>
      <p>
        {verdict.kind === 'rules-fire'
          ? `By the published AI4I 2020 rules these inputs fail: ${namedModes(verdict.modes)} fires. Yet the model predicts “${answer.prediction}” (${odds}). The rules labelled the data the model learned from, so it has not learned this region: trust the rule, or check the inputs.`
          : `No published rule fires for these inputs, yet the model predicts “${answer.prediction}” (${odds}). Only worn tools and random failures fail without a rule; the model may be following a pattern of its training data rather than the physics.`}
      </p>
    </div>
  );
}

/** The contribution chart once it is there; a plain note when the API cannot explain this version. */
function Contributions({ explanation, contract, stale, predictedBy }: { explanation: ExplanationState; contract: ModelContract; stale: boolean; predictedBy: string }) {
  if (explanation.status === 'loading') return <p className="muted">Loading the explanation…</p>;
  if (explanation.status === 'unavailable') {
    return (
      <p role="note" aria-label="No explanation" className="muted">
        No explanation of this prediction ({explanation.reason}). The prediction above stands.
      </p>
    );
  }
  return <ContributionChart explanation={explanation.explanation} contract={contract} stale={stale} predictedBy={predictedBy} />;
}

/**
 * The answer: decision, probability against the threshold, the version that answered, and why
 * (this prediction's feature contributions, the published rules, the version's importances);
 * marked as out of date when the form no longer shows the inputs it answered (`stale`).
 */
export function PredictionResult(props: {
  answer: PredictAnswer;
  input: ModelInput;
  explanation: ExplanationState;
  contract: ModelContract;
  stale: boolean;
  importances: readonly FeatureImportance[] | undefined;
}) {
  const { answer, input, explanation, contract, stale, importances } = props;
  const { positiveClass } = contract.outputs;
  const positive = answer.prediction === positiveClass;
  return (
    <section aria-labelledby="result-heading" className={`card result${stale ? ' result-stale' : ''}`}>
      <h3 id="result-heading">Prediction</h3>
      {stale && (
        <p role="status" aria-label="Result is out of date" className="stale-note">
          The inputs changed since this prediction: it answers the earlier values. Predict again for the current ones.
        </p>
      )}
      <p className={`decision ${positive ? 'decision-positive' : 'decision-negative'}`} role="status">
        Decision: <strong>{answer.prediction}</strong>
      </p>
      <dl className="facts">
        <dt>Probability of “{positiveClass}”</dt>
        <dd>{percent(answer.probability)}</dd>
        <dt>Decision threshold</dt>
        <dd>{percent(answer.threshold)}</dd>
        <dt>Answered by</dt>
        <dd>
          {answer.model.name} version {answer.model.version} ({answer.model.alias})
        </dd>
      </dl>
      <div className="meter" aria-hidden="true">
        <span className="meter-fill" style={{ width: `${answer.probability * 100}%` }} />
        <span className="meter-threshold" style={{ left: `${answer.threshold * 100}%` }} />
      </div>
      <Disagreement answer={answer} input={input} positiveClass={positiveClass} />
      <Contributions explanation={explanation} contract={contract} stale={stale} predictedBy={answer.model.version} />
      <FailureModeMargins input={input} />
      {importances === undefined ? <p className="muted">Loading feature importances…</p> : <ImportanceBars importances={importances} version={answer.model.version} contract={contract} />}
      <p className="muted">The model estimates from patterns in its training data; the contributions say what this model weighed, the rule distances the published physics.</p>
    </section>
  );
}
