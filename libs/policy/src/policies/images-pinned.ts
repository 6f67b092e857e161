import { names } from '@millwright/kube';
import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { celString, noOffendingContainers, offendingContainers, podTemplateVariables, workloadRules } from './workload-cel.ts';

const digest = '@sha256:[a-f0-9]{64}$';
/** A tag in the last path segment, so a registry port (`host:5000/app`) is not mistaken for one. */
const tagged = '^[^@]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[a-f0-9]{64})?$';

/**
 * Every image is pinned: never `:latest`, never without a tag (which means latest) unless it
 * carries a digest; and once CI has promoted a workload (annotation `millwright.io/promoted:
 * "true"`, set with the digest by `gitops set-image`), every image must carry its digest, so
 * what was tested is byte-for-byte what runs.
 */
export const imagesPinned = defineAdmissionPolicy({
  name: 'millwright-images-pinned',
  description: 'Images are pinned: no :latest, no untagged image, and a digest on every image of a promoted workload.',
  resourceRules: workloadRules,
  variables: [
    ...podTemplateVariables,
    offendingContainers('latest', `c.image.matches(${celString(`:latest(${digest.slice(0, -1)})?$`)})`),
    offendingContainers('untagged', `!c.image.matches(${celString(tagged)}) && !c.image.matches(${celString(digest)})`),
    {
      name: 'promoted',
      expression: `object.metadata.?annotations[?${celString(names.annotations.promoted)}].orValue("") == "true"`,
    },
    offendingContainers('undigested', `!c.image.matches(${celString(digest)})`),
  ],
  validations: [
    noOffendingContainers('latest', 'use the mutable tag :latest; pin a version tag'),
    noOffendingContainers('untagged', 'have an image without a tag or digest (it means :latest); pin a version tag'),
    {
      expression: '!variables.promoted || size(variables.undigested) == 0',
      message: `the workload is promoted (${names.annotations.promoted}) but an image has no digest`,
      messageExpression: `"container(s) " + variables.undigested.join(", ") + " of a promoted workload (${names.annotations.promoted}) have no @sha256 digest; pin it with gitops set-image"`,
    },
  ],
});
