import * as m from '$lib/paraglide/messages';
import type { Classification, MeetingPhase, ParticipantRole } from '$lib/domain/meetings';

export function classificationLabel(c: Classification): string {
	return {
		none: m.class_none(),
		internal: m.class_internal(),
		secret: m.class_secret(),
		confidential: m.class_confidential()
	}[c];
}

export function phaseLabel(p: MeetingPhase): string {
	return {
		draft: m.phase_draft(),
		issued: m.phase_issued(),
		in_progress: m.phase_in_progress(),
		ended: m.phase_ended(),
		cancelled: m.phase_cancelled()
	}[p];
}

export function roleLabel(r: ParticipantRole): string {
	return {
		attendee: m.meeting_role_attendee(),
		observer: m.meeting_role_observer(),
		staff: m.meeting_role_staff()
	}[r];
}

export function replyLabel(r: 'pending' | 'attend' | 'excused' | 'deputy'): string {
	return {
		pending: m.reply_pending(),
		attend: m.reply_attend(),
		excused: m.reply_excused(),
		deputy: m.reply_deputy()
	}[r];
}
