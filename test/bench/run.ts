import { acdBench } from './acd-bench.ts';
import { designerBench } from './designer-bench.ts';
import { engineBench } from './engine-bench.ts';

/**
 * `npm run bench`: every benchmark prints its figures, then the summary lines follow. The engine's
 * line (`engine: <N> msg/s p50 <N> ms p99 <N> ms`) is the last line of the output: scripts read it there.
 */
const engine = await engineBench();
const others = [await designerBench(), await acdBench()];
console.log('');
for (const line of others) console.log(line);
console.log(engine);
