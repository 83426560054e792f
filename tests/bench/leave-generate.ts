// Fills a freshly set-up database for the leave bench (tests/bench/leave.js): 40 departments of
// 25 people (a head each) under four 分管领导, an office clerk, and ≈20,000 leave requests over
// the five years up to a month from now, with their approval requests and steps — older ones
// approved and reported back (销假), some sent back, withdrawn or cancelled; the ones starting
// from today on mostly pending at the department head or the leader. Bulk inserts, not the
// services: the bench measures reading. Loaded through scripts/vite-load.js (the app's own
// connection and value handling); it also times the yearly statistics from here.
// Deterministic for a given day: a seeded PRNG, dates relative to today.
import type { DB } from '$lib/server/db/connect';
import type { Actor } from '$lib/server/actor';
import type { LeaveType } from '$lib/domain/leave';
import {
	BENCH_PASSWORD,
	DAY,
	at,
	countRows,
	insertRows,
	isoDay,
	maxId,
	openBenchDb,
	personRow,
	prng,
	settle,
	timeRuns,
	type Row
} from './generate-kit';

const DEPARTMENTS = 40;
const PEOPLE_PER_DEPT = 25;
const REQUESTS_PER_PERSON = 20;
const LEADERS = 4;
export const LEADER_USERNAME = 'benchleader';
export const HEAD_USERNAME = 'benchhead';
export const OFFICE_USERNAME = 'benchoffice';

/** Today (UTC midnight), and the span of the generated requests: five years back, a month on. */
const TODAY = Math.floor(Date.now() / DAY) * DAY;
const FIRST_DAY = TODAY - 5 * 365 * DAY;
const LAST_DAY = TODAY + 30 * DAY;

/** The next weekday on or after t. */
function weekday(t: number): number {
	let d = t;
	while ([0, 6].includes(new Date(d).getUTCDay())) d += DAY;
	return d;
}
/** The day `n` weekdays after a weekday (n = 0: the same day). */
function addWeekdays(t: number, n: number): number {
	let d = t;
	for (let k = 0; k < n; k++) d = weekday(d + DAY);
	return d;
}

type Person = { id: number; name: string; username: string; password: string };

export interface GeneratedLeave {
	seconds: number;
	counts: Record<string, number>;
	/** Steps waiting: in all, for the bench 分管领导, for the bench department head. */
	pending: { all: number; leader: number; head: number };
	/** A 分管领导 of ten departments (the approval inbox). */
	leader: Person;
	/** The head of the first department (its inbox and its leave calendar). */
	head: Person & { departmentId: number };
	/** An office clerk (sees all leave: the yearly statistics). */
	office: Person;
	/** This month (YYYY-MM), for the calendar. */
	month: string;
	/** Last year, for the statistics (a whole year of data). */
	year: number;
}

/** Weighted leave types: mostly 年休假, 事假 and 病假. */
const TYPE_WEIGHTS: [LeaveType, number][] = [
	['annual', 45],
	['personal', 25],
	['sick', 20],
	['home_visit', 4],
	['bereavement', 2],
	['marriage', 2],
	['paternity', 1],
	['maternity', 1]
];

