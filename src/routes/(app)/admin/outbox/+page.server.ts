import { getDb } from '$lib/server/db';
import { formAction, orHttpError, pageNumber, recordId, requireActor } from '$lib/server/http';
import { listOutbox, OUTBOX_STATUSES, retryMail } from '$lib/server/mail/outbox';
import { calendarRepliesView, pollNow } from '$lib/server/mail/calendar-replies.service';
import { smtpUrl } from '$lib/server/mail/transport';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const raw = event.url.searchParams.get('status') ?? '';
	const status = OUTBOX_STATUSES.find((s) => s === raw) ?? '';
	const page = pageNumber(event.url);
	const result = await orHttpError(
		listOutbox(getDb(), actor, { status: status || undefined, page, pageSize: PAGE_SIZE })
	);
	return {
		...result,
		status,
		page,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
		// Whether mail can leave at all; the URL itself (with its password) never reaches the page.
		configured: smtpUrl() !== undefined,
		replies: await orHttpError(calendarRepliesView(getDb(), actor))
	};
};

export const actions: Actions = {
	retry: formAction((actor, form) => retryMail(getDb(), actor, recordId(form.get('id')))),
	// 立即收取: one poll of the calendar replies' mailbox now.
	poll: formAction((actor) => pollNow(getDb(), actor))
};
