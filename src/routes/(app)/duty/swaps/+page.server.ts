import { canManageDuty } from '$lib/server/permissions';
import { listMySwaps, listPendingApprovals } from '$lib/server/duty/swaps.query';
import { decideSwap, respondToSwap, withdrawSwap } from '$lib/server/duty/swaps.service';
import { getDb } from '$lib/server/db';
import { actionFailure, formToObject, idParam, requireActor } from '$lib/server/http';
import { markLinkRead } from '$lib/server/notifications/notifications.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const [mine, approvals] = await Promise.all([
		listMySwaps(db, actor),
		canManageDuty(actor) ? listPendingApprovals(db, actor) : null
	]);
	await markLinkRead(db, actor, '/duty/swaps');
	return { ...mine, approvals, sent: event.url.searchParams.has('sent') };
};

type Actor = ReturnType<typeof requireActor>;

/** Each action names what it did (for the banner) and which request (to show errors there). */
function act(
	done: (f: FormData) => string,
	work: (actor: Actor, id: number, f: FormData) => Promise<void>
) {
	return async (event: Parameters<Actions[string]>[0]) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const swapId = idParam(String(form.get('swapId') ?? ''));
		try {
			await work(actor, swapId, form);
			return { done: done(form), swapId };
		} catch (e) {
			return actionFailure(e, formToObject(form));
		}
	};
}

export const actions: Actions = {
	respond: act(
		(f) => (f.get('accept') === '1' ? 'accepted' : 'declined'),
		(actor, id, f) => respondToSwap(getDb(), actor, id, f.get('accept') === '1')
	),
	withdraw: act(
		() => 'withdrawn',
		(actor, id) => withdrawSwap(getDb(), actor, id)
	),
	decide: act(
		(f) => (f.get('approve') === '1' ? 'approved' : 'rejected'),
		(actor, id, f) =>
			decideSwap(getDb(), actor, id, f.get('approve') === '1', String(f.get('note') ?? ''))
	)
};
