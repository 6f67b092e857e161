import type { Policy } from '../model/policy-types.ts';
import { argoCdProject } from './argocd-project.ts';
import { declaredExposure } from './declared-exposure.ts';
import { defaultDenyNetworkPolicy } from './default-deny-network-policy.ts';
import { imagesPinned } from './images-pinned.ts';
import { noLiteralSecrets } from './no-literal-secrets.ts';
import { otNodeSelection } from './ot-node-selection.ts';
import { podDisruptionBudget } from './pod-disruption-budget.ts';
import { podSecurityExplained } from './pod-security-explained.ts';
import { podSecurityRestricted } from './pod-security-restricted.ts';
import { probesDeclared } from './probes-declared.ts';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { recommendedLabels } from './recommended-labels.ts';
import { resourcesDeclared } from './resources-declared.ts';

/**
 * Every policy of the gate, in report order. A policy added here without fixtures fails the
 * test suite (every policy must be shown to pass a good object and reject a bad one).
 */
export const policies: readonly Policy[] = [
  podSecurityRestricted,
  podSecurityExplained,
  imagesPinned,
  resourcesDeclared,
  probesDeclared,
  readOnlyRootFilesystem,
  noLiteralSecrets,
  defaultDenyNetworkPolicy,
  declaredExposure,
  recommendedLabels,
  podDisruptionBudget,
  argoCdProject,
  otNodeSelection,
];
