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
  /** Positional arguments after the command name (only commands that declare them get any). @default [] */
  readonly args?: readonly string[];
  /** `set-image --tag`: the image tag, when not given as `<tag>@<digest>`. */
  readonly tag?: string;
  /** `set-image --digest`: the image digest (`sha256:<64 hex>`). */
  readonly digest?: string;
}
