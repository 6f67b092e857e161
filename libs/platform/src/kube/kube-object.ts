// The plain object shape lives in @millwright/kube with the names table (see model/names.ts).
export { describeObject, toPlain, type KubeObject, type ObjectMeta } from '@millwright/kube';
