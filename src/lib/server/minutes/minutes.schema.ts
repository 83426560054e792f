/**
 * The minutes (纪要) forms as zod schemas: the draft (body and numbered decisions as parallel
 * arrays, one row per decision) and the host's return with a comment. Routes read a posted form
 * by them (`formInput`); the service validates with them whoever calls.
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { optionalDate, optionalId, requiredText, text } from '../fields';

export const MAX_DECISIONS = 50;

/** Co-departments of one decision: ids joined by commas (a picker's hidden field), '' for none. */
const idsText = () =>
	z
		.string()
		.trim()
		.regex(/^(\d{1,10}(,\d{1,10})*)?$/, { error: () => m.err_choose_one() })
		.transform((s) => [...new Set(s ? s.split(',').map(Number) : [])]);

/**
 * The draft: the body and decisions as parallel arrays — `decisionText[i]`,
 * `decisionLeadDepartmentId[i]` ('' for none), `decisionDeadline[i]` ('' for none) and
 * `decisionCoDepartmentIds[i]` (see idsText). Rows whose text is empty are dropped; the rest are
 * numbered 1..n in order (see draftDecisions).
 */
export const minutesDraftSchema = z.object({
	body: text(20000),
	decisionText: z
		.array(text(2000))
		.max(MAX_DECISIONS, { error: () => m.minutes_err_too_many_decisions({ max: MAX_DECISIONS }) })
		.default([]),
	decisionLeadDepartmentId: z.array(optionalId()).default([]),
	decisionDeadline: z.array(optionalDate()).default([]),
	decisionCoDepartmentIds: z.array(idsText()).default([])
});
export type MinutesDraftInput = z.input<typeof minutesDraftSchema>;

/** The host returns the minutes to the drafter; the comment says what to change. */
export const minutesReturnSchema = z.object({
	comment: requiredText(1000)
});
export type MinutesReturnInput = z.input<typeof minutesReturnSchema>;

/** One decision as the service stores it. */
export interface DecisionDraft {
	seq: number;
	text: string;
	leadDepartmentId: number | null;
	coDepartmentIds: number[];
	deadline: string | null;
}

/** The decisions of a parsed draft: rows with text, numbered 1..n; a lead is no co-department. */
export function draftDecisions(d: z.output<typeof minutesDraftSchema>): DecisionDraft[] {
	const out: DecisionDraft[] = [];
	d.decisionText.forEach((t, i) => {
		if (!t) return;
		const lead = d.decisionLeadDepartmentId[i] ?? null;
		out.push({
			seq: out.length + 1,
			text: t,
			leadDepartmentId: lead,
			coDepartmentIds: (d.decisionCoDepartmentIds[i] ?? []).filter((id) => id !== lead),
			deadline: d.decisionDeadline[i] || null
		});
	});
	return out;
}
