import { baseDir, names, type ResolvedComponent } from '@millwright/platform';
import type { OutputFile } from '../output-file.ts';
import { toYaml } from '../yaml.ts';
import { objectFileName } from './file-names.ts';

/** `k8s/<component>/base/`: one file per object and the kustomization listing them. */
export function renderBase(component: ResolvedComponent): OutputFile[] {
  const dir = baseDir(component.definition.name);
  const files = component.objects.map((object) => ({ path: `${dir}/${objectFileName(object, component.namespace)}`, content: toYaml([object]) }));
  const resources = files.map((f) => f.path.slice(dir.length + 1)).sort();
  const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources };
  return [...files, { path: `${dir}/${names.kustomizationFile}`, content: toYaml([kustomization]) }];
}
