import { describe, expect, it } from 'vitest';
import type { Role } from '$lib/domain/roles';
import { login } from '../auth/auth.service';
import { setClock } from '../clock';
import type { DB } from '../db';
import { ForbiddenError, ValidationError } from '../errors';
import { listDepartments } from '../org/departments.repository';
import { findRolesByUserIds } from '../org/users.repository';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { DEMO_DEPARTMENTS, DEMO_PEOPLE, DEMO_SAMPLE_USERNAMES } from './demo-data';
import { DEMO_PASSWORD, loadDemoOrganisation } from './demo.service';

const ctx = { ip: '10.0.0.1', userAgent: 'vitest' };

async function people(db: DB) {
	const rows = await db
		.selectFrom('users')
		.innerJoin('departments', 'departments.id', 'users.department_id')
		.select([
			'users.id',
			'users.username',
			'users.is_password_change_required',
			'departments.name as department',
			'departments.kind'
		])
		.execute();
	const roles = await findRolesByUserIds(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({ ...r, roles: roles.get(r.id) ?? [] }));
}

const withRole = <T extends { roles: Role[] }>(ps: T[], role: Role) =>
	ps.filter((p) => p.roles.includes(role));

describe('demo data', () => {
	it('gives every person a unique precedence and a start date from 1988 to 2024', () => {
		expect(new Set(DEMO_PEOPLE.map((p) => p.precedence)).size).toBe(DEMO_PEOPLE.length);
		const years = DEMO_PEOPLE.map((p) => Number(p.workStartDate.slice(0, 4)));
		expect(Math.min(...years)).toBe(1988);
		expect(Math.max(...years)).toBe(2024);
	});

	it('puts the 局长 first and only names known departments', () => {
		const first = [...DEMO_PEOPLE].sort((a, b) => a.precedence - b.precedence)[0];
		expect(first.title).toBe('局长');
		const names = new Set(DEMO_DEPARTMENTS.map((d) => d.name));
		expect(DEMO_PEOPLE.every((p) => names.has(p.department))).toBe(true);
		const usernames = new Set(DEMO_PEOPLE.map((p) => p.username));
		expect(DEMO_SAMPLE_USERNAMES.every((u) => usernames.has(u))).toBe(true);
	});
});

