import { describe, expect, it } from 'vitest';
import { catalogue, catalogueProblems, type ComponentDefinition } from '@millwright/platform';

const mlflow = catalogue.find((c) => c.name === 'mlflow')!;

/** The real catalogue with mlflow replaced by a changed copy. */
function withMlflow(changes: Partial<ComponentDefinition>): ComponentDefinition[] {
  return catalogue.map((c) => (c === mlflow ? { ...mlflow, ...changes } : c));
}

describe('catalogueProblems', () => {
  it('finds no problem in the real catalogue', () => {
    expect(catalogueProblems(catalogue)).toEqual([]);
  });

  it('reports a flow to a port the target does not serve', () => {
    const problems = catalogueProblems(withMlflow({ flows: [{ to: 'postgres', port: 'pg' }] }));

    expect(problems).toEqual(['mlflow: flow to postgres port "pg", which postgres does not serve']);
  });

  it('reports a TCP route to a port the component does not serve', () => {
    const problems = catalogueProblems(withMlflow({ tcpIngress: { port: 'pg', service: 'mlflow', podPort: 5000 } }));

    expect(problems).toEqual(['mlflow: tcpIngress names port "pg", which mlflow does not serve']);
  });

  it('reports a flow to an unknown component', () => {
    const problems = catalogueProblems(withMlflow({ flows: [{ to: 'kafka', port: 'broker' }] }));

    expect(problems).toEqual(['mlflow: flow to unknown component "kafka"']);
  });

  it('reports a dependency on an unknown component', () => {
    const problems = catalogueProblems(withMlflow({ dependsOn: ['postgres', 'postgress'] }));

    expect(problems).toEqual(['mlflow: depends on unknown component "postgress"']);
  });

  it('reports a component that depends on itself', () => {
    expect(catalogueProblems(withMlflow({ dependsOn: ['mlflow'] }))).toEqual(['mlflow: depends on itself']);
  });

  it('reports an image tagged "latest" as unpinned', () => {
    const problems = catalogueProblems(withMlflow({ images: { mlflow: { repository: 'ghcr.io/mlflow/mlflow', tag: 'latest' } } }));

    expect(problems).toEqual(['mlflow: image mlflow (ghcr.io/mlflow/mlflow) is not pinned to a version tag']);
  });

  it('reports an image without tag as unpinned', () => {
    const problems = catalogueProblems(withMlflow({ images: { mlflow: { repository: 'ghcr.io/mlflow/mlflow', tag: '' } } }));

    expect(problems).toEqual(['mlflow: image mlflow (ghcr.io/mlflow/mlflow) is not pinned to a version tag']);
  });

  it('reports a component defined twice', () => {
    expect(catalogueProblems([...catalogue, mlflow])).toEqual(['mlflow: defined twice']);
  });
});
