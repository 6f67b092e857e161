export { sampleConfig, allTopologies } from './sample-configs.ts';
