import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	APPROVER_KINDS,
	checkApprovalRules,
	chooseChain,
	DEFAULT_APPROVAL_RULES,
	FALLBACK_STEPS,
	ownApproverKinds,
	type ApplicantRole,
	type ApprovalRule,
	type ApproverKind
} from './approval-chain';
import { ROLES } from './roles';

const chain = (days: number, applicantRoles: ApplicantRole[], type = 'annual') =>
	chooseChain(DEFAULT_APPROVAL_RULES, { days, type, applicantRoles });

const DAYS = [0.5, 1, 1.5, 3, 3.5];

describe('the default chain by days', () => {
	it('sends a staff member to the department head, then the responsible and principal leaders', () => {
		expect(DAYS.map((d) => chain(d, ['staff']))).toEqual([
			['dept_head'],
			['dept_head'],
			['dept_head', 'responsible_leader'],
			['dept_head', 'responsible_leader'],
			['dept_head', 'responsible_leader', 'principal_leader']
		]);
	});

	it('treats the office, supervisors and the administrator like any staff member', () => {
		for (const role of ['office', 'supervisor', 'admin'] as const) {
			expect(DAYS.map((d) => chain(d, [role]))).toEqual(DAYS.map((d) => chain(d, ['staff'])));
		}
		expect(chain(20, [])).toEqual(['dept_head', 'responsible_leader', 'principal_leader']);
	});
});

describe('the applicant is never their own approver', () => {
	it("skips the department head's step for their own leave, up to the responsible leader", () => {
		expect(DAYS.map((d) => chain(d, ['dept_head', 'staff']))).toEqual([
			['responsible_leader'],
			['responsible_leader'],
			['responsible_leader'],
			['responsible_leader'],
			['responsible_leader', 'principal_leader']
		]);
	});

	it("sends a leader's own leave of any length to the principal leader", () => {
		for (const d of DAYS) expect(chain(d, ['leader'])).toEqual(['principal_leader']);
		expect(chain(30, ['leader', 'dept_head'])).toEqual(['principal_leader']);
	});

	it("keeps the one principal-leader step for the principal leader's own leave (their stand-in)", () => {
		for (const d of DAYS) {
			expect(chain(d, ['leader', 'principal_leader'])).toEqual(['principal_leader']);
		}
	});

	it('knows which steps an applicant holds', () => {
		expect([...ownApproverKinds(['staff'])]).toEqual([]);
		expect([...ownApproverKinds(['dept_head'])]).toEqual(['dept_head']);
		expect([...ownApproverKinds(['leader'])]).toEqual(['responsible_leader']);
		expect([...ownApproverKinds(['principal_leader'])].sort()).toEqual([
			'principal_leader',
			'responsible_leader'
		]);
	});
});

describe('a rules table of the administrator', () => {
	const table: ApprovalRule[] = [
		{ types: ['maternity', 'marriage'], steps: ['dept_head'] },
		{ minDays: 5, applicantRoles: ['dept_head'], steps: ['principal_leader'] },
		{ minDays: 2, maxDays: 4, steps: ['responsible_leader'] }
	];
	const request = (days: number, type = 'annual', roles: ApplicantRole[] = ['staff']) =>
		chooseChain(table, { days, type, applicantRoles: roles });

	it('takes the first matching row, with both day limits inclusive', () => {
		expect(request(98, 'maternity')).toEqual(['dept_head']);
		expect(request(5, 'annual', ['dept_head'])).toEqual(['principal_leader']);
		expect(request(4.5, 'annual', ['dept_head'])).toEqual([
			'responsible_leader',
			'principal_leader'
		]);
		expect(request(2)).toEqual(['responsible_leader']);
		expect(request(4)).toEqual(['responsible_leader']);
	});

	it('falls back to every level when no row matches', () => {
		expect(request(1.5)).toEqual([...FALLBACK_STEPS]);
		expect(request(4.5)).toEqual([...FALLBACK_STEPS]);
		expect(chooseChain([], { days: 1, type: 'annual', applicantRoles: ['staff'] })).toEqual([
			...FALLBACK_STEPS
		]);
	});

	it("passes a department head's own maternity leave one level up", () => {
		expect(request(98, 'maternity', ['dept_head'])).toEqual(['responsible_leader']);
	});

	it('reports rows without steps, reversed or negative limits and rows never reached', () => {
		expect(checkApprovalRules(DEFAULT_APPROVAL_RULES)).toEqual([]);
		expect(checkApprovalRules(table)).toEqual([]);
		expect(
			checkApprovalRules([
				{ minDays: 4, maxDays: 2, steps: ['dept_head'] },
				{ maxDays: -1, steps: [] },
				{ steps: ['dept_head'] },
				{ types: ['sick'], steps: ['dept_head'] }
			])
		).toEqual([
			{ index: 0, problem: 'days_reversed' },
			{ index: 1, problem: 'no_steps' },
			{ index: 1, problem: 'days_negative' },
			{ index: 3, problem: 'never_reached' }
		]);
	});
});

describe('chain properties', () => {
	const kindArb = fc.constantFrom<ApproverKind>(...APPROVER_KINDS);
	const roleArb = fc.constantFrom<ApplicantRole>(...ROLES, 'principal_leader');
	const ruleArb = fc.record(
		{
			minDays: fc.integer({ min: 0, max: 10 }).map((n) => n / 2),
			maxDays: fc.integer({ min: 0, max: 20 }).map((n) => n / 2),
			applicantRoles: fc.uniqueArray(roleArb, { maxLength: 3 }),
			types: fc.subarray(['annual', 'sick', 'maternity']),
			steps: fc.array(kindArb, { maxLength: 4 })
		},
		{ requiredKeys: ['steps'] }
	);
	const requestArb = fc.record({
		days: fc.integer({ min: 1, max: 60 }).map((n) => n / 2),
		type: fc.constantFrom('annual', 'sick', 'maternity', 'personal'),
		applicantRoles: fc.uniqueArray(roleArb, { maxLength: 3 })
	});

	it('is never empty, has no repeats and leaves out the applicant except the principal leader', () => {
		fc.assert(
			fc.property(fc.array(ruleArb, { maxLength: 6 }), requestArb, (rules, request) => {
				const steps = chooseChain(rules, request);
				const own = ownApproverKinds(request.applicantRoles);
				const selfSteps = steps.filter((s) => own.has(s));
				return (
					steps.length > 0 &&
					new Set(steps).size === steps.length &&
					(selfSteps.length === 0 ||
						(steps.length === 1 && steps[0] === 'principal_leader' && own.has('principal_leader')))
				);
			})
		);
	});

	it('never asks for fewer approvals under the default table as the days grow', () => {
		fc.assert(
			fc.property(requestArb, fc.integer({ min: 1, max: 20 }), (request, more) => {
				const shorter = chooseChain(DEFAULT_APPROVAL_RULES, request);
				const longer = chooseChain(DEFAULT_APPROVAL_RULES, {
					...request,
					days: request.days + more / 2
				});
				return shorter.every((s) => longer.includes(s));
			})
		);
	});
});
