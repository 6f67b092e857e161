import { definePipeline } from '@millwright/pipelines';

/** A new pipeline as a user would add it: nightly training on simulated data, one branch. */
export default definePipeline({
  id: 'nightly-sim',
  description: 'Nightly training on simulated data',
  schedule: '0 2 * * *',
  steps: [
    { id: 'ingest', command: 'ingest', options: { source: 'sim', rows: 20000 } },
    { id: 'prepare', command: 'prepare', dependsOn: ['ingest'] },
    { id: 'train', command: 'train', dependsOn: ['prepare'], options: { metric: 'f1' } },
    { id: 'evaluate', command: 'evaluate', dependsOn: ['train'] },
    { id: 'register', command: 'register', dependsOn: ['evaluate'], options: { source: 'sim' } },
    { id: 'promote', command: 'promote', dependsOn: ['register'] },
  ],
});
