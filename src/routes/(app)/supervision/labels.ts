import * as m from '$lib/paraglide/messages';
import type {
	ExtensionStatus,
	SupervisionColour,
	SupervisionPriority,
	SupervisionSource,
	SupervisionStatus,
	UrgeKind
} from '$lib/domain/supervision';

// Words for the 督办 codes the pages show (status, colour, source, priority, timeline steps).

export function statusLabel(s: SupervisionStatus): string {
	return {
		registered: m.sup_view_status_registered,
		assigned: m.sup_view_status_assigned,
		signed: m.sup_view_status_signed,
		in_progress: m.sup_view_status_in_progress,
		completion_requested: m.sup_view_status_completion_requested,
		closed: m.sup_view_status_closed,
		stopped: m.sup_view_status_stopped
	}[s]();
}

/** The colour in words (never colour alone) and its tag tone. */
export function colourTag(
	c: SupervisionColour,
	item: { status: SupervisionStatus; closedOn: string | null; deadline: string }
): { label: string; tone: string } {
	switch (c) {
		case 'normal':
			return { label: m.sup_view_colour_normal(), tone: 'green' };
		case 'blue':
			return { label: m.sup_view_colour_blue(), tone: 'blue' };
		case 'yellow':
			return { label: m.sup_view_colour_yellow(), tone: 'orange' };
		case 'red':
			return { label: m.sup_view_colour_red(), tone: 'red' };
		case 'none':
			if (item.status === 'stopped') return { label: m.sup_view_status_stopped(), tone: '' };
			return item.closedOn !== null && item.closedOn <= item.deadline
				? { label: m.sup_view_closed_on_time(), tone: 'green' }
				: { label: m.sup_view_closed_late(), tone: 'orange' };
	}
}

export function colourFilterLabel(c: SupervisionColour): string {
	return {
		normal: m.sup_view_colour_normal,
		blue: m.sup_view_colour_blue,
		yellow: m.sup_view_colour_yellow,
		red: m.sup_view_colour_red,
		none: m.sup_view_colour_none
	}[c]();
}

export function sourceLabel(s: SupervisionSource): string {
	return {
		decision: m.sup_view_source_decision,
		instruction: m.sup_view_source_instruction,
		key_task: m.sup_view_source_key_task,
		manual: m.sup_view_source_manual
	}[s]();
}

export function priorityLabel(p: SupervisionPriority): string {
	return {
		normal: m.sup_view_priority_normal,
		important: m.sup_view_priority_important,
		urgent: m.sup_view_priority_urgent
	}[p]();
}

export function extensionStatusLabel(s: ExtensionStatus): string {
	return {
		pending: m.sup_view_ext_pending,
		approved: m.sup_view_ext_approved,
		refused: m.sup_view_ext_refused
	}[s]();
}

export function urgeKindLabel(k: UrgeKind): string {
	return {
		before: m.sup_view_urge_before,
		due: m.sup_view_urge_due,
		overdue: m.sup_view_urge_overdue,
		cycle: m.sup_view_urge_cycle,
		milestone: m.sup_view_urge_milestone,
		manual: m.sup_view_urge_manual
	}[k]();
}

const EVENT_LABELS: Record<string, () => string> = {
	register: m.sup_view_event_register,
	update: m.sup_view_event_update,
	assign: m.sup_view_event_assign,
	sign: m.sup_view_event_sign,
	feedback: m.sup_view_event_feedback,
	task: m.sup_view_event_task,
	task_done: m.sup_view_event_task_done,
	milestone: m.sup_view_event_milestone,
	milestone_done: m.sup_view_event_milestone_done,
	request_close: m.sup_view_event_request_close,
	close: m.sup_view_event_close,
	return: m.sup_view_event_return,
	extension_request: m.sup_view_event_extension_request,
	extension_approve: m.sup_view_event_extension_approve,
	extension_refuse: m.sup_view_event_extension_refuse,
	urge: m.sup_view_event_urge,
	stop: m.sup_view_event_stop
};

export function eventLabel(kind: string): string {
	return EVENT_LABELS[kind]?.() ?? kind;
}
