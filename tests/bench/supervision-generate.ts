// Fills a freshly set-up database for `npm run bench` (tests/bench/supervision.js): 30
// departments of 20 people, and 20,000 督办 items registered over 2022–2026, each with its
// co-departments, 2–4 feedback entries and its timeline — older items mostly closed (some late,
// some stopped), recent ones in every open status. Bulk inserts, not the services: the bench
// measures reading, not registering. Loaded through scripts/vite-load.js, so it uses the app's
// own connection and value handling, and it drives the bulletin and the urging tick from here.
// Deterministic: a seeded PRNG.
import { sql } from 'kysely';
import { connect, dialectOfDb, type DB } from '$lib/server/db/connect';
import type { Actor } from '$lib/server/actor';
import type { SupervisionStatus } from '$lib/domain/supervision';
import { getSupervisionBulletin } from '$lib/server/supervision/bulletin.query';
import {
	BENCH_PASSWORD,
	insertRows,
	maxId,
	openBenchDb,
	prng,
	type Row,
	DAY,
	at,
	isoDay
} from './generate-kit';
export { ADMIN_USERNAME, BENCH_PASSWORD } from './generate-kit';

export const SUPERVISOR_USERNAME = 'benchsup';
const ITEMS = 20_000;
const DEPARTMENTS = 30;
const PEOPLE_PER_DEPT = 20;
const FIRST_DAY = Date.UTC(2022, 0, 3);
const LAST_DAY = Date.UTC(2026, 10, 30);

const SECTIONS = [
	'办公室',
	'政策法规科',
	'人事科',
	'财务审计科',
	'规划科',
	'监督管理科',
	'行政审批科',
	'信息中心',
	'综合执法支队',
	'档案馆'
];
const TASKS = [
	'落实安全生产专项整治',
	'推进重点项目建设进度',
	'完成年度预算执行分析',
	'整改巡察反馈问题',
	'优化营商环境若干措施',
	'做好防汛抗旱准备工作',
	'推进数字政府建设',
	'办理人大代表建议',
	'开展干部教育培训',
	'完善内部控制制度'
];
const SOURCES = ['decision', 'instruction', 'key_task', 'manual'] as const;

export interface GeneratedSupervision {
	seconds: number;
	counts: Record<string, number>;
	supervisor: { id: number; name: string; username: string; password: string };
	/** A department with many items in progress, for the filtered list. */
	listDepartmentId: number;
	/** An item with co-departments, feedback and a long timeline. */
	itemId: number;
	openItems: number;
}

