import { getDb } from '$lib/server/db';
import { formAction, formInput, orHttpError, requireActor } from '$lib/server/http';
import { removeAttachment, uploadAttachment } from '$lib/server/meetings/attachments.service';
import { setLogisticsTask } from '$lib/server/meetings/logistics.service';
import { loadVisibleMeeting } from '$lib/server/meetings/access';
import { getMeetingDetail } from '$lib/server/meetings/meetings.query';
import { cancelMeeting, issueNotice } from '$lib/server/meetings/meetings.service';
import {
	attachmentRemovalSchema,
	cancelSchema,
	logisticsTaskSchema,
	replySchema
} from '$lib/server/meetings/meetings.schema';
import { loadAudience } from '$lib/server/meetings/meetings.notify';
import { tentativeNotes } from '$lib/server/mail/calendar-replies.service';
import { confirmDeputy, replyToMeeting, urgeReplies } from '$lib/server/meetings/replies.service';
import { markLinkRead } from '$lib/server/notifications/notifications.service';
import { getMinutesSummary } from '$lib/server/minutes/minutes.query';
import { minutesSupervision } from '$lib/server/supervision/decisions.query';
import { mySeat } from '$lib/server/seating/seating.query';
import { meetingIdOf } from '../params';
import type { Actor } from '$lib/server/actor';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	// Read and checked once; the details, the minutes block and 我的座位 are given it.
	const meeting = await orHttpError(loadVisibleMeeting(db, actor, meetingIdOf(event.params)));
	const detail = await getMeetingDetail(db, actor, meeting);
	await markLinkRead(db, actor, `/meetings/${detail.meeting.id}`);
	// The reply table's columns only: a hundred rows are rendered and also sent as page data.
	// 暂定 from a calendar client leaves the reply open; the organiser sees the note.
	const tentative = detail.canManage
		? await tentativeNotes(db, detail.meeting.id)
		: new Map<number, { note: string }>();
	const participants = detail.participants.map((p) => ({
		id: p.id,
		name: p.name,
		departmentName: p.departmentName,
		role: p.role,
		reply: p.reply,
		replyReason: p.replyReason,
		repliedAt: p.repliedAt,
		deputyName: p.deputyName,
		tentative: p.reply === 'pending' ? (tentative.get(p.userId)?.note ?? null) : null
	}));
	// How many people 发出通知 / 取消会议 reach, for the confirm step.
	const audience = detail.canManage ? (await loadAudience(db, detail.meeting)).length : 0;
	// The minutes block: only a meeting whose notice went out has minutes.
	const minutes =
		detail.meeting.status === 'issued' ? await getMinutesSummary(db, actor, meeting) : null;
	const minutesItems = await minutesSupervision(db, actor, minutes);
	// 我的座位: where the actor (or the one they go for) sits, once a plan has them.
	const seat = await mySeat(db, actor, meeting);
	return {
		...detail,
		participants,
		audience,
		minutes,
		minutesItems,
		seat,
		saved: event.url.searchParams.has('saved')
	};
};

/** A form action on this meeting: the service gets the actor, the meeting's id and the form. */
function act(work: (actor: Actor, id: number, form: FormData) => Promise<unknown>) {
	return formAction((actor, form, event: RequestEvent) =>
		work(actor, meetingIdOf(event.params), form)
	);
}

export const actions: Actions = {
	issue: act((actor, id) => issueNotice(getDb(), actor, id)),
	cancel: act((actor, id, f) => cancelMeeting(getDb(), actor, id, formInput(f, cancelSchema))),
	urge: act((actor, id) => urgeReplies(getDb(), actor, id)),
	reply: act((actor, id, f) => replyToMeeting(getDb(), actor, id, formInput(f, replySchema))),
	confirm: act((actor, id) => confirmDeputy(getDb(), actor, id)),
	upload: act(async (actor, id, f) => {
		const file = f.get('file');
		const bytes = file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
		const name = file instanceof File ? file.name : '';
		const type = file instanceof File ? file.type : '';
		return uploadAttachment(getDb(), actor, id, { name, type, bytes });
	}),
	removeAttachment: act((actor, id, f) =>
		removeAttachment(getDb(), actor, id, formInput(f, attachmentRemovalSchema))
	),
	logistics: act((actor, id, f) =>
		setLogisticsTask(getDb(), actor, id, formInput(f, logisticsTaskSchema))
	)
};