export async function generateLeave(o: {
	url: string;
	databaseUrl?: string;
	sqlitePath: string;
}): Promise<GeneratedLeave> {
	const started = performance.now();
	const { db, passwordHash } = await openBenchDb(o);
	try {
		const now = new Date().toISOString();
		const rnd = prng(20_261_205);
		const typeOf = (): LeaveType => {
			let x = rnd.next() * 100;
			for (const [t, w] of TYPE_WEIGHTS) if ((x -= w) < 0) return t;
			return 'annual';
		};
		const result = await db.transaction().execute(async (trx) => {
			const userBase = await maxId(trx, 'users');
			const users: Row<'users'>[] = [];
			const roles: Row<'user_roles'>[] = [];
			const person = (id: number, username: string, name: string, dept: number | null) =>
				users.push(personRow({ id, username, name, departmentId: dept }, passwordHash, now));
			const leaders = Array.from({ length: LEADERS }, (_, k) => userBase + 1 + k);
			leaders.forEach((id, k) => {
				person(
					id,
					k === 0 ? LEADER_USERNAME : `${LEADER_USERNAME}${k + 1}`,
					`副局长${k + 1}`,
					null
				);
				roles.push({ user_id: id, role: 'leader' });
			});
			const officeId = userBase + LEADERS + 1;
			person(officeId, OFFICE_USERNAME, '办公室文书', null);
			roles.push({ user_id: officeId, role: 'office' });
			const deptBase = await maxId(trx, 'departments');
			const depts: Row<'departments'>[] = Array.from({ length: DEPARTMENTS }, (_, i) => ({
				id: deptBase + i + 1,
				name: `第${i + 1}科`,
				kind: 'section',
				parent_id: null,
				sort_order: i + 1,
				created_at: now,
				leader_id: leaders[i % LEADERS]
			}));
			// Leaders first: the departments name them as 分管领导.
			await insertRows(trx, 'users', users.splice(0));
			await insertRows(trx, 'departments', depts);
			let next = officeId + 1;
			const heads = new Map<number, number>();
			const staff: { id: number; dept: number; head: boolean }[] = [];
			for (const [i, d] of depts.entries()) {
				for (let k = 0; k < PEOPLE_PER_DEPT; k++) {
					const id = next++;
					const head = k === 0;
					person(id, i === 0 && head ? HEAD_USERNAME : `p${id}`, `干部${id}`, d.id!);
					roles.push({ user_id: id, role: head ? 'dept_head' : 'staff' });
					if (head) heads.set(d.id!, id);
					staff.push({ id, dept: d.id!, head });
				}
			}
			await insertRows(trx, 'users', users);
			await insertRows(trx, 'user_roles', roles);
			const leaderOf = new Map(depts.map((d) => [d.id!, d.leader_id as number]));
			const headId = heads.get(depts[0].id!)!;

			const leave: Row<'leave_requests'>[] = [];
			const requests: Row<'approval_requests'>[] = [];
			const steps: Row<'approval_steps'>[] = [];
			const leaveBase = await maxRowId(trx, 'leave_requests');
			const requestBase = await maxRowId(trx, 'approval_requests');
			let leaveId = leaveBase;
			let requestId = requestBase;
			const pending = { all: 0, leader: 0, head: 0 };
			const span = Math.floor((LAST_DAY - FIRST_DAY) / DAY);
			for (const p of staff) {
				for (let k = 0; k < REQUESTS_PER_PERSON; k++) {
					const start = weekday(FIRST_DAY + rnd.int(0, span) * DAY);
					const type = typeOf();
					const days = type === 'maternity' ? 60 : rnd.pick([1, 1, 1, 2, 2, 3, 5, 5, 10]);
					const end = addWeekdays(start, days - 1);
					const asked = Math.max(FIRST_DAY, start - rnd.int(2, 20) * DAY);
					const roll = rnd.next();
					const status =
						start >= TODAY
							? roll < 0.7
								? 'pending'
								: roll < 0.9
									? 'approved'
									: 'withdrawn'
							: roll < 0.85
								? 'reported'
								: roll < 0.9
									? 'approved'
									: roll < 0.94
										? 'sent_back'
										: roll < 0.97
											? 'withdrawn'
											: 'cancelled';
					const id = ++leaveId;
					const decidedAt = at(asked, 60 + rnd.int(0, 600));
					const approved = status === 'reported' || status === 'approved';
					leave.push({
						id,
						applicant_id: p.id,
						department_id: p.dept,
						type,
						extends_id: null,
						start_date: isoDay(start),
						start_half: 'am',
						end_date: isoDay(end),
						end_half: 'pm',
						half_days: days * 2,
						year: new Date(start).getUTCFullYear(),
						reason: '家中有事',
						destination: '',
						contact: '',
						cover_id: null,
						status,
						created_at: at(asked),
						updated_at: at(asked),
						approved_at: approved ? decidedAt : null,
						cancelled_at: status === 'cancelled' ? decidedAt : null,
						return_date: status === 'reported' ? isoDay(end) : null,
						return_half: status === 'reported' ? 'pm' : null,
						returned_half_days: 0,
						late_half_days: 0,
						reported_at: status === 'reported' ? at(end, 480) : null
					});
					// The chain: the department head (a head's own leave goes to the leader), then
					// for more than three days the 分管领导.
					const chain: { kind: 'dept_head' | 'responsible_leader'; approver: number }[] = [];
					if (!p.head) chain.push({ kind: 'dept_head', approver: heads.get(p.dept)! });
					if (p.head || days > 3)
						chain.push({ kind: 'responsible_leader', approver: leaderOf.get(p.dept)! });
					const rid = ++requestId;
					// A pending request waits at its last step half of the time.
					const position =
						status === 'pending' ? (chain.length > 1 && rnd.next() < 0.5 ? 2 : 1) : chain.length;
					const requestStatus = approved ? 'approved' : status;
					requests.push({
						id: rid,
						kind: 'leave',
						subject_id: id,
						applicant_id: p.id,
						status: requestStatus,
						position,
						step_count: chain.length,
						created_at: at(asked),
						updated_at: at(asked),
						decided_at: status === 'pending' ? null : decidedAt
					});
					chain.forEach((c, i) => {
						const pos = i + 1;
						const stepStatus =
							status === 'pending'
								? pos < position
									? 'approved'
									: pos === position
										? 'pending'
										: 'waiting'
								: approved || status === 'cancelled' || pos < position
									? 'approved'
									: status === 'sent_back'
										? 'sent_back'
										: 'withdrawn';
						if (stepStatus === 'pending') {
							pending.all++;
							if (c.approver === leaders[0]) pending.leader++;
							if (c.approver === headId) pending.head++;
						}
						const decided = stepStatus === 'approved' || stepStatus === 'sent_back';
						steps.push({
							request_id: rid,
							position: pos,
							approver_kind: c.kind,
							approver_id: c.approver,
							status: stepStatus,
							decided_by: decided ? c.approver : null,
							decided_at: decided ? at(asked, 30 + 30 * pos) : null,
							comment: ''
						});
					});
				}
			}
			await insertRows(trx, 'leave_requests', leave);
			await insertRows(trx, 'approval_requests', requests);
			await insertRows(trx, 'approval_steps', steps);
			return {
				leaderId: leaders[0],
				officeId,
				headId,
				headDepartmentId: depts[0].id!,
				pending
			};
		});
		await settle(db, [
			'users',
			'departments',
			'leave_requests',
			'approval_requests',
			'approval_steps'
		]);
		const counts = await countRows(db, [
			'users',
			'departments',
			'leave_requests',
			'approval_requests',
			'approval_steps'
		]);
		const who = (id: number, name: string, username: string): Person => ({
			id,
			name,
			username,
			password: BENCH_PASSWORD
		});
		const today = isoDay(TODAY);
		return {
			seconds: (performance.now() - started) / 1000,
			counts,
			pending: result.pending,
			leader: who(result.leaderId, '副局长1', LEADER_USERNAME),
			head: {
				...who(result.headId, `干部${result.headId}`, HEAD_USERNAME),
				departmentId: result.headDepartmentId
			},
			office: who(result.officeId, '办公室文书', OFFICE_USERNAME),
			month: today.slice(0, 7),
			year: Number(today.slice(0, 4)) - 1
		};
	} finally {
		await db.destroy();
	}
}

