/** `npm run bench`: every benchmark, one after the other. Figures only; nothing here passes or fails. */
import { coldStartBench } from './cold-start.ts';
import { exportBench } from './export.ts';
import { lockRequestBench } from './lock-request.ts';
import { pageWeightBench } from './page-weight.ts';
import { pledgeBench } from './pledge.ts';

await coldStartBench();
await pageWeightBench();
await lockRequestBench();
await pledgeBench();
await exportBench();
