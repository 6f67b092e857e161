import { catalogue, type ComponentDefinition, type Platform } from '@millwright/platform';
import { renderTree, validateHelmValues, validateRenderedTree, type RenderedTree, type TreeProblem } from '@millwright/manifests';
import { validateBuilds } from './validate-builds.ts';

/** A render with everything validation found, in-memory checks and kustomize builds alike. */
export interface ValidatedRender extends RenderedTree {
  readonly problems: readonly TreeProblem[];
  readonly overlaysBuilt: number;
  readonly objectsBuilt: number;
}

/** Renders the tree and validates it fully: schemas, unknown fields, Fleet, paths, Helm values, kustomize builds. */
export async function renderAndValidate(platform: Platform, components: readonly ComponentDefinition[] = catalogue): Promise<ValidatedRender> {
  const tree = renderTree(platform, components);
  // The charts' generated values too: the one check they get offline (no helm here).
  const problems = [...validateRenderedTree(tree.files), ...validateHelmValues(tree.components)];
  const builds = await validateBuilds(tree.files);
  let objectsBuilt = 0;
  for (const objects of builds.built.values()) objectsBuilt += objects.length;
  return { ...tree, problems: [...problems, ...builds.problems], overlaysBuilt: builds.built.size, objectsBuilt };
}

/** `file: message` lines, then a count. */
export function formatProblems(problems: readonly TreeProblem[]): string {
  const lines = problems.map((p) => `${p.file}: ${p.message}`);
  lines.push(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
  return lines.join('\n');
}
