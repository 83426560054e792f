import { canManageDuty } from '$lib/server/permissions';
import { listMySwaps, listPendingApprovals } from '$lib/server/duty/swaps.query';
import { decideSwap, respondToSwap, withdrawSwap } from '$lib/server/duty/swaps.service';
import { swapDecisionSchema } from '$lib/server/duty/swaps.schema';
import { getDb } from '$lib/server/db';
import { formAction, formInput, recordId, requireActor } from '$lib/server/http';
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

// Each action's result names what it did (for the banner); a refusal comes back with the
// posted swapId, so the page shows it on that request's row.
export const actions: Actions = {
	respond: formAction(async (actor, f) => {
		const accept = f.get('accept') === '1';
		await respondToSwap(getDb(), actor, recordId(f.get('swapId')), accept);
		return accept ? 'accepted' : 'declined';
	}),
	withdraw: formAction(async (actor, f) => {
		await withdrawSwap(getDb(), actor, recordId(f.get('swapId')));
		return 'withdrawn';
	}),
	decide: formAction(async (actor, f) => {
		const { approve, note } = formInput(f, swapDecisionSchema);
		const approved = approve === '1';
		await decideSwap(getDb(), actor, recordId(f.get('swapId')), approved, String(note ?? ''));
		return approved ? 'approved' : 'rejected';
	})
};
