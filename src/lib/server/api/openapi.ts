/**
 * The OpenAPI 3.1 document of /api/v1, said once: the response schemas by hand (what views.ts
 * hands out, with no other fields), the request bodies from the services' own zod schemas
 * (`z.toJSONSchema`), so the documented rules are the ones enforced. Served at
 * /api/v1/openapi.json and rendered as the reference page /api/docs.
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { CLASSIFICATIONS, PARTICIPANT_ROLES } from '$lib/domain/meetings';
import { DUTY_ROLES } from '$lib/domain/duty-terms';
import { LEAVE_TYPES } from '$lib/domain/leave';
import {
	SUPERVISION_PRIORITIES,
	SUPERVISION_SOURCES,
	SUPERVISION_STATUSES
} from '$lib/domain/supervision';
import { cancelSchema, meetingPlanSchema, replySchema } from '../meetings/meetings.schema';
import { feedbackSchema } from '../supervision/feedback.schema';
import { leaveRequestSchema } from '../leave/requests.schema';
import { PROBLEM_KINDS, PROBLEM_TYPE, problemType } from './problem';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './http';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const nstr: Schema = { type: ['string', 'null'] };
const int: Schema = { type: 'integer' };
const nint: Schema = { type: ['integer', 'null'] };
const bool: Schema = { type: 'boolean' };
const instant: Schema = { type: 'string', format: 'date-time' };
const ninstant: Schema = { type: ['string', 'null'], format: 'date-time' };
const date: Schema = { type: 'string', format: 'date' };
const ndate: Schema = { type: ['string', 'null'], format: 'date' };
const oneOf = (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] });
const list = (items: Schema): Schema => ({ type: 'array', items });

/** An object with exactly these properties, all present. */
function obj(properties: Record<string, Schema>, optional: string[] = []): Schema {
	return {
		type: 'object',
		properties,
		required: Object.keys(properties).filter((k) => !optional.includes(k)),
		additionalProperties: false
	};
}

const page = (item: string): Schema =>
	obj({ items: list(ref(item)), page: int, per_page: int, total: int });

const meetingSummary = {
	id: int,
	title: str,
	type: str,
	status: oneOf(['draft', 'issued', 'cancelled']),
	phase: oneOf(['draft', 'issued', 'in_progress', 'ended', 'cancelled']),
	startsAt: instant,
	endsAt: instant,
	place: nstr,
	classification: oneOf(CLASSIFICATIONS),
	organiser: nstr,
	host: nstr
};

const itemSummary = {
	id: int,
	number: str,
	title: str,
	source: oneOf(SUPERVISION_SOURCES),
	status: oneOf(SUPERVISION_STATUSES),
	colour: oneOf(['normal', 'blue', 'yellow', 'red', 'none']),
	overdueDays: int,
	deadline: date,
	originalDeadline: date,
	leadDepartmentName: str,
	responsibleName: nstr,
	progress: int,
	priority: oneOf(SUPERVISION_PRIORITIES),
	classification: oneOf(CLASSIFICATIONS),
	closedOn: ndate
};

const period = {
	id: int,
	name: str,
	holidayName: str,
	startDate: date,
	endDate: date,
	phone: str,
	note: str,
	publishedAt: ninstant
};

function schemas(): Record<string, Schema> {
	return {
		Problem: {
			type: 'object',
			properties: {
				type: str,
				title: str,
				status: int,
				detail: str,
				errors: { type: 'object', additionalProperties: str }
			},
			required: ['type', 'title', 'status'],
			additionalProperties: false
		},
		MeetingSummary: obj(meetingSummary),
		Meeting: obj({
			...meetingSummary,
			typeId: int,
			roomId: nint,
			roomName: nstr,
			location: str,
			hostId: nint,
			recorderId: nint,
			recorderName: nstr,
			replyDeadline: ninstant,
			requirements: str,
			contactName: str,
			contactPhone: str,
			sequence: int,
			issuedAt: ninstant,
			cancelledAt: ninstant,
			cancelReason: str,
			agenda: list(obj({ title: str, presenter: str, minutes: int })),
			myReply: { oneOf: [ref('Reply'), { type: 'null' }] },
			canManage: bool
		}),
		MeetingPage: page('MeetingSummary'),
		Reply: obj({
			participantId: int,
			userId: int,
			name: str,
			departmentName: nstr,
			role: oneOf(PARTICIPANT_ROLES),
			reply: oneOf(['pending', 'attend', 'excused', 'deputy']),
			replyReason: str,
			repliedAt: ninstant,
			deputyId: nint,
			deputyName: nstr,
			deputyConfirmedAt: ninstant,
			checkedInAt: ninstant
		}),
		Participants: obj({ items: list(ref('Reply')) }),
		ItemSummary: obj(itemSummary),
		Item: obj({
			...itemSummary,
			requirement: str,
			leadDepartmentId: int,
			coDepartments: list(obj({ id: int, name: str })),
			signDue: ndate,
			createdAt: instant,
			feedback: list(
				obj({
					id: int,
					departmentName: str,
					authorName: str,
					text: str,
					percent: nint,
					at: instant
				})
			),
			canGiveFeedback: bool
		}),
		ItemPage: page('ItemSummary'),
		Roster: obj(period),
		RosterDetail: obj({
			...period,
			shifts: list(obj({ id: int, name: str, startTime: str, endTime: str, isOvernight: bool })),
			assignments: list(
				obj({
					id: int,
					date,
					shiftId: int,
					role: oneOf(DUTY_ROLES),
					position: int,
					userId: nint,
					userName: nstr,
					departmentName: nstr,
					startsAt: instant,
					endsAt: instant
				})
			)
		}),
		RosterPage: page('Roster'),
		Leave: obj({
			id: int,
			applicantId: int,
			type: oneOf(LEAVE_TYPES),
			startDate: date,
			startHalf: oneOf(['am', 'pm']),
			endDate: date,
			endHalf: oneOf(['am', 'pm']),
			days: { type: 'number' },
			reason: str,
			destination: str,
			contact: str,
			coverId: nint,
			status: oneOf(['pending', 'approved', 'sent_back', 'withdrawn', 'cancelled', 'reported']),
			extendsId: nint,
			createdAt: instant,
			approvedAt: ninstant
		}),
		LeavePage: page('Leave'),
		MeetingPlanInput: body(meetingPlanSchema),
		CancelInput: body(cancelSchema),
		ReplyInput: body(replySchema),
		FeedbackInput: body(feedbackSchema),
		LeaveRequestInput: body(leaveRequestSchema)
	};
}

