export { sampleConfig, sampleConfigWithOptionals, optionalComponents, allTopologies } from './sample-configs.ts';
