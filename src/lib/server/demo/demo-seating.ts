import type { HallLayout } from '$lib/domain/seating';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { arrangePlan, setupPlan } from '../seating/seating.service';
import { saveTemplate } from '../seating/templates.service';

/** 第一会议室's template: a rostrum of seven before three rows of two blocks of six. */
export const DEMO_HALL: HallLayout = {
	kind: 'hall',
	rostrum: [7],
	floor: { rows: 3, blocks: [6, 6] }
};

/**
 * A seated plan for the screenshots: the next 局务会议 (leaders and department heads, in
 * 第一会议室) gets the room's template, 以左为上, arranged through the seating service.
 */
export async function loadDemoSeating(
	trx: DB,
	actor: Actor,
	upcoming: { id: number; title: string; roomId: number }[]
): Promise<void> {
	const meeting = upcoming.find((m) => m.title === '局务会议') ?? upcoming[0];
	if (!meeting) return;
	const template = await saveTemplate(trx, actor, {
		roomId: meeting.roomId,
		name: '局务会议（主席台七座）',
		layout: DEMO_HALL
	});
	const plan = await setupPlan(trx, actor, meeting.id, {
		version: null,
		templateId: template.id,
		convention: 'left',
		pair: '12',
		floorOrder: 'department',
		excusedMode: 'empty',
		seatStaff: false
	});
	await arrangePlan(trx, actor, meeting.id, plan.version);
}
