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
import { loadPlanPage } from '$lib/server/seating/seating.query';
import { seatsOf, type Seat } from '$lib/domain/seating';
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
	const plan = await orHttpError(loadPlanPage(db, actor, id));
	const seatOf = new Map(plan.plan ? seatsOf(plan.plan.layout).map((s) => [s.key, s]) : []);
	const seats: Record<number, Seat> = {};
	for (const p of plan.placements) {
		const seat = seatOf.get(p.seat);
		if (seat && !p.isReservedEmpty) seats[p.userId] = seat;
	}
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
