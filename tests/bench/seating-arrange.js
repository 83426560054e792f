// `npm run bench` (part): arranging a seating plan at scale (issue 12) — the pure `arrange` for
// 500 people in a hall of a two-row 主席台 and 30 floor rows, floor by 姓氏笔画. A measurement,
// not a test: it prints the numbers and exits 0 even when the target is missed.
// Usage: node tests/bench/seating-arrange.js   BENCH_RUNS=200
import os from 'node:os';
import { withAppModule } from '../../scripts/vite-load.js';

const TARGET_MS = 50;
const RUNS = Number(process.env.BENCH_RUNS) || 200;
const fmt = (/** @type {number} */ n) => (Math.round(n * 100) / 100).toString();

await withAppModule('/tests/bench/seating-arrange.ts', async (app) => {
	console.log(`\n## Seating arrangement benchmark (${new Date().toISOString().slice(0, 10)})\n`);
	const r = app.benchArrange(RUNS);
	console.log(
		'| people | seats | placed | unseated | runs | first ms | median ms | p99 ms | CPU median / p99 ms | target |'
	);
	console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
	console.log(
		`| ${r.people} | ${r.seats} | ${r.placed} | ${r.unseated} | ${r.runs} | ${fmt(r.firstMs)} | ` +
			`${fmt(r.medianMs)} | ${fmt(r.p99Ms)} | ${fmt(r.cpuMedianMs)} / ${fmt(r.cpuP99Ms)} | ` +
			`${r.p99Ms < TARGET_MS ? 'met' : 'missed'} (p99 < ${TARGET_MS} ms) |`
	);
	const load = os.loadavg()[0];
	console.log(
		`\nload average ${fmt(load)} on ${os.cpus().length} CPUs` +
			(load > os.cpus().length ? ' — the machine is busy: wall-clock times include waiting' : '')
	);
});
