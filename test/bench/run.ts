import { acdBench } from './acd-bench.ts';
import { designerBench } from './designer-bench.ts';
import { engineBench } from './engine-bench.ts';

/** `npm run bench`: every benchmark prints its figures; the summary lines come last. */
const summary: string[] = [];
summary.push(await engineBench());
summary.push(await designerBench());
summary.push(await acdBench());
console.log('');
for (const line of summary) console.log(line);
