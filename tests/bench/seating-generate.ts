// Fills a freshly set-up database for the seating bench (tests/bench/seating.js): 500 people in
// 20 departments on one meeting in a hall of 30 floor rows (3 blocks: 6 · 8 · 6) under a
// rostrum of three rows (15 · 11 · 9): 25 出席 leaders, 465 列席, 10 会务; a few excused and a
// few sending deputies. People and the meeting are bulk inserts; the plan is set up and arranged
// through the seating service, so the page reads what the app writes. Loaded through
// scripts/vite-load.js. Deterministic: a seeded PRNG.
import { randomUUID } from 'node:crypto';
import type { Actor } from '$lib/server/actor';
import type { HallLayout } from '$lib/domain/seating';
import {
	BENCH_PASSWORD,
	DAY,
	countRows,
	insertRows,
	maxId,
	openBenchDb,
	personRow,
	prng,
	settle,
	timeRuns,
	type Row
} from './generate-kit';

const DEPARTMENTS = 20;
const PEOPLE = 500;
const LEADERS = 25;
const STAFF = 10;
export const OFFICE_USERNAME = 'benchoffice';
export const HALL: HallLayout = {
	kind: 'hall',
	rostrum: [15, 11, 9],
	floor: { rows: 30, blocks: [6, 8, 6] }
};

type Person = { id: number; name: string; username: string; password: string };

export interface GeneratedSeating {
	seconds: number;
	counts: Record<string, number>;
	meetingId: number;
	office: Person;
	/** A participant with a seat (the phone view). */
	participant: Person;
	seated: number;
	/** arrangePlan through the service, 500 people (median of 5 after one untimed run). */
	arrangeMs: number;
	/** The plan page's read model (loadPlanPage) in this process, without rendering: median ms. */
	pageModelMs: number;
}

const SURNAMES =
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文';

export async function generateSeating(o: {
	url: string;
	databaseUrl?: string;
	sqlitePath: string;
}): Promise<GeneratedSeating> {
	const started = performance.now();
	const { db, passwordHash } = await openBenchDb(o);
	try {
		const now = new Date().toISOString();
		const rnd = prng(20_261_206);
		const made = await db.transaction().execute(async (trx) => {
			const deptBase = await maxId(trx, 'departments');
			const depts: Row<'departments'>[] = Array.from({ length: DEPARTMENTS }, (_, i) => ({
				id: deptBase + i + 1,
				name: `第${i + 1}处`,
				kind: 'section',
				parent_id: null,
				sort_order: i + 1,
				created_at: now
			}));
			await insertRows(trx, 'departments', depts);
			const userBase = await maxId(trx, 'users');
			const officeId = userBase + 1;
			const users: Row<'users'>[] = [
				personRow(
					{ id: officeId, username: OFFICE_USERNAME, name: '办公室文书', departmentId: null },
					passwordHash,
					now
				)
			];
			const roles: Row<'user_roles'>[] = [{ user_id: officeId, role: 'office' }];
			const people: number[] = [];
			for (let k = 0; k < PEOPLE + 20; k++) {
				const id = officeId + 1 + k;
				const name =
					rnd.pick([...SURNAMES]) +
					rnd.pick([...GIVEN]) +
					(rnd.next() < 0.6 ? rnd.pick([...GIVEN]) : '');
				users.push(
					personRow(
						{ id, username: `s${id}`, name, departmentId: depts[k % DEPARTMENTS].id! },
						passwordHash,
						now,
						{
							precedence: k < LEADERS ? k + 1 : 100 + rnd.int(0, 900),
							title: k < LEADERS ? '局领导' : ''
						}
					)
				);
				roles.push({ user_id: id, role: k < LEADERS ? 'leader' : 'staff' });
				people.push(id);
			}
			await insertRows(trx, 'users', users);
			await insertRows(trx, 'user_roles', roles);
			const roomId = (await maxId(trx, 'rooms')) + 1;
			await insertRows(trx, 'rooms', [{ id: roomId, name: '大礼堂', capacity: 900 }]);
			const type = await trx
				.selectFrom('meeting_types')
				.select('id')
				.orderBy('id')
				.executeTakeFirstOrThrow();
			const meetingId = (await maxId(trx, 'meetings')) + 1;
			const starts = new Date(Math.floor(Date.now() / DAY) * DAY + 7 * DAY + 90 * 60_000);
			await insertRows(trx, 'meetings', [
				{
					id: meetingId,
					uid: `${randomUUID()}@huiban`,
					title: '全局干部大会',
					type_id: type.id,
					status: 'issued',
					starts_at: starts.toISOString(),
					ends_at: new Date(starts.getTime() + 2 * 3600_000).toISOString(),
					room_id: roomId,
					created_by: officeId,
					created_at: now,
					updated_at: now,
					issued_at: now
				}
			]);
			const spare = people.slice(PEOPLE);
			const participants: Row<'meeting_participants'>[] = people
				.slice(0, PEOPLE)
				.map((userId, k) => {
					const roll = rnd.next();
					const deputy = k < LEADERS && k % 6 === 5 ? spare[k % spare.length] : null;
					return {
						meeting_id: meetingId,
						user_id: userId,
						role: k < LEADERS ? 'attendee' : k >= PEOPLE - STAFF ? 'staff' : 'observer',
						reply: deputy ? 'deputy' : roll < 0.05 ? 'excused' : roll < 0.85 ? 'attend' : 'pending',
						reply_reason: deputy || roll < 0.05 ? '另有公务' : '',
						deputy_id: deputy,
						replied_at: roll < 0.85 || deputy ? now : null
					};
				});
			await insertRows(trx, 'meeting_participants', participants);
			return { officeId, meetingId, participantId: people[3] };
		});
		await settle(db, ['departments', 'users', 'rooms', 'meetings', 'meeting_participants']);
		const office: Actor = {
			id: made.officeId,
			name: '办公室文书',
			roles: ['office'],
			ip: '127.0.0.1'
		};
		const { setupPlan, arrangePlan } = await import('$lib/server/seating/seating.service');
		const plan = await setupPlan(db, office, made.meetingId, {
			version: null,
			layout: HALL,
			convention: 'left',
			pair: '12',
			floorOrder: 'surname_strokes',
			excusedMode: 'empty',
			seatStaff: false
		});
		let version = plan.version;
		const timed = await timeRuns(() => arrangePlan(db, office, made.meetingId, version++), 5);
		const { loadPlanPage } = await import('$lib/server/seating/seating.query');
		const model = await timeRuns(() => loadPlanPage(db, office, made.meetingId), 7);
		const counts = await countRows(db, [
			'users',
			'meeting_participants',
			'seating_placements',
			'seating_versions'
		]);
		const who = (id: number, name: string, username: string): Person => ({
			id,
			name,
			username,
			password: BENCH_PASSWORD
		});
		return {
			seconds: (performance.now() - started) / 1000,
			counts,
			meetingId: made.meetingId,
			office: who(made.officeId, '办公室文书', OFFICE_USERNAME),
			participant: who(made.participantId, '', `s${made.participantId}`),
			seated: counts.seating_placements,
			arrangeMs: timed.medianMs,
			pageModelMs: model.medianMs
		};
	} finally {
		await db.destroy();
	}
}
