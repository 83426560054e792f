import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import {
	formAction,
	formInput,
	orHttpError,
	queryParams,
	recordId,
	requireActor
} from '$lib/server/http';
import { canKeepStudyRecords } from '$lib/server/permissions';
import { studyEntrySchema } from '$lib/server/study/entries.schema';
import { addStudyEntry, deleteStudyEntry, editStudyEntry } from '$lib/server/study/entries.service';
import { myStudy } from '$lib/server/study/study.query';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const q = queryParams(event.url);
	if (!canKeepStudyRecords(actor)) return { mine: null, editing: null };
	const mine = await orHttpError(myStudy(getDb(), actor, q.page()));
	const editId = q.id('edit');
	const editing = mine.entries.find((e) => e.id === editId && e.canChange) ?? null;
	return { mine, editing };
};

export const actions: Actions = {
	add: formAction(async (actor, form) => {
		const input = formInput(form, studyEntrySchema);
		await addStudyEntry(getDb(), actor, input);
		return { hours: Number(input.hours) };
	}),
	edit: formAction(async (actor, form) => {
		await editStudyEntry(
			getDb(),
			actor,
			recordId(form.get('id')),
			formInput(form, studyEntrySchema)
		);
		redirect(303, '/study');
	}),
	delete: formAction((actor, form) => deleteStudyEntry(getDb(), actor, recordId(form.get('id'))))
};
