export * from './names.ts';
export * from './kube-object.ts';
