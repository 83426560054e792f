import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import * as m from '$lib/paraglide/messages';
import { checkinWindow } from '$lib/domain/attendance';
import { getDb } from '$lib/server/db';
import { actionFailure, idParam, orHttpError, requireActor } from '$lib/server/http';
import {
	getOrCreateCheckinCode,
	manualCheckIn,
	meetingAttendance
} from '$lib/server/checkin/checkin.service';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function idOf(params: { id: string }): number {
	const id = idParam(params.id);
	return id;
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = idOf(event.params);
	const db = getDb();
	const code = await orHttpError(getOrCreateCheckinCode(db, actor, id));
	const attendance = await orHttpError(meetingAttendance(db, actor, id));
	const url = `${event.url.origin}/checkin/${code}`;
	// SVG prints sharp at any size; level M survives a smudged or creased print-out.
	const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	return { ...attendance, url, qrSvg, window: checkinWindow(attendance.meeting, now()) };
};

async function tick(event: RequestEvent, undo: boolean) {
	const actor = requireActor(event);
	const userId = Number((await event.request.formData()).get('userId'));
	if (!Number.isInteger(userId) || userId <= 0) error(404, m.error_not_found());
	try {
		await manualCheckIn(getDb(), actor, idOf(event.params), userId, undo);
	} catch (e) {
		return actionFailure(e);
	}
	return { done: true };
}

export const actions: Actions = {
	checkin: (event) => tick(event, false),
	undo: (event) => tick(event, true)
};
