import type { RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import type { Actor } from '$lib/server/actor';
import {
	formAction,
	formInput,
	idParam,
	orHttpError,
	recordId,
	requireActor
} from '$lib/server/http';
import { departmentPeople, itemPage } from '$lib/server/supervision/supervision.query';
import {
	assignItem,
	closeItem,
	requestCompletion,
	returnItem,
	signItem,
	stopItem
} from '$lib/server/supervision/items.service';
import { completionSchema, reasonSchema } from '$lib/server/supervision/items.schema';
import { decideExtension, requestExtension } from '$lib/server/supervision/extensions.service';
import {
	extensionDecisionSchema,
	extensionRequestSchema
} from '$lib/server/supervision/extensions.schema';
import { addFeedback } from '$lib/server/supervision/feedback.service';
import { feedbackSchema, type FeedbackFile } from '$lib/server/supervision/feedback.schema';
import { addTask, completeTask } from '$lib/server/supervision/tasks.service';
import { taskSchema } from '$lib/server/supervision/tasks.schema';
import { addMilestone, completeMilestone } from '$lib/server/supervision/milestones.service';
import { milestoneSchema } from '$lib/server/supervision/milestones.schema';
import { urgeItem } from '$lib/server/supervision/urging.service';
import { urgeSchema } from '$lib/server/supervision/urging.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = idParam(event.params.id);
	const db = getDb();
	const page = await orHttpError(itemPage(db, actor, id, { stamp: event.locals.stamp }));
	// The lead's people, for 分解任务 (only when the viewer may give tasks).
	const people = page.can.task ? await departmentPeople(db, page.item.leadDepartmentId) : [];
	return { ...page, people };
};

/** Files posted in `files` (empty inputs dropped). */
async function postedFiles(form: FormData): Promise<FeedbackFile[]> {
	const out: FeedbackFile[] = [];
	for (const f of form.getAll('files'))
		if (f instanceof File && f.size > 0)
			out.push({ name: f.name, type: f.type, bytes: Buffer.from(await f.arrayBuffer()) });
	return out;
}

function act(work: (actor: Actor, id: number, form: FormData) => Promise<unknown>) {
	return formAction((actor, form, event: RequestEvent) =>
		work(actor, idParam(event.params.id), form)
	);
}

export const actions: Actions = {
	assign: act((actor, id) => assignItem(getDb(), actor, id)),
	sign: act((actor, id) => signItem(getDb(), actor, id)),
	feedback: act(async (actor, id, f) =>
		addFeedback(getDb(), actor, id, formInput(f, feedbackSchema), await postedFiles(f))
	),
	task: act((actor, id, f) => addTask(getDb(), actor, id, formInput(f, taskSchema))),
	taskDone: act((actor, id, f) => completeTask(getDb(), actor, id, recordId(f.get('taskId')))),
	milestone: act((actor, id, f) => addMilestone(getDb(), actor, id, formInput(f, milestoneSchema))),
	milestoneDone: act((actor, id, f) =>
		completeMilestone(getDb(), actor, id, recordId(f.get('milestoneId')))
	),
	extension: act((actor, id, f) =>
		requestExtension(getDb(), actor, id, formInput(f, extensionRequestSchema))
	),
	decideExtension: act((actor, id, f) =>
		decideExtension(getDb(), actor, id, formInput(f, extensionDecisionSchema))
	),
	complete: act((actor, id, f) =>
		requestCompletion(getDb(), actor, id, formInput(f, completionSchema))
	),
	close: act((actor, id) => closeItem(getDb(), actor, id)),
	return: act((actor, id, f) => returnItem(getDb(), actor, id, formInput(f, reasonSchema))),
	urge: act((actor, id, f) => urgeItem(getDb(), actor, id, formInput(f, urgeSchema))),
	stop: act((actor, id, f) => stopItem(getDb(), actor, id, formInput(f, reasonSchema)))
};