async function maxRowId(db: DB, table: 'leave_requests' | 'approval_requests'): Promise<number> {
	const r = await db
		.selectFrom(table)
		.select((eb) => eb.fn.max<number | null>('id').as('n'))
		.executeTakeFirst();
	return Number(r?.n ?? 0);
}

/** The yearly leave statistics (every department) computed in this process. */
export async function timeLeaveStats(
	where: { databaseUrl?: string; sqlitePath: string },
	office: { id: number; name: string },
	year: number,
	runs = 7
): Promise<{ medianMs: number; maxMs: number; people: number } | { error: string }> {
	let stats: (
		db: DB,
		actor: Actor,
		o: { year?: number | null; departmentId?: number | null }
	) => Promise<{ people: unknown[] }>;
	try {
		stats = (await import('$lib/server/leave/stats.query')).leaveStatistics;
	} catch (e) {
		return { error: `leaveStatistics not available: ${(e as Error).message}` };
	}
	const { connect } = await import('$lib/server/db/connect');
	const db = connect(where);
	const actor: Actor = { ...office, roles: ['office'], ip: '127.0.0.1' };
	try {
		const r = await timeRuns(() => stats(db, actor, { year }), runs);
		return { medianMs: r.medianMs, maxMs: r.maxMs, people: r.last.people.length };
	} finally {
		await db.destroy();
	}
}
