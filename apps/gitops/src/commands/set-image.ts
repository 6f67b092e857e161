import { catalogue, imageReference, names, ownImage, parseImageReference, pinImage, type ImageReferenceParts } from '@millwright/platform';
import { CliError } from '../cli-error.ts';
import { loadPlatform } from '../load-platform.ts';
import { formatProblems, renderAndValidate } from '../render-and-validate.ts';
import { diffTree, writeImagePins, writeTree } from '../tree-writer.ts';
import type { CommandOptions } from './options.ts';

/** How set-image is called; shown with every usage error. */
export const setImageUsage = 'set-image <app> <tag>@sha256:<64 hex>  (or: set-image <app> --tag <tag> --digest sha256:<64 hex>)';

/** The image from either `<[repository:]tag>@<digest>` or `--tag` and `--digest`, never both. */
function imageFromArguments(reference: string | undefined, tag: string | undefined, digest: string | undefined): ImageReferenceParts {
  if (reference !== undefined && (tag !== undefined || digest !== undefined)) {
    throw new CliError(`set-image: give the image either as <tag>@<digest> or with --tag and --digest, not both\nusage: ${setImageUsage}`, 2);
  }
  if (reference !== undefined) return parseImageReference(reference);
  if (tag === undefined || digest === undefined) {
    throw new CliError(`set-image: missing the image ${tag === undefined && digest === undefined ? 'tag and digest' : tag === undefined ? 'tag' : 'digest'}\nusage: ${setImageUsage}`, 2);
  }
  return parseImageReference(`${tag}@${digest}`);
}

/**
 * `set-image <app> <tag>@<digest>`: promotes an image CI built and pushed. Pins one of the
 * platform's own apps to that tag and digest in `platform.images.json` (the platform model's
 * machine-edited input; YAML is never edited), re-renders, validates, and only then writes the
 * pins and the tree. The app's workload is annotated `millwright.io/promoted: "true"`, so the
 * policy gate requires the digest from now on. Only the app's own bundle changes.
 */
export async function runSetImage(options: CommandOptions): Promise<string> {
  const [app, reference, ...extra] = options.args ?? [];
  if (app === undefined) throw new CliError(`set-image: which app? usage: ${setImageUsage}`, 2);
  if (extra.length > 0) throw new CliError(`set-image: unexpected argument "${extra[0]}"\nusage: ${setImageUsage}`, 2);
  const image = imageFromArguments(reference, options.tag, options.digest);
  const current = await loadPlatform(options.config, { root: options.root });
  const imagePins = pinImage(current, catalogue, app, image);
  const platform = { ...current, imagePins };
  const result = await renderAndValidate(platform);
  if (result.problems.length > 0) {
    throw new CliError(`set-image refused: the re-rendered tree is invalid; nothing was written\n${formatProblems(result.problems)}`);
  }
  const drift = diffTree(options.root, result.files);
  const touched = [...drift.changed, ...drift.missing, ...drift.extra].sort();
  const pinned = `${app} pinned to ${imageReference(ownImage(platform, app))}`;
  const files = touched.length > 0 ? touched.map((path) => `  ${path}`).join('\n') : '  (none: already pinned)';
  if (options.dryRun) return `${pinned} (dry run: nothing written)\nwould change ${names.imagePinsFile} and:\n${files}`;
  writeImagePins(options.root, imagePins);
  writeTree(options.root, result.files);
  return `${pinned}\nwrote ${names.imagePinsFile} and re-rendered; changed:\n${files}`;
}
