import { expect, it } from 'vitest';
import { setClock } from '../clock';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import { getMeetingDetail } from './meetings.query';
import { readTogether } from '../db/json-rows';
import { listParticipants, participantsRead, toParticipant } from './participants.repository';
import { replyToMeeting } from './replies.service';

describeEachDialect('meeting page of a participant', ({ db }) => {
	async function world() {
		const planner = await newUser(db(), { roles: ['office'] });
		const me = await newUser(db(), { name: '孙明' });
		const boss = await newUser(db(), { name: '赵局' });
		const other = await newUser(db(), { name: '周红' });
		const deputy = await newUser(db(), { name: '副手' });
		const outsider = await newUser(db(), { name: '外人' });
		// Time is an input: a week before the meeting, whatever today is.
		setClock('2027-03-01T02:00:00Z');
		const startsAt = '2027-03-08T01:30:00.000Z';
		const id = await newMeeting(db(), { createdBy: planner.id, startsAt });
		for (const u of [me, boss, other]) await addParticipant(db(), id, u.id);
		return { planner, me, boss, other, deputy, outsider, id };
	}

	it('reads only the participant’s own row, and a deputy the rows of those they go for', async () => {
		const w = await world();
		await replyToMeeting(db(), w.boss.actor, w.id, {
			reply: 'deputy',
			reason: '',
			deputyId: String(w.deputy.id)
		});
		const all = await listParticipants(db(), w.id);
		// As the page reads them (nested in one statement): the whole list as the plain read
		// gives it (the reply's time included), and for one person the same rows as the whole
		// list holds for them, and no one else's.
		const read = async (userId?: number) =>
			(await readTogether(db(), { p: participantsRead(db(), w.id, userId) })).p.map(toParticipant);
		expect(await read()).toEqual(all);
		expect(all.find((p) => p.userId === w.boss.id)?.repliedAt).toMatch(/Z$/);
		expect(await read(w.me.id)).toEqual(all.filter((p) => p.userId === w.me.id));
		expect(await read(w.deputy.id)).toEqual(all.filter((p) => p.userId === w.boss.id));
		expect(await read(w.outsider.id)).toEqual([]);

		const detail = await getMeetingDetail(db(), w.me.actor, w.id);
		expect(detail.mine?.userId).toBe(w.me.id);
		expect(detail.deputyFor).toEqual([]);
		expect(detail.participants).toEqual([]);
		expect(JSON.stringify(detail)).not.toContain('周红');
		const asDeputy = await getMeetingDetail(db(), w.deputy.actor, w.id);
		expect(asDeputy.mine).toBeNull();
		expect(asDeputy.deputyFor.map((p) => p.userId)).toEqual([w.boss.id]);
		// Those who manage the meeting still see everyone.
		const managed = await getMeetingDetail(db(), w.planner.actor, w.id);
		expect(managed.participants.map((p) => p.userId).sort()).toEqual(
			[w.me.id, w.boss.id, w.other.id].sort()
		);
		expect(managed.mine).toBeNull();
	});

	it('answers not found to someone on neither list', async () => {
		const w = await world();
		await expect(getMeetingDetail(db(), w.outsider.actor, w.id)).rejects.toThrow('not found');
	});
});
