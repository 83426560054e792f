import { instantToZonedDate, instantToZonedTime } from '$lib/domain/zoned-time';
import { getDb } from '$lib/server/db';
import { acknowledgeHandover, writeHandover } from '$lib/server/duty/handover.service';
import { getShiftLog } from '$lib/server/duty/log.query';
import { addLogEntry } from '$lib/server/duty/log.service';
import { actionFailure, formToObject, orHttpError, requireActor } from '$lib/server/http';
import { markLinkRead } from '$lib/server/notifications/notifications.service';
import { getSettings } from '$lib/server/settings/settings.service';
import { dateParam, idParam } from '../../params';
import * as clock from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

function instanceOf(params: { id: string; shiftId: string; date: string }) {
	return {
		periodId: idParam(params.id),
		shiftId: idParam(params.shiftId),
		date: dateParam(params.date)
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const at = instanceOf(event.params);
	const log = await orHttpError(getShiftLog(db, actor, at.periodId, at.shiftId, at.date));
	await markLinkRead(db, actor, event.url.pathname);
	// The entry form starts at "now" while the shift is on, else at the start of the shift.
	const { timeZone } = await getSettings(db);
	const now = clock.now().getTime();
	const on = now >= Date.parse(log.shift.startsAt) && now <= Date.parse(log.shift.endsAt);
	const start = on ? new Date(now).toISOString() : log.shift.startsAt;
	return {
		...log,
		defaults: {
			date: instantToZonedDate(start, timeZone),
			time: on ? instantToZonedTime(start, timeZone) : ''
		}
	};
};

type Work = (
	actor: ReturnType<typeof requireActor>,
	at: ReturnType<typeof instanceOf>,
	values: Record<string, unknown>
) => Promise<unknown>;

function act(done: string, work: Work) {
	return async (event: Parameters<Actions[string]>[0]) => {
		const actor = requireActor(event);
		const values = formToObject(await event.request.formData());
		try {
			await work(actor, instanceOf(event.params), values);
			return { done };
		} catch (e) {
			return actionFailure(e, { ...values, _form: done });
		}
	};
}

export const actions: Actions = {
	add: act('add', (actor, at, v) => addLogEntry(getDb(), actor, { ...v, ...at })),
	handover: act('handover', (actor, at, v) => writeHandover(getDb(), actor, { ...v, ...at })),
	acknowledge: act('acknowledge', (actor, _at, v) =>
		acknowledgeHandover(getDb(), actor, { shiftId: v.shiftId, date: v.date })
	)
};