describeEachDialect('loadDemoOrganisation', ({ db }) => {
	it('adds last year’s 春节 and 国庆节 rosters, published and full, with logs and handovers', async () => {
		const admin = await newUser(db(), { username: 'admin', roles: ['admin'] });
		setClock('2026-06-01T02:00:00.000Z');
		await loadDemoOrganisation(db(), admin.actor);
		const periods = await db()
			.selectFrom('duty_periods')
			.select(['id', 'name', 'status', 'holiday_name'])
			.orderBy('start_date')
			.execute();
		expect(periods.map((p) => [p.name, p.status])).toEqual([
			['2025年春节值班', 'published'],
			['2025年国庆节值班', 'published'],
			['2027年元旦值班', 'draft']
		]);
		const empty = await db()
			.selectFrom('duty_assignments')
			.select('id')
			.where('period_id', 'in', [periods[0].id, periods[1].id])
			.where('user_id', 'is', null)
			.execute();
		expect(empty).toEqual([]);
		const entries = await db().selectFrom('duty_log_entries').select(['kind']).execute();
		expect(entries.length).toBe(8);
		expect(entries.some((e) => e.kind === 'incident')).toBe(true);
		const handovers = await db().selectFrom('duty_handovers').select(['acknowledged_by']).execute();
		expect(handovers.length).toBe(6);
		expect(handovers.every((h) => h.acknowledged_by !== null)).toBe(true);
	});

	it('takes the last year the holiday schedule covers when last year is not in it yet', async () => {
		// Migration 0002 seeds the State Council schedule up to 2026; a demo loaded in 2031 must
		// not fail on a 2030 schedule nobody has entered.
		const admin = await newUser(db(), { username: 'admin', roles: ['admin'] });
		setClock('2031-03-01T02:00:00.000Z');
		await loadDemoOrganisation(db(), admin.actor);
		const periods = await db()
			.selectFrom('duty_periods')
			.select(['name', 'status'])
			.orderBy('start_date')
			.execute();
		expect(periods.map((p) => [p.name, p.status])).toEqual([
			['2026年春节值班', 'published'],
			['2026年国庆节值班', 'published'],
			['2032年元旦值班', 'draft']
		]);
	});

	it('creates the bureau with the expected roles, usable with the demo password', async () => {
		const admin = await newUser(db(), { username: 'admin', roles: ['admin'] });
		const result = await loadDemoOrganisation(db(), admin.actor);
		// 29 days around today: 20 or 21 weekdays, one meeting each.
		expect(result).toEqual({
			departments: 10,
			people: 60,
			meetings: expect.any(Number),
			dutyPeriods: 3
		});
		expect(result.meetings).toBeGreaterThanOrEqual(20);
		expect(result.meetings).toBeLessThanOrEqual(21);
		const meetings = await db()
			.selectFrom('meetings')
			.select(['id', 'room_id', 'starts_at', 'ends_at'])
			.orderBy('starts_at')
			.execute();
		const lastEnd = new Map<number | null, string>();
		for (const mt of meetings) {
			expect(mt.starts_at >= (lastEnd.get(mt.room_id) ?? '')).toBe(true);
			lastEnd.set(mt.room_id, mt.ends_at);
		}
		const perMeeting = await db()
			.selectFrom('meeting_participants')
			.select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy('meeting_id')
			.execute();
		expect(perMeeting).toHaveLength(meetings.length);

		const departments = await listDepartments(db());
		expect(departments.map((d) => d.name)).toEqual(DEMO_DEPARTMENTS.map((d) => d.name));
		expect(departments.every((d) => d.memberCount > 0)).toBe(true);

		const ps = await people(db());
		expect(ps).toHaveLength(60);
		expect(new Set(ps.map((p) => p.username.toLowerCase())).size).toBe(60);
		const auditors = withRole(ps, 'auditor');
		expect(auditors).toHaveLength(1);
		expect(auditors[0].roles).toEqual(['auditor']);
		expect(withRole(ps, 'leader').length).toBeGreaterThanOrEqual(1);
		expect(withRole(ps, 'office').length).toBeGreaterThanOrEqual(1);
		expect(withRole(ps, 'supervisor').map((p) => p.department)).toEqual(['监察室']);
		expect(withRole(ps, 'admin')).toHaveLength(0);
		for (const d of departments.filter((d) => d.kind === 'section')) {
			const heads = withRole(ps, 'dept_head').filter((p) => p.department === d.name);
			expect(heads, d.name).toHaveLength(1);
		}
		expect(ps.some((p) => p.is_password_change_required)).toBe(false);

		const r = await login(db(), { username: 'wangjianguo', password: DEMO_PASSWORD }, ctx);
		expect(r.mustChangePassword).toBe(false);
	});

	it('writes minutes: a 局长办公会议 issued with two decisions, a 集中学习 draft, nobody told', async () => {
		const admin = await newUser(db(), { roles: ['admin'] });
		setClock('2026-12-09T08:00:00.000Z');
		await loadDemoOrganisation(db(), admin.actor);
		const minutes = await db()
			.selectFrom('meeting_minutes as mm')
			.innerJoin('meetings', 'meetings.id', 'mm.meeting_id')
			.innerJoin('meeting_types as t', 't.id', 'meetings.type_id')
			.select(['mm.id', 'mm.status', 'mm.number', 'mm.body', 't.name as type', 'meetings.ends_at'])
			.orderBy('t.name')
			.execute();
		expect(minutes.map((r) => [r.type, r.status, r.number])).toEqual([
			['局长办公会议', 'issued', '〔2026〕1号'],
			['集中学习', 'draft', null]
		]);
		expect(minutes.every((r) => r.ends_at < '2026-12-09T08:00:00.000Z')).toBe(true);
		expect(minutes[1].body).toContain('学习内容：《中华人民共和国保守国家秘密法》');
		const decisions = await db()
			.selectFrom('minute_decisions')
			.select(['text', 'lead_department_id', 'deadline'])
			.where('minutes_id', '=', minutes[0].id)
			.orderBy('seq')
			.execute();
		expect(decisions).toHaveLength(2);
		expect(decisions.every((d) => d.lead_department_id && d.deadline)).toBe(true);
		const told = await db()
			.selectFrom('notifications')
			.select('id')
			.where('kind', 'like', 'minutes.%')
			.execute();
		expect(told).toEqual([]);
	});

	it('writes one audit row per person and department plus one for the load', async () => {
		const admin = await newUser(db(), { roles: ['admin'] });
		await loadDemoOrganisation(db(), admin.actor);
		const rows = await db().selectFrom('audit_log').select('action').execute();
		const organisation = rows.filter((r) => /^(user|department|demo)\./.test(r.action));
		// 60 people, 10 departments made, each department then given its 分管领导, the load.
		expect(organisation).toHaveLength(60 + 10 + 10 + 1);
		expect(rows.filter((r) => r.action === 'department.update')).toHaveLength(10);
		// The duty rosters are built through the duty services, each step audited as usual.
		expect(rows.filter((r) => r.action === 'duty_period.publish')).toHaveLength(2);
		const load = await db()
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'demo.load')
			.executeTakeFirstOrThrow();
		expect(load.actor_id).toBe(admin.id);
		expect(JSON.parse(load.changes)).toMatchObject({ departments: 10, people: 60 });
	});

	it('refuses a second load and writes nothing', async () => {
		const admin = await newUser(db(), { roles: ['admin'] });
		await loadDemoOrganisation(db(), admin.actor);
		const before = { people: (await people(db())).length, audit: await auditCount(db()) };
		const e = await loadDemoOrganisation(db(), admin.actor).catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		expect(e.fields._).toBe('演示单位已载入过，不能重复载入');
		expect((await people(db())).length).toBe(before.people);
		expect(await auditCount(db())).toBe(before.audit);
		expect(await listDepartments(db())).toHaveLength(10);
	});

	it('refuses anyone but an admin', async () => {
		const office = await newUser(db(), { roles: ['office', 'staff'] });
		await expect(loadDemoOrganisation(db(), office.actor)).rejects.toBeInstanceOf(ForbiddenError);
		expect(await listDepartments(db())).toHaveLength(0);
	});

	it('gives a demo person the next free username when the admin already has theirs', async () => {
		const admin = await newUser(db(), { username: 'ZhangWei', roles: ['admin'] });
		await loadDemoOrganisation(db(), admin.actor);
		const row = await db()
			.selectFrom('users')
			.select(['username', 'email'])
			.where('name', '=', '张伟')
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ username: 'zhangwei2', email: 'zhangwei2@huiban.example' });
	});

	it('builds rooms, meetings, replies and check-ins through the services, audited, sending nothing', async () => {
		const admin = await newUser(db(), { roles: ['admin'] });
		const now = '2026-06-03T02:00:00.000Z';
		setClock(now);
		const { meetings } = await loadDemoOrganisation(db(), admin.actor);
		const audit = await db().selectFrom('audit_log').select('action').execute();
		const audited = (action: string) => audit.filter((r) => r.action === action).length;
		const people = await db()
			.selectFrom('meeting_participants')
			.select(['reply', 'replied_at', 'checked_in_at', 'deputy_id'])
			.execute();
		expect(audited('room.create')).toBe(5);
		expect(audited('meeting.create')).toBe(meetings);
		expect(audited('meeting.issue')).toBe(meetings);
		expect(audited('meeting.reply')).toBe(people.filter((p) => p.replied_at).length);
		expect(audited('meeting.checkin_manual')).toBe(people.filter((p) => p.checked_in_at).length);
		expect(people.some((p) => p.reply === 'pending')).toBe(true);
		expect(people.some((p) => p.deputy_id !== null)).toBe(true);
		expect(people.some((p) => p.checked_in_at)).toBe(true);
		// Notices of the demo's past weeks were "sent" then: nobody is mailed or notified now.
		const mails = await db().selectFrom('outbox').select('meeting_id').execute();
		expect(mails.filter((r) => r.meeting_id !== null)).toEqual([]);
		const notes = await db().selectFrom('notifications').select('kind').execute();
		expect(notes.filter((n) => n.kind.startsWith('meeting.'))).toEqual([]);
		const rows = await db()
			.selectFrom('meetings')
			.select(['status', 'created_at', 'issued_at', 'starts_at', 'reply_deadline'])
			.execute();
		for (const r of rows) {
			expect(r.status).toBe('issued');
			expect(r.created_at <= r.issued_at! && r.issued_at! < now).toBe(true);
			expect(r.issued_at! < r.reply_deadline! && r.reply_deadline! < r.starts_at).toBe(true);
		}
	});
});
