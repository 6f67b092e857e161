import type { CategoryInput, FieldError, ModelContract, NumberInput } from '@millwright/contract';
import type { FormEvent } from 'react';
import { inputLabel } from '../../../shared/contract/feature-label.ts';
import { inputStep, type FormValues } from '../form-values.ts';

interface FieldProps<T> {
  readonly input: T;
  readonly value: string;
  readonly error: string | undefined;
  readonly onChange: (value: string) => void;
}

function NumberField({ input, value, error, onChange }: FieldProps<NumberInput>) {
  const id = `field-${input.name}`;
  const label = inputLabel(input);
  const hint = input.range ? `${input.range.min}–${input.range.max}${input.unit ? ` ${input.unit}` : ''}` : 'any number';
  const step = inputStep(input);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-controls">
        {input.range && (
          <input
            type="range"
            aria-label={`${label}, slider`}
            min={input.range.min}
            max={input.range.max}
            step={step}
            value={Number.isFinite(Number(value)) && value !== '' ? Number(value) : input.range.min}
            onChange={(event) => onChange(event.target.value)}
            tabIndex={-1}
          />
        )}
        <input
          id={id}
          name={input.name}
          type="number"
          inputMode="decimal"
          step="any"
          min={input.range?.min}
          max={input.range?.max}
          value={value}
          aria-invalid={error !== undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
      <small id={`${id}-hint`} className="muted">
        {hint}
      </small>
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

function CategoryField({ input, value, error, onChange }: FieldProps<CategoryInput>) {
  const id = `field-${input.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{inputLabel(input)}</label>
      <select id={id} name={input.name} value={value} aria-invalid={error !== undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(event) => onChange(event.target.value)}>
        {input.categories.map((category) => (
          <option key={category} value={category}>
            {category}
          </option>
        ))}
      </select>
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

/**
 * The predict form, generated from the served model's contract: a slider and a number box (the
 * slider is the mouse's shortcut; the keyboard uses the box) per numeric input with its unit and
 * range, a select per categorical input.
 */
export function ContractForm(props: {
  contract: ModelContract;
  values: FormValues;
  errors: readonly FieldError[];
  busy: boolean;
  onChange: (name: string, value: string) => void;
  onSubmit: () => void;
}) {
  const { contract, values, errors, busy, onChange, onSubmit } = props;
  const errorOf = (name: string) => errors.find((error) => error.field === name)?.reason;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form aria-label="Prediction inputs" onSubmit={submit} noValidate className="form-grid">
      {contract.inputs.map((input) =>
        input.type === 'number' ? (
          <NumberField key={input.name} input={input} value={values[input.name] ?? ''} error={errorOf(input.name)} onChange={(value) => onChange(input.name, value)} />
        ) : (
          <CategoryField key={input.name} input={input} value={values[input.name] ?? ''} error={errorOf(input.name)} onChange={(value) => onChange(input.name, value)} />
        ),
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Predicting…' : 'Predict'}
        </button>
      </div>
    </form>
  );
}
