import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openApps } from './app';
import { openPages } from './browser';

// When a journey fails, keep what a person would look at: a screenshot of every open page and
// the server's own output. CI prints the log; the screenshots go to test-results/.
afterEach(async (ctx) => {
	if (ctx.task.result?.state !== 'fail') return;
	const dir = path.resolve('test-results');
	fs.mkdirSync(dir, { recursive: true });
	const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
	let n = 0;
	for (const page of openPages()) {
		const file = path.join(dir, `${name}-${++n}.png`);
		await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
		console.error(`[journey] page ${n}: ${page.url()} → ${file}`);
	}
	for (const app of openApps()) {
		console.error(`[journey] server output (${app.dialect}):\n${app.logs().slice(-4000)}`);
	}
});
