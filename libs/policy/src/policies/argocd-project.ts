import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';

/**
 * No Argo CD Application uses the `default` AppProject, which may deploy anything from any
 * repository to any cluster. The platform's Applications belong to one AppProject per plane
 * (and the bootstrap project), each limited to its repository, destinations and kinds.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#the-default-project
 */
export const argoCdProject = defineAdmissionPolicy({
  name: 'millwright-argocd-project',
  description: 'Argo CD Applications never use the unrestricted "default" AppProject.',
  resourceRules: [{ apiGroups: ['argoproj.io'], apiVersions: ['*'], resources: ['applications'] }],
  validations: [
    {
      // An empty project means `default` to Argo CD.
      expression: 'object.spec.?project.orValue("") != "" && object.spec.project != "default"',
      message: 'Application uses the "default" AppProject; set spec.project to its plane\'s AppProject',
    },
  ],
});
