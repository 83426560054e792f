import { expect, it } from 'vitest';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { describeEachDialect } from '../testing/each-dialect';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import { office } from './calendar.test-helpers';
import { getMeetingDetail, searchMeetings, type Scope } from './meetings.query';
import { canSeeMeetingContent } from '../permissions';
import { contentVisibleTo } from './visibility.repository';
import { CLASSIFICATIONS } from '$lib/domain/meetings';
import { newUser } from '../testing/fixtures';

async function listed(db: DB, actor: Actor, scope: Scope, q?: string) {
	const r = await searchMeetings(db, actor, {
		scope,
		departmentId: null,
		q,
		page: 1,
		pageSize: 50
	});
	return { total: r.total, titles: r.meetings.map((mt) => mt.title).sort() };
}

describeEachDialect('who sees a classified meeting', ({ db }) => {
	it('the list and its search leave out classified meetings the viewer is not on', async () => {
		const o = await office(db());
		const dept = (u: { actor: Actor }) => ({ ...u.actor, departmentId: o.deptA });
		const secret = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '机密议题研究',
			classification: 'confidential'
		});
		await addParticipant(db(), secret, o.alice.id);
		const open = await newMeeting(db(), { createdBy: o.planner.id, title: '普通议题研究' });
		await addParticipant(db(), open, o.alice.id);

		const search = (u: { actor: Actor }, scope: Scope, q?: string) =>
			searchMeetings(db(), u.actor, {
				scope,
				departmentId: dept(u).departmentId,
				q,
				page: 1,
				pageSize: 50
			}).then((r) => ({ total: r.total, titles: r.meetings.map((mt) => mt.title).sort() }));

		// bob shares alice's department but is not on the classified meeting.
		expect(await search(o.bob, 'department')).toEqual({ total: 1, titles: ['普通议题研究'] });
		expect(await search(o.bob, 'department', '机密')).toEqual({ total: 0, titles: [] });
		expect(await search(o.leader, 'all')).toEqual({ total: 1, titles: ['普通议题研究'] });
		expect(await search(o.leader, 'all', '机密')).toEqual({ total: 0, titles: [] });
		// Those on it, and the office, still find it.
		expect(await search(o.alice, 'department', '机密')).toEqual({
			total: 1,
			titles: ['机密议题研究']
		});
		expect((await search(o.planner, 'all', '议题')).total).toBe(2);
		expect((await listed(db(), o.alice.actor, 'mine')).titles).toHaveLength(2);
	});

	it('the SQL condition and the JS predicate agree on every kind of viewer and meeting', async () => {
		const o = await office(db());
		const creator = await newUser(db(), { roles: ['staff'] });
		const admin = await newUser(db(), { roles: ['admin'] });
		const viewers = { planner: o.planner, admin, leader: o.leader, creator, alice: o.alice };
		const kinds = ['none', 'host', 'recorder', 'participant', 'deputy'] as const;
		const cases: { id: number; involvement: (typeof kinds)[number]; status: string }[] = [];
		for (const status of ['draft', 'issued', 'cancelled'] as const) {
			for (const classification of CLASSIFICATIONS) {
				for (const involvement of kinds) {
					const id = await newMeeting(db(), {
						createdBy: creator.id,
						status,
						classification,
						hostId: involvement === 'host' ? o.alice.id : null
					});
					if (involvement === 'recorder') {
						await db()
							.updateTable('meetings')
							.set({ recorder_id: o.alice.id })
							.where('id', '=', id)
							.execute();
					}
					if (involvement === 'participant') await addParticipant(db(), id, o.alice.id);
					if (involvement === 'deputy') {
						await addParticipant(db(), id, o.bob.id, { reply: 'deputy', deputyId: o.alice.id });
					}
					cases.push({ id, involvement, status });
				}
			}
		}
		const rows = await db()
			.selectFrom('meetings')
			.select(['id', 'status', 'classification', 'created_by'])
			.execute();
		let seen = 0;
		for (const [name, v] of Object.entries(viewers)) {
			const bySql = new Set(
				(
					await db()
						.selectFrom('meetings')
						.select('meetings.id')
						.where(contentVisibleTo(v.actor))
						.execute()
				).map((r) => r.id)
			);
			for (const r of rows) {
				const c = cases.find((x) => x.id === r.id)!;
				const involved = v.id === o.alice.id && c.involvement !== 'none';
				const js = canSeeMeetingContent(
					v.actor,
					{ status: r.status, classification: r.classification, createdBy: r.created_by },
					involved
				);
				expect(bySql.has(r.id), `${name} ${r.status} ${r.classification} ${c.involvement}`).toBe(
					js
				);
				if (js) seen++;
			}
		}
		// Not a vacuous agreement: some hidden, some shown.
		expect(seen).toBeGreaterThan(0);
		expect(seen).toBeLessThan(rows.length * Object.keys(viewers).length);
		// alice, on a classified meeting as deputy, sees it; the leader does not.
		const secretDeputy = cases.find(
			(x) =>
				x.involvement === 'deputy' &&
				x.status === 'issued' &&
				rows.find((r) => r.id === x.id)!.classification === 'secret'
		)!;
		const sees = (u: { actor: Actor }) =>
			db()
				.selectFrom('meetings')
				.select('id')
				.where('id', '=', secretDeputy.id)
				.where(contentVisibleTo(u.actor))
				.execute();
		expect(await sees(o.alice)).toHaveLength(1);
		expect(await sees(o.leader)).toHaveLength(0);
	});

	it("a meeting's creator sees a clash with a classified meeting as 涉密会议, the office its title", async () => {
		const o = await office(db());
		const creator = await newUser(db(), { roles: ['staff'] });
		const startsAt = '2026-12-03T02:00:00.000Z';
		const mine = await newMeeting(db(), { createdBy: creator.id, startsAt, status: 'draft' });
		await addParticipant(db(), mine, o.alice.id);
		const secret = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '机密专题会',
			classification: 'secret',
			startsAt
		});
		await addParticipant(db(), secret, o.alice.id);
		const othersDraft = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '尚未发出的会',
			status: 'draft',
			startsAt
		});
		await addParticipant(db(), othersDraft, o.alice.id);

		const titlesFor = async (u: { actor: Actor }) =>
			(await getMeetingDetail(db(), u.actor, mine)).conflicts.map((c) => c.title).sort();
		expect(await titlesFor(creator)).toEqual(['另有会议', '涉密会议']);
		expect(await titlesFor(o.planner)).toEqual(['尚未发出的会', '机密专题会'].sort());
	});
});
