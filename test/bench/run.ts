import { engineBench } from './engine-bench.ts';

/** `npm run bench`: every benchmark prints its figures; the summary lines come last. */
const summary: string[] = [];
summary.push(await engineBench());
console.log('');
for (const line of summary) console.log(line);
