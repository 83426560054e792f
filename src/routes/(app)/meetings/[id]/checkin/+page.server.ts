import QRCode from 'qrcode';
import { checkinWindow } from '$lib/domain/attendance';
import { getDb } from '$lib/server/db';
import { formAction, formInput, idParam, orHttpError, requireActor } from '$lib/server/http';
import { checkInTarget, manualCheckInSchema } from '$lib/server/checkin/checkin.schema';
import {
	getOrCreateCheckinCode,
	manualCheckIn,
	meetingAttendance
} from '$lib/server/checkin/checkin.service';
import { now } from '$lib/server/clock';
import { seatsOfPeople } from '$lib/server/seating/seating.query';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function idOf(params: { id: string }): number {
	return idParam(params.id);
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
	// Each person's seat (座位 column) once the meeting has a seating plan.
	const seats = await orHttpError(seatsOfPeople(db, actor, id));
	return { ...attendance, url, qrSvg, seats, window: checkinWindow(attendance.meeting, now()) };
};

function tick(undo: boolean) {
	return formAction((actor, form, event: RequestEvent) => {
		const userId = checkInTarget(formInput(form, manualCheckInSchema));
		return manualCheckIn(getDb(), actor, idOf(event.params), userId, undo);
	});
}

export const actions: Actions = {
	checkin: tick(false),
	undo: tick(true)
};
