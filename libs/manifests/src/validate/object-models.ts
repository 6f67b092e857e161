import type { Model } from '@kubernetes-models/base';
import { AppProject, Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { CronWorkflow, WorkflowTemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1';
import { PrometheusRule, ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment, StatefulSet, DaemonSet } from 'kubernetes-models/apps/v1';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { certManagerTypes } from './cert-manager-schemas.ts';
import { metallbTypes } from './metallb-schemas.ts';
import { traefikTypes } from './traefik-schemas.ts';

type ModelClass = { apiVersion: string; kind: string; prototype: Model<unknown> };

const models: readonly ModelClass[] = [
  Deployment,
  StatefulSet,
  DaemonSet,
  Job,
  CronJob,
  ConfigMap,
  Namespace,
  PersistentVolumeClaim,
  Secret,
  Service,
  ServiceAccount,
  Ingress,
  NetworkPolicy,
  PodDisruptionBudget,
  Role,
  RoleBinding,
  ClusterRole,
  ClusterRoleBinding,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  Application,
  AppProject,
  WorkflowTemplate,
  CronWorkflow,
  ServiceMonitor,
  PrometheusRule,
] as unknown as readonly ModelClass[];

const byType = new Map(models.map((model) => [`${model.apiVersion}/${model.kind}`, model]));

/** The kubernetes-models class for an object's apiVersion and kind, if the tree may use it. */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  return byType.get(`${apiVersion}/${kind}`);
}

/** `apps/v1/Deployment`, ... : the types a rendered object may have (Traefik's, MetalLB's and cert-manager's have schemas of their own). */
export function knownTypes(): string[] {
  return [...byType.keys(), ...traefikTypes, ...metallbTypes, ...certManagerTypes].sort();
}
