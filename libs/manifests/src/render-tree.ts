import { buildPlatform, renderPipelineDags, type ComponentDefinition, type Platform, type ResolvedComponent } from '@millwright/platform';
import { renderArgoCd } from './argocd/render-argocd.ts';
import { renderFleetBundle } from './fleet/render-fleet-bundle.ts';
import { renderFleetChartBundle } from './fleet/render-fleet-chart-bundle.ts';
import { renderFleetImports } from './fleet/render-fleet-imports.ts';
import { renderBase } from './kustomize/render-base.ts';
import { renderOverlay } from './kustomize/render-overlay.ts';
import { composeFiles, type OutputFile } from './output-file.ts';

/** The rendered GitOps tree and the components it was rendered from. */
export interface RenderedTree {
  readonly files: readonly OutputFile[];
  readonly components: readonly ResolvedComponent[];
}

/** One component's self-contained bundle: base, one overlay per cluster, fleet.yaml (and chart/fleet.yaml). */
export function renderBundle(platform: Platform, component: ResolvedComponent, catalogue: readonly ComponentDefinition[]): OutputFile[] {
  return [
    ...renderBase(component),
    ...component.clusters.flatMap((cluster) => renderOverlay(component, cluster)),
    renderFleetBundle(platform, component, catalogue),
    ...renderFleetChartBundle(platform, component, catalogue),
  ];
}

/** Renders the whole tree, `k8s/`, `bootstrap/`, `fleet/` and the Airflow DAGs in `dags/`, for a validated platform. Pure. */
export function renderTree(platform: Platform, catalogue: readonly ComponentDefinition[]): RenderedTree {
  const components = buildPlatform(platform, catalogue);
  const files = composeFiles(
    ...components.map((component) => renderBundle(platform, component, catalogue)),
    renderArgoCd(platform, components),
    renderFleetImports(platform, components),
    renderPipelineDags(platform, catalogue),
  );
  return { files, components };
}
