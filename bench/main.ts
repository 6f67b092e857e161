// `npm run bench -- <name>`: runs one benchmark (or all) and prints figures with ratios against a
// baseline measured in the same run. Benchmarks talk only to loopback and stop by themselves.
import { benchCluster } from './cluster.ts';
import { benchGateway } from './gateway.ts';
import { benchInference } from './inference.ts';
import { benchPolicy } from './policy.ts';
import { benchRender } from './render.ts';
import { benchStart } from './start.ts';
import { benchTrainer } from './trainer.ts';

const benchmarks: Record<string, (root: string) => Promise<void>> = { render: benchRender, policy: benchPolicy, trainer: benchTrainer, inference: benchInference, gateway: benchGateway, start: benchStart, cluster: benchCluster };

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
  await benchmarks[name]!(process.cwd());
}
