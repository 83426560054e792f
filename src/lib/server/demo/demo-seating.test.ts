import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { loadPlanPage } from '../seating/seating.query';
import { listTemplates } from '../seating/templates.service';
import { placementsOf, seatingWorld } from '../seating/seating.test-helpers';
import { DEMO_HALL, loadDemoSeating } from './demo-seating';

describeEachDialect('demo seating', (ctx) => {
	it('seats the next 局务会议 on its room’s template, with a rostrum', async () => {
		const db = ctx.db();
		const w = await seatingWorld(db);
		await loadDemoSeating(db, w.office.actor, [
			{ id: w.otherMeeting, title: '党组会议', roomId: w.roomId },
			{ id: w.meetingId, title: '局务会议', roomId: w.roomId }
		]);
		expect((await listTemplates(db, w.office.actor, w.roomId))[0].layout).toEqual(DEMO_HALL);
		const page = await loadPlanPage(db, w.office.actor, w.meetingId);
		expect(page.plan?.version).toBe(2);
		expect(placementsOf(page).filter((p) => p.seat.startsWith('R'))).toHaveLength(7);
	});
});
