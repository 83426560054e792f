import { getDb } from '$lib/server/db';
import { formAction, orHttpError, requireActor } from '$lib/server/http';
import { loadPlanPage } from '$lib/server/seating/seating.query';
import {
	addGuest,
	arrangePlan,
	placePerson,
	removeGuest,
	setSeatLock,
	setupPlan,
	swapPlanSeats
} from '$lib/server/seating/seating.service';
import type { Actor } from '$lib/server/actor';
import { layoutFieldsOf, layoutFromFields } from '$lib/components/seating/layout-form';
import { meetingIdOf } from '../../params';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	// The taken seats travel as the database wrote them (compact.ts); the browser works out
	// what each seat shows when it draws the map.
	return orHttpError(loadPlanPage(getDb(), actor, meetingIdOf(event.params)));
};

/** A form action on this meeting's plan: the service gets the meeting's id, the shown version and the form. */
function act(
	work: (actor: Actor, id: number, version: number, form: FormData) => Promise<unknown>
) {
	return formAction((actor, form, event: RequestEvent) =>
		work(actor, meetingIdOf(event.params), Number(form.get('version')), form)
	);
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
	setup: formAction((actor, form, event: RequestEvent) => {
		const version = text(form, 'version');
		const source = text(form, 'source');
		return setupPlan(getDb(), actor, meetingIdOf(event.params), {
			version: version === '' ? null : version,
			...(source === 'template'
				? { templateId: text(form, 'templateId') }
				: { layout: layoutFromFields(layoutFieldsOf(form)) }),
			convention: text(form, 'convention'),
			pair: text(form, 'pair'),
			floorOrder: text(form, 'floorOrder'),
			excusedMode: text(form, 'excusedMode'),
			seatStaff: form.get('seatStaff') === 'on'
		});
	}),
	arrange: act((actor, id, version) => arrangePlan(getDb(), actor, id, version)),
	swap: act((actor, id, version, f) =>
		swapPlanSeats(
			getDb(),
			actor,
			id,
			version,
			text(f, 'a').toUpperCase(),
			text(f, 'b').toUpperCase()
		)
	),
	lock: act((actor, id, version, f) =>
		setSeatLock(getDb(), actor, id, version, text(f, 'seat'), f.get('locked') === 'true')
	),
	guestAdd: act((actor, id, version, f) =>
		addGuest(getDb(), actor, id, {
			version,
			name: text(f, 'name'),
			title: text(f, 'title'),
			rank: text(f, 'rank')
		})
	),
	guestRemove: act((actor, id, version, f) =>
		removeGuest(getDb(), actor, id, version, Number(f.get('guestId')))
	),
	place: act((actor, id, version, f) =>
		placePerson(
			getDb(),
			actor,
			id,
			version,
			Number(f.get('participantId')),
			text(f, 'seat').toUpperCase() || null
		)
	)
};
