import { getDb } from '$lib/server/db';
import { getPeriodSetup } from '$lib/server/duty/periods.query';
import {
	deleteShift,
	saveShift,
	updatePeriodDay,
	updatePeriodDetails,
	useDayAndNightShifts
} from '$lib/server/duty/periods.service';
import { periodDaySchema, periodDetailsSchema, shiftSchema } from '$lib/server/duty/periods.schema';
import {
	addExemption,
	addToPool,
	removeExemption,
	removeFromPool
} from '$lib/server/duty/pools.service';
import { exemptionSchema, poolSchema } from '$lib/server/duty/roster.schema';
import {
	formAction,
	formInput,
	idParam,
	orHttpError,
	recordId,
	requireActor
} from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const setup = await orHttpError(getPeriodSetup(getDb(), actor, idParam(event.params.id)));
	const shiftId = Number(event.url.searchParams.get('shift'));
	return { ...setup, editingShift: setup.shifts.find((s) => s.id === shiftId) ?? null };
};

const periodOf = (event: { params: { id: string } }) => idParam(event.params.id);
const role = (f: FormData) => (f.get('role') === 'leader' ? 'leader' : 'officer');

export const actions: Actions = {
	details: formAction((actor, f, e) =>
		updatePeriodDetails(getDb(), actor, periodOf(e), formInput(f, periodDetailsSchema))
	),
	day: formAction((actor, f, e) =>
		updatePeriodDay(getDb(), actor, periodOf(e), formInput(f, periodDaySchema))
	),
	shift: formAction((actor, f, e) =>
		saveShift(getDb(), actor, periodOf(e), formInput(f, shiftSchema))
	),
	deleteShift: formAction((actor, f, e) =>
		deleteShift(getDb(), actor, periodOf(e), recordId(f.get('shiftId')))
	),
	dayAndNight: formAction((actor, _f, e) => useDayAndNightShifts(getDb(), actor, periodOf(e))),
	addPool: formAction((actor, f, e) =>
		addToPool(getDb(), actor, periodOf(e), formInput(f, poolSchema))
	),
	removePool: formAction((actor, f, e) =>
		removeFromPool(getDb(), actor, periodOf(e), role(f), recordId(f.get('userId')))
	),
	exempt: formAction((actor, f, e) =>
		addExemption(getDb(), actor, periodOf(e), formInput(f, exemptionSchema))
	),
	unexempt: formAction((actor, f, e) =>
		removeExemption(getDb(), actor, periodOf(e), recordId(f.get('userId')))
	)
};
