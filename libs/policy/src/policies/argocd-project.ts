import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';

/**
 * No Argo CD Application uses the `default` AppProject, which may deploy anything from any
 * repository to any cluster. The platform's Applications belong to one AppProject per plane
 * (and the bootstrap project), each limited to its repository, destinations and kinds.
 *
 * Tree-only: Applications live in Argo CD's own namespace, which the in-cluster bindings keep out
 * (a policy there could block the delivery engine that would sync its fix, and would judge other
 * teams' Applications too), so the gate checks `bootstrap/` before it reaches Argo CD instead.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#the-default-project
 */
export const argoCdProject = defineAdmissionPolicy({
  name: 'millwright-argocd-project',
  description: 'Argo CD Applications never use the unrestricted "default" AppProject.',
  resourceRules: [{ apiGroups: ['argoproj.io'], apiVersions: ['*'], resources: ['applications'] }],
  inCluster: false,
  validations: [
    {
      // An empty project means `default` to Argo CD.
      expression: 'object.spec.?project.orValue("") != "" && object.spec.project != "default"',
      message: 'Application uses the "default" AppProject; set spec.project to its plane\'s AppProject',
    },
  ],
});
