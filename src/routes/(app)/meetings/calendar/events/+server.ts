import { json } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { instantToZonedDate } from '$lib/domain/zoned-time';
import { getDb } from '$lib/server/db';
import { ForbiddenError, ValidationError } from '$lib/server/errors';
import { calendarEvents, holidayBackgroundEvents } from '$lib/server/meetings/calendar.service';
import { getSettings } from '$lib/server/settings/settings.service';
import { deadlineCalendarEvents } from '$lib/server/supervision/supervision.query';
import { leaveCalendarEvents } from '$lib/server/leave/calendar.query';
import type { RequestHandler } from './$types';

/** FullCalendar's JSON feed: meetings of one scope plus the holiday backdrop, start..end. */
export const GET: RequestHandler = async ({ locals, url }) => {
	// A fetch from the page wants a status it can act on, not the login page's HTML.
	if (!locals.actor) return json({ message: m.calendar_err_login() }, { status: 401 });
	const param = (k: string) => url.searchParams.get(k) ?? '';
	const roomId = Number(param('roomId')) || null;
	const db = getDb();
	try {
		const from = param('start');
		const to = param('end');
		const meetings = await calendarEvents(db, locals.actor, {
			scope: param('scope'),
			roomId,
			from,
			to
		});
		const { timeZone } = await getSettings(db);
		const holidays = await holidayBackgroundEvents(
			db,
			instantToZonedDate(from, timeZone),
			instantToZonedDate(to, timeZone)
		);
		// 督办: the deadlines of items the person must answer, as all-day entries (not per room).
		const deadlines =
			param('scope') === 'room'
				? []
				: await deadlineCalendarEvents(
						db,
						locals.actor,
						instantToZonedDate(from, timeZone),
						instantToZonedDate(to, timeZone)
					);
		// 请假: the person's own approved leave, as all-day entries (never anyone else's).
		const leave =
			param('scope') === 'room'
				? []
				: await leaveCalendarEvents(
						db,
						locals.actor,
						instantToZonedDate(from, timeZone),
						instantToZonedDate(to, timeZone)
					);
		return json([...holidays, ...meetings, ...deadlines, ...leave]);
	} catch (e) {
		if (e instanceof ValidationError)
			return json({ message: e.message, errors: e.fields }, { status: 400 });
		if (e instanceof ForbiddenError) return json({ message: m.error_forbidden() }, { status: 403 });
		throw e;
	}
};
