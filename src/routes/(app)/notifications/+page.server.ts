import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http';
import {
	markMyNotificationsRead,
	myNotifications
} from '$lib/server/notifications/notifications.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	notifications: await myNotifications(getDb(), requireActor(event))
});

export const actions: Actions = {
	readAll: formAction((actor) => markMyNotificationsRead(getDb(), actor, 'all'))
};
