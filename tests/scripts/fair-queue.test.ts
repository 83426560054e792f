import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fairQueue } from '../../scripts/fair-queue.js';

/** A hand-turned event loop: each `turn()` runs what was deferred before it began. */
function loop() {
	let pending: (() => void)[] = [];
	return {
		defer: (fn: () => void) => void pending.push(fn),
		turn() {
			const now = pending;
			pending = [];
			for (const fn of now) fn();
			return now.length;
		},
		get deferred() {
			return pending.length;
		}
	};
}

describe('serve.js: requests start oldest first, one per turn (fairQueue)', () => {
	it('starts nothing while reading: the first request waits for the next turn', () => {
		const l = loop();
		const started: string[] = [];
		const start = fairQueue((name: string) => void started.push(name), { defer: l.defer });
		start('a');
		start('b');
		expect(started).toEqual([]);
		expect(start.waiting).toBe(2);
		expect(l.deferred).toBe(1);
	});

	it('starts one request per turn, in the order they arrived', () => {
		const l = loop();
		const started: string[] = [];
		const start = fairQueue((name: string) => void started.push(name), { defer: l.defer });
		for (const name of ['a', 'b', 'c']) start(name);
		l.turn();
		expect(started).toEqual(['a']);
		l.turn();
		expect(started).toEqual(['a', 'b']);
		l.turn();
		expect(started).toEqual(['a', 'b', 'c']);
		expect(start.waiting).toBe(0);
		expect(l.deferred).toBe(0);
	});

	it('puts a request read while one runs behind those already waiting', () => {
		const l = loop();
		const started: string[] = [];
		const start = fairQueue(
			(name: string) => {
				started.push(name);
				// A request read (by the poll) while the first one is being served.
				if (name === 'a') start('late');
			},
			{ defer: l.defer }
		);
		start('a');
		start('b');
		while (l.turn() > 0);
		expect(started).toEqual(['a', 'b', 'late']);
	});

	it('starts again after going idle', () => {
		const l = loop();
		const started: number[] = [];
		const start = fairQueue((n: number) => void started.push(n), { defer: l.defer });
		start(1);
		l.turn();
		expect(l.deferred).toBe(0);
		start(2);
		expect(l.deferred).toBe(1);
		l.turn();
		expect(started).toEqual([1, 2]);
	});

	it('serves every request of many connections at once, each its own answer', async () => {
		const server = http.createServer(
			fairQueue((req: http.IncomingMessage, res: http.ServerResponse) => {
				// A synchronous render, as a page on SQLite is.
				const until = performance.now() + 2;
				while (performance.now() < until);
				res.end(req.url);
			})
		);
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const { port } = server.address() as AddressInfo;
		try {
			const paths = Array.from({ length: 40 }, (_, i) => `/page/${i}`);
			const bodies = await Promise.all(
				paths.map(async (p) => (await fetch(`http://127.0.0.1:${port}${p}`)).text())
			);
			expect(bodies).toEqual(paths);
		} finally {
			await new Promise((r) => server.close(r));
		}
	});
});
