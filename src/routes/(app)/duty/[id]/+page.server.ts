import { getDb } from '$lib/server/db';
import { formAction, formInput, idParam, orHttpError, requireActor } from '$lib/server/http';
import { markLinkRead } from '$lib/server/notifications/notifications.service';
import { assignSlot, generatePeriodRoster, publishPeriod } from '$lib/server/duty/roster.service';
import { getRoster, slotCandidates } from '$lib/server/duty/roster.query';
import { rosterRows } from '$lib/server/duty/roster.export';
import { assignSchema } from '$lib/server/duty/roster.schema';
import { getSettings } from '$lib/server/settings/settings.service';
import type { Actions, PageServerLoad } from './$types';

const periodIdOf = (params: { id: string }) => idParam(params.id);

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const roster = await orHttpError(getRoster(db, actor, periodIdOf(event.params)));
	await markLinkRead(db, actor, `/duty/${roster.period.id}`);
	// The slot being edited (?slot=ID): its candidates with loads and conflicts.
	const slotId = Number(event.url.searchParams.get('slot'));
	const slot = roster.assignments.find((a) => a.id === slotId);
	const editing =
		roster.canManage && slotId
			? {
					id: slotId,
					// The editor opens on the person who holds the slot now.
					current: { userId: slot?.userId ?? null, name: slot?.userName ?? null },
					candidates: await orHttpError(slotCandidates(db, actor, slotId))
				}
			: null;
	const { timeZone } = await getSettings(db);
	const rows = rosterRows(roster.assignments, roster.shifts, roster.days).map((r) => ({
		...r,
		slots: roster.assignments.filter((a) => a.date === r.date && a.shiftId === r.shiftId)
	}));
	const mine = roster.assignments.filter((a) => a.userId === actor.id);
	return {
		period: roster.period,
		shifts: roster.shifts,
		canManage: roster.canManage,
		report: roster.report,
		confirm: roster.confirm,
		rows,
		onLeave: roster.onLeave,
		mine,
		editing,
		timeZone,
		me: actor.id
	};
};

export const actions: Actions = {
	generate: formAction((actor, _f, event) =>
		generatePeriodRoster(getDb(), actor, periodIdOf(event.params))
	),
	publish: formAction((actor, _f, event) =>
		publishPeriod(getDb(), actor, periodIdOf(event.params))
	),
	assign: formAction((actor, f) => assignSlot(getDb(), actor, formInput(f, assignSchema)))
};
