import type { LabelSelector } from '../model/policy-types.ts';

/**
 * Whether labels satisfy a Kubernetes label selector: every `matchLabels` pair, and every
 * `matchExpressions` requirement (In, NotIn, Exists, DoesNotExist). An absent or empty selector
 * matches everything, as it does for admission match rules and policy/v1 PodDisruptionBudgets.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
 */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(labels, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!present || !values.includes(labels[requirement.key]!)) return false;
        break;
      case 'NotIn':
        // A missing label satisfies NotIn, as in apimachinery's labels.Selector.
        if (present && values.includes(labels[requirement.key]!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        throw new Error(`label selector operator "${requirement.operator}" is not one of In, NotIn, Exists, DoesNotExist`);
    }
  }
  return true;
}