export async function generateSupervision(o: {
	url: string;
	databaseUrl?: string;
	sqlitePath: string;
}): Promise<GeneratedSupervision> {
	const started = performance.now();
	const { db, passwordHash } = await openBenchDb(o);
	const admin = { password_hash: passwordHash };
	try {
		const now = new Date().toISOString();
		const rnd = prng(20_261_205);
		const result = await db.transaction().execute(async (trx) => {
			const deptBase = await maxId(trx, 'departments');
			const depts: Row<'departments'>[] = Array.from({ length: DEPARTMENTS }, (_, i) => ({
				id: deptBase + i + 1,
				name: i < SECTIONS.length ? SECTIONS[i] : `第${i + 1 - SECTIONS.length}业务科`,
				kind: 'section',
				parent_id: null,
				sort_order: i + 1,
				created_at: now
			}));
			await insertRows(trx, 'departments', depts);
			const userBase = await maxId(trx, 'users');
			const users: Row<'users'>[] = [];
			const roles: Row<'user_roles'>[] = [];
			const person = (id: number, username: string, name: string, dept: number | null) =>
				users.push({
					id,
					username,
					name,
					password_hash: admin.password_hash,
					department_id: dept,
					title: '',
					precedence: 1,
					phone: '',
					email: `${username}@bench.example`,
					is_password_change_required: false,
					password_changed_at: now,
					created_at: now,
					updated_at: now
				});
			const supervisorId = userBase + 1;
			person(supervisorId, SUPERVISOR_USERNAME, '督办员', null);
			roles.push({ user_id: supervisorId, role: 'supervisor' });
			const leaderId = userBase + 2;
			person(leaderId, 'benchleader2', '局长', null);
			roles.push({ user_id: leaderId, role: 'leader' });
			const heads = new Map<number, number>();
			const staff = new Map<number, number[]>();
			let next = userBase + 3;
			for (const d of depts) {
				staff.set(d.id!, []);
				for (let k = 0; k < PEOPLE_PER_DEPT; k++) {
					const id = next++;
					person(id, `s${id}`, `干部${id}`, d.id!);
					roles.push({ user_id: id, role: k === 0 ? 'dept_head' : 'staff' });
					if (k === 0) heads.set(d.id!, id);
					else staff.get(d.id!)!.push(id);
				}
			}
			await insertRows(trx, 'users', users);
			await insertRows(trx, 'user_roles', roles);

			const items: Row<'supervision_items'>[] = [];
			const co: Row<'supervision_item_departments'>[] = [];
			const feedback: Row<'supervision_feedback'>[] = [];
			const events: Row<'supervision_events'>[] = [];
			const seqOf = new Map<number, number>();
			const nowMs = Date.now();
			let open = 0;
			let feedbackId = 0;
			for (let i = 0; i < ITEMS; i++) {
				const id = i + 1;
				// Evenly over the five years, in order of registration.
				const created = FIRST_DAY + Math.floor(((LAST_DAY - FIRST_DAY) * i) / ITEMS);
				const year = new Date(created).getUTCFullYear();
				const seq = (seqOf.get(year) ?? 0) + 1;
				seqOf.set(year, seq);
				const lead = depts[rnd.int(0, DEPARTMENTS - 1)].id!;
				const head = heads.get(lead)!;
				const responsible = rnd.next() < 0.6 ? rnd.pick(staff.get(lead)!) : null;
				const deadlineMs = created + rnd.int(21, 40) * DAY;
				const age = (nowMs - created) / DAY;
				let status: SupervisionStatus;
				const r = rnd.next();
				if (age > 90) status = r < 0.93 ? 'closed' : r < 0.96 ? 'stopped' : 'in_progress';
				else
					status =
						r < 0.3
							? 'closed'
							: r < 0.35
								? 'registered'
								: r < 0.45
									? 'assigned'
									: r < 0.55
										? 'signed'
										: r < 0.9
											? 'in_progress'
											: 'completion_requested';
				if (!['closed', 'stopped'].includes(status)) open++;
				const assigned = status === 'registered' ? null : created + DAY / 2;
				const signDue = assigned === null ? null : created + DAY;
				const signedMs =
					status === 'registered' || status === 'assigned'
						? null
						: created + (rnd.next() < 0.85 ? DAY / 2 : rnd.int(2, 5) * DAY);
				let closedMs: number | null = null;
				if (status === 'closed') {
					const c = deadlineMs + rnd.int(-15, rnd.next() < 0.8 ? 0 : 20) * DAY;
					closedMs = Math.min(Math.max(c, (signedMs ?? created) + DAY), nowMs - DAY);
				}
				const stoppedMs = status === 'stopped' ? created + rnd.int(5, 30) * DAY : null;
				const feedbackDay = rnd.next() < 0.3 ? rnd.int(1, 28) : null;
				const source = rnd.pick(SOURCES);
				items.push({
					id,
					number_year: year,
					number_seq: seq,
					number: `督〔${year}〕${seq}号`,
					title: `${rnd.pick(TASKS)}（第${id}项）`,
					requirement: '按要求办理并及时反馈进展。',
					source,
					decision_id: null,
					instruction_leader_id: source === 'instruction' ? leaderId : null,
					instruction_date: source === 'instruction' ? isoDay(created) : null,
					instruction_text: source === 'instruction' ? '请抓紧研究落实。' : '',
					source_ref: '',
					lead_department_id: lead,
					responsible_id: responsible,
					priority: rnd.next() < 0.1 ? 'urgent' : rnd.next() < 0.3 ? 'important' : 'normal',
					urgent_days: null,
					classification: rnd.next() < 0.05 ? 'secret' : 'none',
					status,
					deadline: isoDay(deadlineMs),
					original_deadline: isoDay(deadlineMs),
					sign_due: signDue === null ? null : isoDay(signDue),
					feedback_day: feedbackDay,
					progress: status === 'closed' ? 100 : rnd.int(0, 90),
					completion_summary: status === 'closed' ? '已按要求完成。' : '',
					created_by: supervisorId,
					created_at: at(created),
					updated_at: at(closedMs ?? stoppedMs ?? signedMs ?? created, 30),
					assigned_at: assigned === null ? null : at(assigned),
					signed_at: signedMs === null ? null : at(signedMs, 5),
					signed_by: signedMs === null ? null : head,
					completion_requested_at:
						status === 'completion_requested' || closedMs !== null
							? at(closedMs ?? nowMs - DAY, -60)
							: null,
					closed_at: closedMs === null ? null : at(closedMs),
					closed_by: closedMs === null ? null : supervisorId,
					closed_on: closedMs === null ? null : isoDay(closedMs),
					stopped_at: stoppedMs === null ? null : at(stoppedMs),
					stop_reason: stoppedMs === null ? '' : '任务调整'
				});
				const coCount = rnd.int(0, 2);
				const coSet = new Set<number>();
				for (let k = 0; k < coCount; k++) {
					const d = depts[rnd.int(0, DEPARTMENTS - 1)].id!;
					if (d !== lead) coSet.add(d);
				}
				for (const d of coSet) co.push({ item_id: id, department_id: d });
				const ev = (kind: string, t: number, actor: number | null, text = '') =>
					events.push({ item_id: id, kind, actor_id: actor, at: at(t), text, data: '{}' });
				ev('register', created, supervisorId);
				if (assigned !== null) ev('assign', assigned, supervisorId);
				if (signedMs !== null) {
					ev('sign', signedMs, head);
					const end = Math.min(closedMs ?? stoppedMs ?? nowMs, nowMs) - DAY;
					const n = rnd.int(2, 4);
					for (let k = 0; k < n; k++) {
						const t = signedMs + ((end - signedMs) * (k + 1)) / (n + 1);
						feedbackId++;
						feedback.push({
							id: feedbackId,
							item_id: id,
							department_id: lead,
							author_id: responsible ?? head,
							text: `第${k + 1}次进展反馈：工作按计划推进。`,
							percent: Math.round(((k + 1) * 90) / n),
							milestone_id: null,
							cycle: feedbackDay === null ? null : new Date(t).toISOString().slice(0, 7),
							at: at(t)
						});
						ev('feedback', t, responsible ?? head, '工作按计划推进。');
					}
				}
				if (closedMs !== null) {
					ev('request_close', closedMs - DAY / 24, head);
					ev('close', closedMs, supervisorId);
				}
				if (stoppedMs !== null) ev('stop', stoppedMs, supervisorId, '任务调整');
			}
			await insertRows(trx, 'supervision_items', items);
			await insertRows(trx, 'supervision_item_departments', co);
			await insertRows(trx, 'supervision_feedback', feedback);
			await insertRows(trx, 'supervision_events', events);
			// The counters continue after the generated numbers.
			await insertRows(
				trx,
				'document_counters',
				[...seqOf].map(([year, last]) => ({ series: 'supervision', year, last }))
			);
			// The department with the most items in progress, and a long item of it.
			const counts = new Map<number, number>();
			for (const it of items)
				if (it.status === 'in_progress')
					counts.set(it.lead_department_id, (counts.get(it.lead_department_id) ?? 0) + 1);
			const listDepartmentId = [...counts].sort((a, b) => b[1] - a[1])[0][0];
			const item = items.findLast(
				(it) => it.status === 'in_progress' && it.lead_department_id === listDepartmentId
			)!;
			return {
				supervisorId,
				listDepartmentId,
				itemId: item.id!,
				open,
				rows: {
					items: items.length,
					co: co.length,
					feedback: feedback.length,
					events: events.length
				}
			};
		});
		await settle(db);
		const counts: Record<string, number> = {};
		for (const t of [
			'departments',
			'users',
			'supervision_items',
			'supervision_item_departments',
			'supervision_feedback',
			'supervision_events'
		] as const) {
			const r = await db
				.selectFrom(t)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			counts[t] = Number(r.n);
		}
		return {
			seconds: (performance.now() - started) / 1000,
			counts,
			supervisor: {
				id: result.supervisorId,
				name: '督办员',
				username: SUPERVISOR_USERNAME,
				password: BENCH_PASSWORD
			},
			listDepartmentId: result.listDepartmentId,
			itemId: result.itemId,
			openItems: result.open
		};
	} finally {
		await db.destroy();
	}
}

