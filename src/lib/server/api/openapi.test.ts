import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';
import { apiReference } from './reference';

function validator(doc: ReturnType<typeof openApiDocument>) {
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats(ajv);
	return (name: string) =>
		ajv.compile({ $ref: `#/components/schemas/${name}`, components: doc.components });
}

describe('the OpenAPI document', () => {
	const doc = openApiDocument();
	const schema = validator(doc);

	it('is OpenAPI 3.1 and every schema compiles as JSON Schema 2020-12', () => {
		expect(doc.openapi).toBe('3.1.0');
		for (const name of Object.keys(doc.components.schemas))
			expect(() => schema(name)).not.toThrow();
	});

	it('documents the request bodies from the services’ own schemas', () => {
		const plan = schema('MeetingPlanInput');
		const good = {
			title: '周例会',
			typeId: 1,
			date: '2026-12-08',
			startTime: '09:00',
			endTime: '10:00',
			attendeeIds: [2, 3]
		};
		expect(plan(good), JSON.stringify(plan.errors)).toBe(true);
		expect(plan({ ...good, title: undefined })).toBe(false);
		expect(schema('CancelInput')({ reason: '改期' })).toBe(true);
		expect(schema('CancelInput')({})).toBe(false);
		expect(schema('ReplyInput')({ reply: 'attend' })).toBe(true);
		expect(schema('ReplyInput')({ reply: 'maybe' })).toBe(false);
		expect(schema('FeedbackInput')({ text: '已完成调研', percent: 50 })).toBe(true);
		const leave = {
			type: 'annual',
			startDate: '2026-12-08',
			endDate: '2026-12-09',
			reason: '探亲'
		};
		expect(schema('LeaveRequestInput')(leave)).toBe(true);
		expect(schema('LeaveRequestInput')({ ...leave, type: 'holiday' })).toBe(false);
	});

	it('says what every operation answers, refusals as problem details', () => {
		const ops = apiReference().operations;
		expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(
			expect.arrayContaining([
				'GET /api/v1/meetings',
				'POST /api/v1/meetings',
				'POST /api/v1/meetings/{id}/issue',
				'POST /api/v1/meetings/{id}/cancel',
				'GET /api/v1/meetings/{id}/participants',
				'POST /api/v1/meetings/{id}/reply',
				'GET /api/v1/supervision',
				'POST /api/v1/supervision/{id}/feedback',
				'GET /api/v1/duty/rosters/{id}',
				'POST /api/v1/leave/requests'
			])
		);
		for (const op of ops) {
			const statuses = op.responses.map((r) => r.status);
			expect(statuses, op.id).toEqual(expect.arrayContaining(['401', '403', '429']));
			expect(op.responses.find((r) => r.status === '401')?.type).toContain('Problem');
		}
	});
});
