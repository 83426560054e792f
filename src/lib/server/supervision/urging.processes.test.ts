import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { setClock } from '../clock';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newItem, supervisionWorld } from './supervision.test-helpers';

// 自动催办 exactly once with several app processes: two separate Node processes, each with its
// own database connection and its own copy of the app's modules (Vite's SSR loader, as the
// migrate and bench scripts load them), run the urging tick at the same moment.

/**
 * The child: loads the app once, says ready, then for each { db, at } connects, runs one tick
 * at that moment, reports and disconnects. Loading the app through Vite takes most of a
 * child's time, so the same two children serve both databases' tests.
 */
const CHILD = `
import { createServer } from 'vite';
const vite = await createServer({
	server: { middlewareMode: true, hmr: false, ws: false, watch: null },
	appType: 'custom',
	logLevel: 'error',
	optimizeDeps: { noDiscovery: true, include: [] }
});
const conn = await vite.ssrLoadModule('/src/lib/server/db/connect.ts');
const clock = await vite.ssrLoadModule('/src/lib/server/clock.ts');
const urging = await vite.ssrLoadModule('/src/lib/server/supervision/urging.service.ts');
process.on('message', async (msg) => {
	if (msg === 'exit') {
		await vite.close();
		process.disconnect();
		return;
	}
	const db = msg.db.startsWith('postgres') ? conn.connectPostgres(msg.db, 4) : conn.connectSqlite(msg.db);
	try {
		clock.setClock(msg.at);
		const r = await urging.runSupervisionUrging(db, new Date(msg.at));
		process.send({ urged: r.urged });
	} catch (e) {
		process.send({ error: String(e && e.stack || e) });
	} finally {
		await db.destroy();
	}
});
process.send({ ready: true });
`;

type Reply = { ready?: boolean; urged?: number; error?: string };

function startChild() {
	const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
		cwd: process.cwd(),
		env: process.env,
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const replies: Reply[] = [];
	const waiters: ((r: Reply) => void)[] = [];
	child.on('message', (r: Reply) => {
		const w = waiters.shift();
		if (w) w(r);
		else replies.push(r);
	});
	const next = () =>
		new Promise<Reply>((resolve, reject) => {
			const r = replies.shift();
			if (r) return resolve(r);
			waiters.push(resolve);
			child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
		});
	return { child, next };
}

type Child = ReturnType<typeof startChild>;
let pair: Promise<[Child, Child]> | undefined;

/** The two app processes, started on first use and ready. */
function children(): Promise<[Child, Child]> {
	pair ??= (async () => {
		const both: [Child, Child] = [startChild(), startChild()];
		for (const c of both) expect(await c.next()).toEqual({ ready: true });
		return both;
	})();
	return pair;
}

afterAll(async () => {
	for (const c of (await pair) ?? []) c.child.send('exit');
});

describeEachDialect('督办 automatic urging in two processes', (ctx) => {
	it('two processes running the tick at the same moment urge each item exactly once', async () => {
		setClock('2026-11-02T02:00:00Z');
		const w = await supervisionWorld(ctx.db());
		const due = [];
		for (let i = 0; i < 6; i++)
			due.push(
				(await newItem(ctx.db(), w, { stage: 'signed', form: { deadline: '2026-11-20' } })).id
			);
		const soon = [];
		for (let i = 0; i < 6; i++)
			soon.push(
				(await newItem(ctx.db(), w, { stage: 'signed', form: { deadline: '2026-11-23' } })).id
			);
		const mailBefore = (await outboxRows(ctx.db())).length;
		const at = '2026-11-20T01:00:00.000Z';
		setClock(at);

		const [a, b] = await children();
		a.child.send({ db: ctx.url(), at });
		b.child.send({ db: ctx.url(), at });
		const [ra, rb] = await Promise.all([a.next(), b.next()]);
		expect(ra.error).toBeUndefined();
		expect(rb.error).toBeUndefined();
		expect(ra.urged! + rb.urged!).toBe(12);

		const urges = await ctx
			.db()
			.selectFrom('supervision_urges')
			.select(['item_id', 'kind'])
			.orderBy('item_id')
			.execute();
		expect(urges).toEqual([
			...due.map((item_id) => ({ item_id, kind: 'due' })),
			...soon.map((item_id) => ({ item_id, kind: 'before' }))
		]);
		// Three people per urge (lead head, responsible, co-head), one mail each.
		expect((await outboxRows(ctx.db())).slice(mailBefore)).toHaveLength(12 * 3);
		expect(await auditRows(ctx.db(), 'supervision.auto_urge')).toHaveLength(12);
		const events = await ctx
			.db()
			.selectFrom('supervision_events')
			.select('id')
			.where('kind', '=', 'urge')
			.execute();
		expect(events).toHaveLength(12);
	}, 180_000);
});
