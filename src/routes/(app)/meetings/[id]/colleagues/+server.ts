import { json } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { orHttpError } from '$lib/server/http';
import { deputyCandidates } from '$lib/server/meetings/colleagues.query';
import { meetingIdOf } from '../../params';
import type { RequestHandler } from './$types';

/** The deputy picker's colleagues (JSON), loaded by the reply panel when 代会 is chosen. */
export const GET: RequestHandler = async (event) => {
	// A fetch from the page wants a status it can act on, not the login page's HTML.
	const actor = event.locals.actor;
	if (!actor) return json({ message: m.calendar_err_login() }, { status: 401 });
	const colleagues = await orHttpError(deputyCandidates(getDb(), actor, meetingIdOf(event.params)));
	return json(colleagues, { headers: { 'cache-control': 'private, no-store' } });
};