/** A request body's JSON Schema from the service's zod schema, as a client sends it. */
function body(schema: z.ZodType): Schema {
	const s = z.toJSONSchema(schema, {
		io: 'input',
		unrepresentable: 'any',
		target: 'draft-2020-12'
	}) as Schema;
	delete s.$schema;
	return s;
}

// ---- operations ----------------------------------------------------------------------------

interface Param {
	name: string;
	in: 'query' | 'path';
	description: string;
	required?: boolean;
	schema: Schema;
}

const idPath = (): Param => ({
	name: 'id',
	in: 'path',
	required: true,
	description: m.api_param_id(),
	schema: { type: 'integer', minimum: 1 }
});

const paging = (): Param[] => [
	{
		name: 'page',
		in: 'query',
		description: m.api_param_page(),
		schema: { type: 'integer', minimum: 1, default: 1 }
	},
	{
		name: 'per_page',
		in: 'query',
		description: m.api_param_per_page({ max: MAX_PER_PAGE }),
		schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE }
	}
];

const query = (name: string, description: string, schema: Schema): Param => ({
	name,
	in: 'query',
	description,
	schema
});

const problemResponse = (description: string) => ({
	description,
	content: { [PROBLEM_TYPE]: { schema: ref('Problem') } }
});

function refusals(o: { id?: boolean; input?: boolean; write?: boolean; body?: boolean }) {
	return {
		...(o.input ? { '400': problemResponse(m.api_resp_400()) } : {}),
		'401': problemResponse(m.api_resp_401()),
		'403': problemResponse(o.write ? m.api_resp_403_write() : m.api_resp_403()),
		...(o.id ? { '404': problemResponse(m.api_resp_404()) } : {}),
		...(o.body
			? {
					'413': problemResponse(m.api_problem_too_large()),
					'415': problemResponse(m.api_resp_415())
				}
			: {}),
		'429': problemResponse(m.api_resp_429())
	};
}

const ok = (schema: string, description = m.api_resp_200()) => ({
	description,
	content: { 'application/json': { schema: ref(schema) } }
});

function operation(o: {
	id: string;
	tag: string;
	summary: string;
	parameters?: Param[];
	body?: string;
	status?: '200' | '201';
	response: string;
	pathId?: boolean;
	input?: boolean;
	/** A command without a body (issue): a read token is refused. */
	command?: boolean;
}) {
	const write = !!o.body || !!o.command;
	return {
		operationId: o.id,
		tags: [o.tag],
		summary: o.summary,
		...(o.parameters?.length ? { parameters: o.parameters } : {}),
		...(o.body
			? {
					requestBody: {
						required: true,
						content: { 'application/json': { schema: ref(o.body) } }
					}
				}
			: {}),
		responses: {
			[o.status ?? '200']: ok(o.response, o.status === '201' ? m.api_resp_201() : undefined),
			...refusals({ id: o.pathId, input: o.input || write, write, body: !!o.body })
		}
	};
}

