// Fills a freshly migrated, empty database with a large office for `npm run bench`: 12
// departments, 1,000 people, 40 rooms and ≈25,000 meetings on the working days of 2022–2026
// (≈500,000 participant rows). Loaded through scripts/vite-load.js, so it uses the app's own
// connection (same value handling) and calendar-token service. Deterministic: a seeded PRNG.
import { sql } from 'kysely';
import { connect, dialectOfDb, type DB } from '$lib/server/db/connect';
import type { ParticipantRole, ReplyKind } from '$lib/server/db/schema';
import { getOrCreateCalendarToken } from '$lib/server/meetings/calendar.feed';
import {
	BENCH_PASSWORD,
	ADMIN_USERNAME,
	insertRows,
	maxId,
	prng,
	setupOffice,
	type Row
} from './generate-kit';
export { ADMIN_USERNAME, BENCH_PASSWORD } from './generate-kit';

// The notice timing drives these through the same loader (one Vite server per run).
export { connect } from '$lib/server/db/connect';
export { createMeeting, issueNotice } from '$lib/server/meetings/meetings.service';

export const BENCH_USERNAME = 'benchleader';
const YEARS = [2022, 2023, 2024, 2025, 2026];
const MEETINGS = 25_000;
// Office wall-clock slots (Asia/Shanghai, UTC+8, no DST); a meeting lasts 60–90 minutes.
const SLOTS = [9 * 60, 10 * 60 + 40, 14 * 60 + 30, 16 * 60 + 10];
const SHANGHAI_OFFSET_MIN = 8 * 60;

const SURNAMES =
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN =
	'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红志国建文晓云海波宁斌婷雪琳浩宇欣怡子轩梓涵佳俊';
const TOPICS = [
	'研究部署安全生产工作',
	'审议年度预算执行情况',
	'推进重点项目建设',
	'传达学习上级会议精神',
	'研究干部教育培训计划',
	'部署防汛抗旱工作',
	'推进数字政府建设',
	'研究信访维稳工作',
	'审议规范性文件',
	'听取督查督办情况汇报',
	'部署节前安全检查',
	'研究优化营商环境措施'
];
const AGENDA = [
	'传达学习上级文件精神',
	'听取工作进展情况汇报',
	'研究讨论实施方案',
	'审议有关事项',
	'部署下一阶段工作',
	'通报督查情况'
];
const EXCUSES = ['出差', '病假', '参加上级会议', '年休假'];

function personName(i: number): string {
	const s = SURNAMES[i % SURNAMES.length];
	const a = GIVEN[(i * 7) % GIVEN.length];
	const b = GIVEN[(i * 13 + 5) % GIVEN.length];
	return i % 3 === 0 ? s + a : s + a + b;
}

/** UTC instant of an office wall-clock minute on a YYYY-MM-DD date. */
function instant(date: string, minuteOfDay: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d, 0, minuteOfDay - SHANGHAI_OFFSET_MIN)).toISOString();
}

