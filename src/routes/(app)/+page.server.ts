import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { myMeetingDashboard } from '$lib/server/meetings/home.query';
import { myUpcomingShifts } from '$lib/server/duty/roster.query';
import { getSettings } from '$lib/server/settings/settings.service';
import { myItems } from '$lib/server/supervision/supervision.query';
import { myStudyProgress } from '$lib/server/study/study.query';
import { inboxCard } from '$lib/server/approval/approval.query';
import { officeDate } from '$lib/server/settings/settings.service';
import { now } from '$lib/server/clock';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const { timeZone } = await getSettings(db);
	const [dashboard, duty, supervision] = await Promise.all([
		myMeetingDashboard(db, actor, timeZone),
		myUpcomingShifts(db, actor, 3),
		myItems(db, actor, { limit: 100, at: event.locals })
	]);
	// 工作台: the 督办 items I must answer, overdue first (the first five, and how many).
	const supervisionItems = {
		top: supervision.items.slice(0, 5),
		count: supervision.items.length
	};
	// 工作台: 我的学习 — my progress against the study targets this month and year.
	const studyProgress = await myStudyProgress(db, actor);
	// 工作台: 待审批 — only for those who approve something (or have steps waiting).
	const approvals = await inboxCard(db, actor, await officeDate(db, now()));
	return { dashboard, duty, supervisionItems, studyProgress, approvals };
};
