export * from './synthetic-dataset.ts';
export * from './random-trees.ts';