function shift(iso: string, minutes: number): string {
	return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** Working days by the office calendar: weekdays, minus statutory holidays, plus 调休 days. */
async function workingDays(db: DB): Promise<string[]> {
	const rows = await db
		.selectFrom('holidays')
		.select(['date', 'kind'])
		.where('date', '>=', `${YEARS[0]}-01-01`)
		.where('date', '<=', `${YEARS.at(-1)}-12-31`)
		.execute();
	const kind = new Map(rows.map((r) => [String(r.date).slice(0, 10), r.kind]));
	const out: string[] = [];
	for (let t = Date.UTC(YEARS[0], 0, 1); t <= Date.UTC(YEARS.at(-1)!, 11, 31); t += 86_400_000) {
		const date = new Date(t).toISOString().slice(0, 10);
		const weekday = new Date(t).getUTCDay() % 6 !== 0;
		const k = kind.get(date);
		if (k === 'workday' || (weekday && k !== 'holiday')) out.push(date);
	}
	return out;
}

interface Person {
	id: number;
	dept: number;
}

interface Org {
	leaders: number[];
	heads: Map<number, number[]>;
	members: Map<number, number[]>;
	office: number[];
	planners: number[];
	everyone: Person[];
	everyoneIds: number[];
	otherLeaders: number[];
	deptOf: Map<number, number>;
	benchUserId: number;
	sectionIds: number[];
	officeDeptId: number;
}

/** 局领导 (8), 办公室 (42) and ten sections or units of 95: 1,000 people with one hash. */
async function insertOrganisation(db: DB, hash: string, now: string): Promise<Org> {
	const deptBase = await maxId(db, 'departments');
	const depts: Row<'departments'>[] = [
		{ name: '局领导', kind: 'leadership' },
		{ name: '办公室', kind: 'office' },
		...['政策法规科', '人事科', '财务审计科', '规划科', '监督管理科', '监察室', '行政审批科']
			.map((name) => ({ name, kind: 'section' }))
			.concat(['信息中心', '综合执法支队', '档案馆'].map((name) => ({ name, kind: 'unit' })))
	].map((d, i) => ({
		id: deptBase + i + 1,
		name: d.name,
		kind: d.kind,
		parent_id: null,
		sort_order: i + 1,
		created_at: now
	}));
	await insertRows(db, 'departments', depts);
	const sizes = depts.map((_, i) => (i === 0 ? 8 : i === 1 ? 42 : 95));
	const userBase = await maxId(db, 'users');
	const users: Row<'users'>[] = [];
	const roles: Row<'user_roles'>[] = [];
	const org: Org = {
		leaders: [],
		heads: new Map(),
		members: new Map(),
		office: [],
		planners: [],
		everyone: [],
		everyoneIds: [],
		otherLeaders: [],
		deptOf: new Map(),
		benchUserId: userBase + 1,
		sectionIds: depts.slice(2).map((d) => d.id!),
		officeDeptId: depts[1].id!
	};
	let n = 0;
	depts.forEach((d, di) => {
		const deptId = d.id!;
		org.members.set(deptId, []);
		org.heads.set(deptId, []);
		for (let k = 0; k < sizes[di]; k++) {
			n++;
			const id = userBase + n;
			const isBench = n === 1;
			const username = isBench ? BENCH_USERNAME : `u${String(n).padStart(4, '0')}`;
			let title = '科员';
			let userRoles = ['staff'];
			if (di === 0) {
				title = k === 0 ? '局长' : '副局长';
				userRoles = ['leader'];
				org.leaders.push(id);
			} else if (k < 3) {
				title = di === 1 ? (k === 0 ? '主任' : '副主任') : k === 0 ? '科长' : '副科长';
				userRoles = di === 1 ? ['office', 'dept_head', 'staff'] : ['dept_head', 'staff'];
				org.heads.get(deptId)!.push(id);
			} else if (di === 1 && k < 8) {
				userRoles = ['office', 'staff'];
			}
			if (userRoles.includes('office')) org.planners.push(id);
			if (di === 1) org.office.push(id);
			org.members.get(deptId)!.push(id);
			org.everyone.push({ id, dept: deptId });
			org.deptOf.set(id, deptId);
			users.push({
				id,
				username,
				name: personName(n),
				password_hash: hash,
				department_id: deptId,
				title,
				precedence: k + 1,
				phone: `138${String(10_000_000 + n).slice(-8)}`,
				email: `${username}@bench.example`,
				work_start_date: `${1990 + (n % 30)}-0${1 + (n % 9)}-01`,
				is_password_change_required: false,
				password_changed_at: now,
				created_at: now,
				updated_at: now
			});
			for (const role of userRoles) roles.push({ user_id: id, role });
		}
	});
	org.everyoneIds = org.everyone.map((p) => p.id);
	org.otherLeaders = org.leaders.filter((id) => id !== org.benchUserId);
	await insertRows(db, 'users', users);
	await insertRows(db, 'user_roles', roles);
	return org;
}

interface Rooms {
	halls: number[];
	medium: number[];
	small: number[];
}

/** 40 rooms: 2 halls, 8 medium rooms for a department, 30 small ones. */
async function insertRooms(db: DB): Promise<Rooms> {
	const base = await maxId(db, 'rooms');
	const rows: Row<'rooms'>[] = [];
	const out: Rooms = { halls: [], medium: [], small: [] };
	for (let i = 0; i < 40; i++) {
		const id = base + i + 1;
		const [kind, capacity, name] =
			i < 2
				? (['halls', i === 0 ? 600 : 200, i === 0 ? '大礼堂' : '报告厅'] as const)
				: i < 10
					? (['medium', 40 + (i % 3) * 10, `第${i - 1}中会议室`] as const)
					: (['small', 12 + (i % 3) * 4, `${Math.floor(i / 10) + 1}楼第${i}小会议室`] as const);
		out[kind].push(id);
		rows.push({
			id,
			name,
			location: `机关大楼${Math.floor(i / 10) + 1}楼`,
			capacity,
			equipment: i < 10 ? '投影,话筒,视频会议' : '投影',
			sort_order: i + 1
		});
	}
	await insertRows(db, 'rooms', rows);
	return out;
}

/** `count` distinct ids drawn from `pool`, skipping those already in `taken`. */
function sample(
	rnd: ReturnType<typeof prng>,
	pool: readonly number[],
	count: number,
	taken: Set<number>
) {
	const want = Math.min(count, pool.length);
	let guard = want * 20;
	const out: number[] = [];
	while (out.length < want && guard-- > 0) {
		const id = rnd.pick(pool);
		if (!taken.has(id)) {
			taken.add(id);
			out.push(id);
		}
	}
	return out;
}

export interface GeneratedOffice {
	seconds: number;
	counts: Record<string, number>;
	admin: { id: number; name: string };
	benchUser: { id: number; username: string; password: string; meetings: number };
	token: string;
	/** The month (YYYY-MM, office time) in which the bench user has the most meetings. */
	busyMonth: { month: string; meetings: number };
	/** A past issued meeting with 100+ people that the bench user hosts. */
	detail: { id: number; participants: number };
	listTypeId: number;
	hallId: number;
	/** 500 active people with e-mail addresses, for the notice timing. */
	noticePeople: number[];
}

export async function generateOffice(o: {
	url: string;
	databaseUrl?: string;
	sqlitePath: string;
	log?: (line: string) => void;
}): Promise<GeneratedOffice> {
	const log = o.log ?? ((line: string) => console.log(line));
	const started = performance.now();
	await setupOffice(o.url);
	const db = connect({ databaseUrl: o.databaseUrl, sqlitePath: o.sqlitePath });
	try {
		const admin = await db
			.selectFrom('users')
			.select(['id', 'name', 'password_hash'])
			.where('username', '=', ADMIN_USERNAME)
			.executeTakeFirstOrThrow();
		const now = new Date().toISOString();
		const days = await workingDays(db);
		const types = await db.selectFrom('meeting_types').select(['id', 'name']).execute();
		const typeId = (name: string) => types.find((t) => t.name === name)?.id ?? types[0].id;
		const result = await db.transaction().execute(async (trx) => {
			// Setup hashed the password with the app's argon2id settings; everyone shares it.
			const org = await insertOrganisation(trx, admin.password_hash, now);
			const rooms = await insertRooms(trx);
			return insertMeetings(trx, { org, rooms, days, typeId, now });
		});
		log(`  [generate] ${dialectOfDb(db)}: rows inserted, finishing…`);
		const bench = await db
			.selectFrom('users')
			.select(['id', 'name'])
			.where('username', '=', BENCH_USERNAME)
			.executeTakeFirstOrThrow();
		const token = await getOrCreateCalendarToken(db, {
			id: bench.id,
			name: bench.name,
			roles: ['leader'],
			ip: '127.0.0.1'
		});
		await settle(db);
		const counts: Record<string, number> = {};
		for (const t of [
			'departments',
			'users',
			'user_roles',
			'rooms',
			'meetings',
			'meeting_participants',
			'meeting_agenda_items',
			'notifications',
			'calendar_tokens'
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
			admin: { id: admin.id, name: admin.name },
			benchUser: {
				id: bench.id,
				username: BENCH_USERNAME,
				password: BENCH_PASSWORD,
				meetings: result.benchMeetings
			},
			token,
			busyMonth: result.busyMonth,
			detail: result.detail,
			listTypeId: typeId('专题会议'),
			hallId: result.hallId,
			noticePeople: result.noticePeople
		};
	} finally {
		await db.destroy();
	}
}

/**
 * Leaves the database as a running office would have it. PostgreSQL: statistics as autovacuum
 * would leave them. SQLite: the WAL folded in, and no ANALYZE, because the app never runs one.
 */
async function settle(db: DB): Promise<void> {
	if (dialectOfDb(db) === 'postgres') {
		// What autovacuum does shortly after a bulk load; without it the planner sees empty tables.
		for (const t of ['users', 'meetings', 'meeting_participants', 'meeting_agenda_items']) {
			await sql.raw(`VACUUM ANALYZE ${t}`).execute(db);
		}
		for (const t of ['departments', 'users', 'rooms', 'meetings']) {
			await sql
				.raw(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`)
				.execute(db);
		}
	} else {
		await sql.raw('PRAGMA wal_checkpoint(TRUNCATE)').execute(db);
	}
}

interface MeetingContext {
	org: Org;
	rooms: Rooms;
	days: string[];
	typeId: (name: string) => number;
	now: string;
}

type Size = 'large' | 'department' | 'small';

async function insertMeetings(trx: DB, c: MeetingContext) {
	const { org, rooms, days, now } = c;
	const rnd = prng(20_260_101);
	const base = await maxId(trx, 'meetings');
	const nowMs = Date.parse(now);
	const perMonth = new Map<string, number>();
	let benchMeetings = 0;
	let detail = { id: 0, participants: 0 };
	let meetings: Row<'meetings'>[] = [];
	let people: Row<'meeting_participants'>[] = [];
	let agenda: Row<'meeting_agenda_items'>[] = [];
	const notices: Row<'notifications'>[] = [];
	const flush = async () => {
		await insertRows(trx, 'meetings', meetings);
		await insertRows(trx, 'meeting_participants', people);
		await insertRows(trx, 'meeting_agenda_items', agenda);
		meetings = [];
		people = [];
		agenda = [];
	};
	const typeNames = [
		'党组会议',
		'局务会议',
		'局长办公会议',
		'专题会议',
		'工作会议',
		'集中学习',
		'其他'
	];
	const typeWeights = [0.04, 0.06, 0.1, 0.3, 0.35, 0.1, 0.05];
	let n = 0;
	for (let di = 0; di < days.length; di++) {
		const date = days[di];
		const today =
			Math.floor(((di + 1) * MEETINGS) / days.length) - Math.floor((di * MEETINGS) / days.length);
		const used: Record<Size, number> = { large: 0, department: 0, small: 0 };
		for (let k = 0; k < today; k++) {
			n++;
			const id = base + n;
			const r = rnd.next();
			const size: Size = r < 0.05 ? 'large' : r < 0.4 ? 'department' : 'small';
			const pool =
				size === 'large' ? rooms.halls : size === 'department' ? rooms.medium : rooms.small;
			// Each (room, slot) of a day is used once: k-th meeting of a size → slot k % 4.
			const slotK = used[size]++;
			const roomId =
				slotK < pool.length * SLOTS.length
					? pool[(Math.floor(slotK / SLOTS.length) + di) % pool.length]
					: null;
			const startsAt = instant(date, SLOTS[slotK % SLOTS.length]);
			const endsAt = shift(startsAt, 60 + 10 * rnd.int(0, 3));
			const future = Date.parse(startsAt) > nowMs;
			const s = rnd.next();
			const status = future
				? s < 0.08
					? 'draft'
					: s < 0.12
						? 'cancelled'
						: 'issued'
				: s < 0.05
					? 'cancelled'
					: 'issued';
			let t = 0;
			let acc = rnd.next();
			while (t < typeWeights.length - 1 && (acc -= typeWeights[t]) > 0) t++;
			const typeName =
				size === 'large' ? rnd.pick(['党组会议', '局务会议', '集中学习']) : typeNames[t];
			const dept =
				size === 'large'
					? org.officeDeptId
					: rnd.next() < 0.15
						? org.officeDeptId
						: rnd.pick(org.sectionIds);
			const benchIn = size === 'large' || rnd.next() < 0.012;
			const { hostId, recorderId, roster, taken } = rosterFor(rnd, org, size, dept, benchIn);
			const classification = rnd.next() < 0.04 ? 'internal' : rnd.next() < 0.01 ? 'secret' : 'none';
			const title =
				typeName === '党组会议' || typeName === '局务会议' || typeName === '局长办公会议'
					? `${date.slice(0, 4)}年第${(n % 60) + 1}次${typeName}`
					: `${rnd.pick(TOPICS)}${typeName === '其他' ? '会议' : typeName}`;
			const issuedAt = status === 'draft' ? null : shift(startsAt, -5 * 1440);
			meetings.push({
				id,
				uid: `bench-${id}@huiban`,
				title,
				type_id: c.typeId(typeName),
				status,
				starts_at: startsAt,
				ends_at: endsAt,
				room_id: roomId,
				location: roomId ? '' : '市政务中心会议室',
				organiser_department_id: dept,
				host_id: hostId,
				recorder_id: recorderId,
				reply_deadline: shift(startsAt, -1440),
				requirements: '请提前10分钟到场，会场内手机调至静音。',
				contact_name: '办公室',
				contact_phone: '0571-88880000',
				classification,
				sequence: status === 'cancelled' ? 1 : 0,
				created_by: rnd.pick(org.planners),
				created_at: shift(startsAt, -7 * 1440),
				updated_at: issuedAt ?? shift(startsAt, -7 * 1440),
				issued_at: issuedAt,
				cancelled_at: status === 'cancelled' ? shift(startsAt, -2 * 1440) : null,
				cancel_reason: status === 'cancelled' ? '因工作安排调整，会议取消' : ''
			});
			for (const p of roster)
				people.push(participantRow(rnd, org, id, p, { status, future, startsAt, taken }));
			const items = rnd.int(2, 3);
			for (let a = 0; a < items; a++) {
				agenda.push({
					meeting_id: id,
					position: a + 1,
					title: AGENDA[(n + a * 2) % AGENDA.length],
					presenter: a === 0 ? '办公室' : '有关科室',
					planned_minutes: 20 + 10 * (a % 2)
				});
			}
			if (taken.has(org.benchUserId) && status !== 'draft') {
				benchMeetings++;
				const month = new Date(Date.parse(startsAt) + SHANGHAI_OFFSET_MIN * 60_000)
					.toISOString()
					.slice(0, 7);
				perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
				notices.push({
					user_id: org.benchUserId,
					kind: 'meeting.notice',
					title: `会议通知：${title}`,
					body: '',
					link: `/meetings/${id}`,
					created_at: issuedAt!,
					read_at: future ? null : shift(issuedAt!, 60)
				});
				if (size === 'large' && hostId === org.benchUserId && !future && status === 'issued') {
					detail = { id, participants: roster.length };
				}
			}
			if (meetings.length >= 1_000) await flush();
		}
	}
	await flush();
	await insertRows(trx, 'notifications', notices);
	const [month, count] = [...perMonth].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))[0];
	const noticePeople = org.everyone
		.filter((p) => p.dept !== org.officeDeptId && p.id !== org.benchUserId)
		.slice(0, 500)
		.map((p) => p.id);
	return {
		benchMeetings,
		busyMonth: { month, meetings: count },
		detail,
		hallId: rooms.halls[0],
		noticePeople
	};
}

type Roster = { userId: number; role: ParticipantRole; via: number | null }[];

/**
 * Who takes part, 5–10 people in a small meeting, 19–35 from one department, 100–130 from
 * everywhere in a large one (all leaders, a head per section). The bench user hosts or joins
 * only meetings chosen for them (all large ones, ≈1% of the rest): ≈1,500 in five years.
 */
function rosterFor(
	rnd: ReturnType<typeof prng>,
	org: Org,
	size: Size,
	dept: number,
	benchIn: boolean
) {
	const taken = new Set<number>();
	const roster: Roster = [];
	const add = (ids: number[], role: ParticipantRole, via: number | null = null) => {
		for (const userId of ids) roster.push({ userId, role, via });
	};
	let hostId: number;
	if (size === 'large') {
		hostId = rnd.next() < 0.4 ? org.benchUserId : rnd.pick(org.leaders);
		add(sample(rnd, org.leaders, org.leaders.length, taken), 'attendee');
		for (const d of org.sectionIds) add(sample(rnd, org.heads.get(d)!, 1, taken), 'attendee');
		const rest = rnd.int(100, 130) - taken.size;
		add(sample(rnd, org.everyoneIds, Math.round(rest * 0.9), taken), 'attendee');
		add(sample(rnd, org.everyoneIds, rest - Math.round(rest * 0.9), taken), 'observer');
	} else {
		hostId =
			benchIn && rnd.next() < 0.5
				? org.benchUserId
				: rnd.next() < 0.3
					? rnd.pick(org.otherLeaders)
					: org.heads.get(dept)![0];
		taken.add(hostId);
		add([hostId], 'attendee');
		if (benchIn && !taken.has(org.benchUserId)) {
			add(sample(rnd, [org.benchUserId], 1, taken), 'attendee');
		}
		const count = size === 'department' ? rnd.int(18, 34) : rnd.int(4, 9);
		const via = size === 'department' ? dept : null;
		add(sample(rnd, org.members.get(dept)!, count - taken.size, taken), 'attendee', via);
		if (size === 'small' && rnd.next() < 0.3) add(sample(rnd, org.office, 1, taken), 'observer');
	}
	const recorderId = sample(rnd, org.office, 1, taken)[0] ?? null;
	if (recorderId) add([recorderId], 'staff');
	return { hostId, recorderId, roster, taken };
}

function participantRow(
	rnd: ReturnType<typeof prng>,
	org: Org,
	meetingId: number,
	p: { userId: number; role: ParticipantRole; via: number | null },
	m: { status: string; future: boolean; startsAt: string; taken: Set<number> }
): Row<'meeting_participants'> {
	let reply: ReplyKind = 'pending';
	let reason = '';
	let deputyId: number | null = null;
	let confirmed: string | null = null;
	let checkedIn: string | null = null;
	if (m.status !== 'draft') {
		const r = rnd.next();
		const [attend, excused, deputy] = m.future ? [0.4, 0.05, 0.02] : [0.82, 0.08, 0.03];
		if (r < attend) reply = 'attend';
		else if (r < attend + excused) reply = 'excused';
		else if (r < attend + excused + deputy) {
			const colleagues = org.members.get(org.deptOf.get(p.userId)!)!;
			const stand = colleagues.find((id) => !m.taken.has(id) && rnd.next() < 0.2);
			if (stand) {
				reply = 'deputy';
				deputyId = stand;
				if (!m.future) confirmed = shift(m.startsAt, -1440);
			} else reply = 'excused';
		}
		if (reply !== 'attend' && reply !== 'pending') reason = rnd.pick(EXCUSES);
		if (reply === 'attend' && !m.future && m.status === 'issued' && rnd.next() < 0.75) {
			checkedIn = shift(m.startsAt, -rnd.int(1, 15));
		}
	}
	return {
		meeting_id: meetingId,
		user_id: p.userId,
		role: p.role,
		via_department_id: p.via,
		reply,
		reply_reason: reason,
		deputy_id: deputyId,
		replied_at: reply === 'pending' ? null : shift(m.startsAt, -2 * 1440),
		deputy_confirmed_at: confirmed,
		checked_in_at: checkedIn,
		checked_in_by: null
	};
}
