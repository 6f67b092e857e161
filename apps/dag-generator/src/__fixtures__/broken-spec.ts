import { definePipeline } from '@millwright/pipelines';

/** A spec with two mistakes: a misspelt dependency and a task id Airflow refuses. */
export default definePipeline({
  id: 'broken',
  description: 'A spec the generator must refuse',
  schedule: '0 2 * * *',
  steps: [
    { id: 'ingest', command: 'ingest' },
    { id: 'prepare', command: 'prepare', dependsOn: ['ingets'] },
    { id: 'Train Model', command: 'train', dependsOn: ['prepare'] },
  ],
});
