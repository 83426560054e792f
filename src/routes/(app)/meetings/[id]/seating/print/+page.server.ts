import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { printModel } from '$lib/server/seating/seating.query';
import { meetingIdOf } from '../../../params';
import type { PageServerLoad } from './$types';

const WHAT = ['chart', 'cards', 'list', 'rostrum'] as const;
const PAPER = ['A4', 'A3'] as const;

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = meetingIdOf(event.params);
	const q = event.url.searchParams;
	// An unknown choice in the address falls back to the default sheet rather than failing.
	const what = WHAT.find((w) => w === q.get('what')) ?? 'chart';
	// The chart takes the large sheet by default, the lists an ordinary A4.
	const paper = PAPER.find((p) => p === q.get('paper')) ?? (what === 'chart' ? 'A3' : 'A4');
	const model = await orHttpError(printModel(getDb(), actor, id));
	return { what, paper, model };
};
