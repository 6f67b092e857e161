/**
 * Drift as the operator UI (`GET /drift`) and Prometheus (`model_feature_drift_psi`) see it: the
 * last {@link driftWindowRows} inputs the API scored against the training reference of the
 * version serving as champion, fetched with it from the registry. Not the latest inputs against
 * earlier live inputs: a tool's wear only grows between tool changes, so any recent window looks
 * shifted against the whole past (issue 18). Judged only from {@link minimumDriftRows} inputs on,
 * because the simulator's temperatures wander for about a hundred processes: fewer rows from ten
 * machines read as a shift that is not there.
 */
import type { ModelInput } from '@millwright/contract';
import type { LoadedModel } from '../model/loaded-model.ts';
import { liveDrift, type FeatureDriftReading } from './live-drift.ts';
import { RecentInputs } from './recent-inputs.ts';

/** Inputs compared: at the local stack's 10 inputs a second, the last 17 minutes. */
export const driftWindowRows = 10_000;

/** Inputs needed before drift is judged (and published to Prometheus). */
export const minimumDriftRows = 5_000;

/** What `GET /drift` answers. */
export interface DriftStatus {
  /** The champion whose training reference is compared; null before one serves. */
  readonly version: string | null;
  /** Rows of the training reference; null when there is none. */
  readonly referenceRows: number | null;
  readonly window: { readonly rows: number; readonly capacity: number; readonly minimumRows: number };
  /** Whether enough inputs arrived for the levels to mean something. */
  readonly judged: boolean;
  /** Every feature of the reference, in the contract's order; empty without a reference or inputs. */
  readonly features: readonly FeatureDriftReading[];
  /** Why drift cannot be computed (no champion, no reference), or null. */
  readonly problem: string | null;
}

/** Options of {@link DriftMonitor}. @default the module's window and minimum */
export interface DriftMonitorOptions {
  readonly windowRows?: number;
  readonly minimumRows?: number;
}

/** Keeps the recent inputs and computes their drift, once per change of inputs or champion. */
export class DriftMonitor {
  private readonly recent: RecentInputs;
  private readonly minimumRows: number;
  private cached: { key: string; status: DriftStatus } | undefined;

  constructor(options: DriftMonitorOptions = {}) {
    this.recent = new RecentInputs(options.windowRows ?? driftWindowRows);
    this.minimumRows = options.minimumRows ?? minimumDriftRows;
  }

  /** Records one scored input. */
  add(input: ModelInput): void {
    this.recent.add(input);
  }

  /** The drift of the recent inputs against `champion`'s training reference. */
  status(champion: LoadedModel | undefined): DriftStatus {
    const key = `${champion?.version ?? ''}\u0000${this.recent.added}`;
    if (this.cached?.key === key) return this.cached.status;
    const status = this.compute(champion);
    this.cached = { key, status };
    return status;
  }

  private compute(champion: LoadedModel | undefined): DriftStatus {
    const window = { rows: this.recent.size, capacity: this.recent.capacity, minimumRows: this.minimumRows };
    if (champion === undefined) return { version: null, referenceRows: null, window, judged: false, features: [], problem: 'no version is serving yet' };
    const { trainingReference } = champion;
    if (!trainingReference.ok) return { version: champion.version, referenceRows: null, window, judged: false, features: [], problem: trainingReference.problem };
    const { rows, features } = liveDrift(champion.contract, trainingReference.reference, this.recent.toArray());
    return {
      version: champion.version,
      referenceRows: trainingReference.reference.rows,
      window: { ...window, rows },
      judged: rows >= this.minimumRows,
      features,
      problem: null,
    };
  }
}
