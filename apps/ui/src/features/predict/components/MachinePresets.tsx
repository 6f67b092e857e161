import { useCallback, useState } from 'react';
import { useServices } from '../../../shared/api/api-context.tsx';
import { useAsync } from '../../../shared/hooks/use-async.ts';
import { getMachineFeatures, getMachines } from '../api/get-machines.ts';

/** A select of the live machines in the feature store; choosing one loads its latest features. */
export function MachinePresets({ onPreset }: { onPreset: (machineId: string, features: Record<string, unknown>) => void }) {
  const { api } = useServices();
  const machines = useAsync(useCallback((signal: AbortSignal) => getMachines(api, signal), [api]));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState('');

  if (machines.status === 'loading') return null;
  if (machines.status === 'error') return <p className="muted">Live machine presets are unavailable: {machines.error.message}</p>;
  if (machines.value.length === 0) return <p className="muted">No live machines in the feature store yet; enter values by hand.</p>;

  const choose = async (machineId: string) => {
    setChosen(machineId);
    setProblem(undefined);
    if (machineId === '') return;
    try {
      onPreset(machineId, await getMachineFeatures(api, machineId));
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <div className="field presets">
      <label htmlFor="machine-preset">Start from a live machine</label>
      <select id="machine-preset" value={chosen} onChange={(event) => void choose(event.target.value)}>
        <option value="">Choose a machine…</option>
        {machines.value.map((machine) => (
          <option key={machine} value={machine}>
            {machine}
          </option>
        ))}
      </select>
      {problem && <small className="field-error">{problem}</small>}
    </div>
  );
}
