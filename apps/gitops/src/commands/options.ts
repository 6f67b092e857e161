/** What every command receives from the command line. */
export interface CommandOptions {
  /** The repository root the generated roots live under. */
  readonly root: string;
  /** The platform config file. */
  readonly config: string;
  /** Print instead of writing. */
  readonly dryRun: boolean;
  /** Report format of commands that have several (`policy`: text, json, junit). */
  readonly output?: string;
}
