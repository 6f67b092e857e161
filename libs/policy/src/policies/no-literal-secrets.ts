import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';

/**
 * No Secret in the Git tree carries values (`data` or `stringData`): the repository is
 * readable by everyone who can read the platform, and Git never forgets. Components reference
 * Secrets by name; the README says how to create them (or use SealedSecrets / ExternalSecrets).
 * Tree-only: in the cluster, Secrets are created with data by design.
 */
export const noLiteralSecrets = defineAdmissionPolicy({
  name: 'millwright-no-literal-secrets',
  description: 'No Secret in the Git tree carries data or stringData; Secrets are referenced by name and created out of band.',
  resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['secrets'] }],
  inCluster: false,
  validations: [
    {
      expression: 'size(object.?data.orValue({})) == 0',
      messageExpression: '"Secret carries data (keys " + object.data.map(k, k).join(", ") + ") in Git; remove it and create the Secret out of band (see README)"',
    },
    {
      expression: 'size(object.?stringData.orValue({})) == 0',
      messageExpression:
        '"Secret carries stringData (keys " + object.stringData.map(k, k).join(", ") + ") in Git; remove it and create the Secret out of band (see README)"',
    },
  ],
});
