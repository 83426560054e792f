import { expect, it } from 'vitest';
import { setClock } from '../clock';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import { deputyCandidates } from './colleagues.query';
import { getMeetingDetail } from './meetings.query';

describeEachDialect('deputy picker', ({ db }) => {
	async function world() {
		const own = await newDepartment(db(), { name: '办公室' });
		const other = await newDepartment(db(), { name: '财务科' });
		const planner = await newUser(db(), { roles: ['office'], departmentId: own });
		const me = await newUser(db(), { name: '孙明', departmentId: other });
		const mate = await newUser(db(), { name: '周红', departmentId: other });
		const far = await newUser(db(), { name: '林海', departmentId: own });
		const gone = await newUser(db(), { name: '离职', departmentId: other, isActive: false });
		const outsider = await newUser(db(), { name: '外人', departmentId: own });
		// Time is an input: a week before the meeting, whatever today is.
		setClock('2027-03-01T02:00:00Z');
		const startsAt = '2027-03-08T01:30:00.000Z';
		const id = await newMeeting(db(), { createdBy: planner.id, startsAt });
		await addParticipant(db(), id, me.id);
		return { me, mate, far, gone, outsider, id };
	}

	it('lists active colleagues, my department first, only when asked for', async () => {
		const w = await world();
		const list = await deputyCandidates(db(), w.me.actor, w.id);
		const ids = list.map((c) => c.id);
		expect(ids[0]).toBe(w.mate.id);
		expect(ids).toContain(w.far.id);
		expect(ids).not.toContain(w.me.id);
		expect(ids).not.toContain(w.gone.id);
		expect(list[0]).toEqual({
			id: w.mate.id,
			name: '周红',
			title: expect.any(String),
			department: '财务科',
			initials: 'zh' // for the picker's search, so the browser needs no pinyin dictionary
		});
		// The detail page itself carries no list of the whole office, and no e-mail addresses.
		const detail = await getMeetingDetail(db(), w.me.actor, w.id);
		expect(JSON.stringify(detail)).not.toContain('林海');
		expect(detail.mine).not.toHaveProperty('email');
	});

	it('answers not found to someone who may not see the meeting', async () => {
		const w = await world();
		await expect(deputyCandidates(db(), w.outsider.actor, w.id)).rejects.toThrow('not found');
		await expect(deputyCandidates(db(), w.me.actor, w.id + 999)).rejects.toThrow('not found');
	});
});