async function settle(db: DB): Promise<void> {
	if (dialectOfDb(db) === 'postgres') {
		for (const t of [
			'users',
			'departments',
			'supervision_items',
			'supervision_item_departments',
			'supervision_feedback',
			'supervision_events'
		]) {
			await sql.raw(`VACUUM ANALYZE ${t}`).execute(db);
		}
		for (const t of [
			'departments',
			'users',
			'supervision_items',
			'supervision_feedback',
			'supervision_events'
		]) {
			await sql
				.raw(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`)
				.execute(db);
		}
	} else {
		await sql.raw('PRAGMA wal_checkpoint(TRUNCATE)').execute(db);
	}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The yearly 督办通报 (2025) computed in this process against the server's database. */
export async function timeBulletin(
	where: { databaseUrl?: string; sqlitePath: string },
	supervisor: { id: number; name: string },
	runs = 7
): Promise<{ medianMs: number; maxMs: number; departments: number; registered: number }> {
	const db = connect(where);
	const actor: Actor = { ...supervisor, roles: ['supervisor'], ip: '127.0.0.1' };
	try {
		const times: number[] = [];
		let last: Awaited<ReturnType<typeof getSupervisionBulletin>> | undefined;
		// One untimed run: the connection, the settings and the module's first use.
		await getSupervisionBulletin(db, actor, { from: '2025-01-01', to: '2025-12-31' });
		for (let i = 0; i < runs; i++) {
			const t = performance.now();
			last = await getSupervisionBulletin(db, actor, { from: '2025-01-01', to: '2025-12-31' });
			times.push(performance.now() - t);
		}
		return {
			medianMs: median(times),
			maxMs: Math.max(...times),
			departments: last!.rows.length,
			registered: last!.total.registered
		};
	} finally {
		await db.destroy();
	}
}

/** One automatic urging tick over every open item (the progress helper's runSupervisionUrging). */
export async function timeUrging(where: {
	databaseUrl?: string;
	sqlitePath: string;
}): Promise<
	{ ms: number; urged: number; again: { ms: number; urged: number } } | { error: string }
> {
	let run: (db: DB, now: Date) => Promise<{ urged: number }>;
	try {
		run = (await import('$lib/server/supervision/urging.service')).runSupervisionUrging;
	} catch (e) {
		return { error: `runSupervisionUrging not available: ${(e as Error).message}` };
	}
	const db = connect(where);
	try {
		const now = new Date();
		let t = performance.now();
		const first = await run(db, now);
		const ms = performance.now() - t;
		// The same tick again (a second process, or the next minute): every urge is claimed.
		t = performance.now();
		const second = await run(db, now);
		return { ms, urged: first.urged, again: { ms: performance.now() - t, urged: second.urged } };
	} finally {
		await db.destroy();
	}
}
