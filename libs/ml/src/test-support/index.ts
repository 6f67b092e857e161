export * from './synthetic-dataset.ts';
