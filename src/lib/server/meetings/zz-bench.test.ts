import { it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { calendarEvents, feedForToken, getOrCreateCalendarToken } from './calendar.service';
describeEachDialect('bench', ({ db, dialect }) => {
	it('times', async () => {
		const depts = [];
		for (let i = 0; i < 20; i++) depts.push(await newDepartment(db()));
		const admin = await newUser(db(), { roles: ['office'], departmentId: depts[0] });
		const now = new Date().toISOString();
		const users = [];
		for (let c = 0; c < 2000; c += 500) {
			const rows = Array.from({ length: 500 }, (_, i) => ({ username: `b${c + i}`, name: `人${c + i}`, password_hash: 'x', department_id: depts[(c + i) % 20], created_at: now, updated_at: now }));
			const r = await db().insertInto('users').values(rows).returning('id').execute();
			users.push(...r.map((x) => x.id));
		}
		const t0 = Date.parse('2024-01-01T00:00:00Z');
		const ids = [];
		for (let c = 0; c < 25000; c += 1000) {
			const rows = Array.from({ length: 1000 }, (_, i) => {
				const s = t0 + ((c + i) * 5 * 86400000 * 365) / 25000;
				return { uid: randomUUID(), title: `会议${c + i}`, type_id: 1, status: 'issued' as const, starts_at: new Date(s).toISOString(), ends_at: new Date(s + 3600000).toISOString(), created_by: admin.id, created_at: now, updated_at: now, room_id: null };
			});
			const r = await db().insertInto('meetings').values(rows).returning('id').execute();
			ids.push(...r.map((x) => x.id));
		}
		let k = 0;
		for (let c = 0; c < ids.length; c += 50) {
			const rows = [];
			for (const mid of ids.slice(c, c + 50)) for (let j = 0; j < 20; j++) rows.push({ meeting_id: mid, user_id: users[(k++ * 7 + j * 101) % users.length], role: 'attendee' as const });
			await db().insertInto('meeting_participants').values(rows).onConflict((oc) => oc.doNothing()).execute();
		}
		const me = { id: users[5], name: 'x', roles: ['staff' as const], ip: '' };
		const from = new Date().toISOString();
		const to = new Date(Date.now() + 42 * 86400000).toISOString();
		for (const scope of ['mine', 'department', 'all']) {
			const actor = scope === 'all' ? admin.actor : me;
			const t = performance.now();
			const n = (await calendarEvents(db(), actor, { scope, from, to })).length;
			console.log(dialect, scope, n, Math.round(performance.now() - t), 'ms');
		}
		const token = await getOrCreateCalendarToken(db(), me);
		const t = performance.now();
		const ics = await feedForToken(db(), token);
		console.log(dialect, 'feed', ics!.length, Math.round(performance.now() - t), 'ms');
	}, 600_000);
});
