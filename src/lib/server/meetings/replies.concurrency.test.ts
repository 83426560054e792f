import { expect, it } from 'vitest';
import type { DB } from '../db';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { createMeeting, issueNotice } from './meetings.service';
import { outboxRows, planForm } from './meetings.test-helpers';
import { listParticipants } from './participants.repository';
import { confirmDeputy, replyToMeeting, urgeReplies } from './replies.service';

const N = 20;

async function mailTo(db: DB, name: string) {
	return (await outboxRows(db)).filter((r) => r.to_name === name).map((r) => r.ics_method);
}

async function notificationsOf(db: DB, userId: number) {
	const rows = await db
		.selectFrom('notifications')
		.select('kind')
		.where('user_id', '=', userId)
		.execute();
	return rows.map((r) => r.kind);
}

describeEachDialect('回执, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	async function issued(principals = 1) {
		const db = ctx.db();
		const o = await newUser(db, { roles: ['office'] });
		const people = [];
		for (let i = 0; i < principals; i++) people.push(await newUser(db, { name: `处长${i + 1}` }));
		const deputy = await newUser(db, { name: '吴刚' });
		const attendeeIds = people.map((p) => p.id);
		const id = await createMeeting(db, o.actor, await planForm(db, { attendeeIds }));
		await issueNotice(db, o.actor, id);
		return { o, people, deputy, id, wide: openWide() };
	}

	it('an unchanged reply writes one audit row, not twenty', async () => {
		const { people, id, wide } = await issued();
		const [a] = people;
		const { ok, errors } = await inParallel(N, () =>
			replyToMeeting(wide, a.actor, id, { reply: 'excused', reason: '出差' })
		);
		expect(errors).toEqual([]);
		expect(ok).toHaveLength(N);
		expect(await auditRows(ctx.db(), 'meeting.reply')).toHaveLength(1);
		// The same reply again later is the same no-op.
		await replyToMeeting(ctx.db(), a.actor, id, { reply: 'excused', reason: '出差' });
		expect(await auditRows(ctx.db(), 'meeting.reply')).toHaveLength(1);
	});

	it('代会: twenty identical deputy replies send the deputy one invitation', async () => {
		const { people, deputy, id, wide } = await issued();
		const [a] = people;
		const form = { reply: 'deputy' as const, deputyId: String(deputy.id) };
		const { ok, errors } = await inParallel(N, () => replyToMeeting(wide, a.actor, id, form));
		expect(errors).toEqual([]);
		expect(ok).toHaveLength(N);
		expect(await mailTo(ctx.db(), '吴刚')).toEqual(['REQUEST']);
		expect(await notificationsOf(ctx.db(), deputy.id)).toEqual(['meeting.notice']);
		expect(await auditRows(ctx.db(), 'meeting.reply')).toHaveLength(1);
	});

	it('代会: of four principals naming the same deputy at once, one is accepted', async () => {
		const { people, deputy, id, wide } = await issued(4);
		const form = { reply: 'deputy' as const, deputyId: String(deputy.id) };
		const { ok, errors } = await inParallel(N, (i) =>
			replyToMeeting(wide, people[i % 4].actor, id, form)
		);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(new Set(errors.map((e) => (e as Error).message))).toEqual(
			new Set(['吴刚 已在本次会议名单中，不能代会'])
		);
		// The winner's five identical clicks all succeed; the other principals' fifteen do not.
		expect(ok).toHaveLength(N / 4);
		const named = (await listParticipants(ctx.db(), id)).filter((p) => p.deputyId === deputy.id);
		expect(named).toHaveLength(1);
		expect(await mailTo(ctx.db(), '吴刚')).toEqual(['REQUEST']);
		expect(await auditRows(ctx.db(), 'meeting.reply')).toHaveLength(1);
	});

	it('the deputy confirms once', async () => {
		const { people, deputy, id, wide } = await issued();
		await replyToMeeting(ctx.db(), people[0].actor, id, {
			reply: 'deputy',
			deputyId: String(deputy.id)
		});
		const { ok, errors } = await inParallel(N, () => confirmDeputy(wide, deputy.actor, id));
		expect(errors).toEqual([]);
		expect(ok).toHaveLength(N);
		expect(await auditRows(ctx.db(), 'meeting.deputy_confirm')).toHaveLength(1);
	});

	it('催办: twenty clicks remind each person once', async () => {
		const { o, people, id, wide } = await issued(2);
		const { ok, errors } = await inParallel(N, () => urgeReplies(wide, o.actor, id));
		expect(onlyUserErrors(errors)).toBe(true);
		expect(ok.filter((n) => n > 0)).toEqual([2]);
		expect(await notificationsOf(ctx.db(), people[0].id)).toEqual([
			'meeting.notice',
			'meeting.reminder'
		]);
		expect(await auditRows(ctx.db(), 'meeting.urge')).toHaveLength(1);
	});
});
