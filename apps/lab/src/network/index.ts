export { createLab, siteDnsPort, type Lab, type LabExecOptions, type LabPod, type LabSite } from './lab.ts';
export { defaultLabSites, LabPlanError, type LabOptions, type LabSiteOptions } from './lab-plan.ts';
export { defaultLabPrefix } from './lab-names.ts';
export { cleanLeftovers, describeLeftovers, netnsConfigDirectory, nothingLeftOver, type LeftoversReport } from './leftovers.ts';
export type { NameTable } from './name-files.ts';