/** The document, in the request's language. */
export function openApiDocument() {
	const tags = {
		meetings: m.api_tag_meetings(),
		supervision: m.api_tag_supervision(),
		duty: m.api_tag_duty(),
		leave: m.api_tag_leave()
	};
	return {
		openapi: '3.1.0',
		info: {
			title: m.api_doc_title(),
			version: '1',
			description: m.api_doc_description()
		},
		servers: [{ url: '/api/v1' }],
		security: [{ bearer: [] }],
		tags: Object.entries(tags).map(([name, description]) => ({ name, description })),
		paths: {
			'/meetings': {
				get: operation({
					id: 'meetingsList',
					tag: 'meetings',
					summary: m.api_op_meetings_list(),
					parameters: [
						query('scope', m.api_param_scope(), oneOf(['mine', 'department', 'all'])),
						query('status', m.api_param_status(), oneOf(['draft', 'issued', 'cancelled'])),
						query('type', m.api_param_type(), { type: 'integer', minimum: 1 }),
						query('from', m.api_param_from(), date),
						query('to', m.api_param_to(), date),
						query('q', m.api_param_q(), str),
						...paging()
					],
					response: 'MeetingPage',
					input: true
				}),
				post: operation({
					id: 'meetingsCreate',
					tag: 'meetings',
					summary: m.api_op_meetings_create(),
					body: 'MeetingPlanInput',
					status: '201',
					response: 'Meeting'
				})
			},
			'/meetings/{id}': {
				get: operation({
					id: 'meetingsGet',
					tag: 'meetings',
					summary: m.api_op_meetings_get(),
					parameters: [idPath()],
					response: 'Meeting',
					pathId: true
				})
			},
			'/meetings/{id}/issue': {
				post: operation({
					id: 'meetingsIssue',
					tag: 'meetings',
					summary: m.api_op_meetings_issue(),
					parameters: [idPath()],
					response: 'Meeting',
					pathId: true,
					command: true
				})
			},
			'/meetings/{id}/cancel': {
				post: operation({
					id: 'meetingsCancel',
					tag: 'meetings',
					summary: m.api_op_meetings_cancel(),
					parameters: [idPath()],
					body: 'CancelInput',
					response: 'Meeting',
					pathId: true
				})
			},
			'/meetings/{id}/participants': {
				get: operation({
					id: 'meetingsParticipants',
					tag: 'meetings',
					summary: m.api_op_meetings_participants(),
					parameters: [idPath()],
					response: 'Participants',
					pathId: true
				})
			},
			'/meetings/{id}/reply': {
				post: operation({
					id: 'meetingsReply',
					tag: 'meetings',
					summary: m.api_op_meetings_reply(),
					parameters: [idPath()],
					body: 'ReplyInput',
					response: 'Reply',
					pathId: true
				})
			},
			'/supervision': {
				get: operation({
					id: 'supervisionList',
					tag: 'supervision',
					summary: m.api_op_supervision_list(),
					parameters: [
						query('status', m.api_param_status(), oneOf(SUPERVISION_STATUSES)),
						query(
							'colour',
							m.api_param_colour(),
							oneOf(['normal', 'blue', 'yellow', 'red', 'none'])
						),
						query('department', m.api_param_department(), { type: 'integer', minimum: 1 }),
						query('source', m.api_param_source(), oneOf(SUPERVISION_SOURCES)),
						query('from', m.api_param_deadline_from(), date),
						query('to', m.api_param_deadline_to(), date),
						query('q', m.api_param_q(), str),
						...paging()
					],
					response: 'ItemPage',
					input: true
				})
			},
			'/supervision/{id}': {
				get: operation({
					id: 'supervisionGet',
					tag: 'supervision',
					summary: m.api_op_supervision_get(),
					parameters: [idPath()],
					response: 'Item',
					pathId: true
				})
			},
			'/supervision/{id}/feedback': {
				post: operation({
					id: 'supervisionFeedback',
					tag: 'supervision',
					summary: m.api_op_supervision_feedback(),
					parameters: [idPath()],
					body: 'FeedbackInput',
					status: '201',
					response: 'Item',
					pathId: true
				})
			},
			'/duty/rosters': {
				get: operation({
					id: 'dutyRosters',
					tag: 'duty',
					summary: m.api_op_duty_list(),
					parameters: paging(),
					response: 'RosterPage',
					input: true
				})
			},
			'/duty/rosters/{id}': {
				get: operation({
					id: 'dutyRoster',
					tag: 'duty',
					summary: m.api_op_duty_get(),
					parameters: [idPath()],
					response: 'RosterDetail',
					pathId: true
				})
			},
			'/leave/requests': {
				get: operation({
					id: 'leaveList',
					tag: 'leave',
					summary: m.api_op_leave_list(),
					parameters: paging(),
					response: 'LeavePage',
					input: true
				}),
				post: operation({
					id: 'leaveCreate',
					tag: 'leave',
					summary: m.api_op_leave_create(),
					body: 'LeaveRequestInput',
					status: '201',
					response: 'Leave'
				})
			},
			'/leave/requests/{id}': {
				get: operation({
					id: 'leaveGet',
					tag: 'leave',
					summary: m.api_op_leave_get(),
					parameters: [idPath()],
					response: 'Leave',
					pathId: true
				})
			}
		},
		components: {
			securitySchemes: {
				bearer: { type: 'http', scheme: 'bearer', description: m.api_doc_security() }
			},
			schemas: schemas()
		},
		'x-problem-types': Object.fromEntries(
			Object.entries(PROBLEM_KINDS).map(([kind, status]) => [
				problemType(kind as keyof typeof PROBLEM_KINDS),
				status
			])
		)
	};
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
