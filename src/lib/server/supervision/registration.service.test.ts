import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { saveHoliday } from '../holidays/holidays.service';
import {
	approveMinutes,
	issueMinutes,
	saveMinutesDraft,
	submitMinutes
} from '../minutes/minutes.service';
import { draftForm, heldMeeting } from '../minutes/minutes.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { refusal } from '../testing/refusal';
import { newUser } from '../testing/fixtures';
import { listFiles } from './files.repository';
import { findItemById } from './items.repository';
import { assignItem, signItem } from './items.service';
import {
	decisionTitle,
	registerFromDecision,
	registerItem,
	updateItem
} from './registration.service';
import { listMilestones } from './milestones.repository';
import {
	eventKinds,
	itemForm,
	newItem,
	supervisionWorld,
	type SupervisionWorld
} from './supervision.test-helpers';

/** Monday 7 December 2026, 09:30 in Beijing. */
const MONDAY = '2026-12-07T01:30:00Z';

const item = async (db: DB, id: number) => (await findItemById(db, id))!;

describeEachDialect(
	'督办 立项: by hand, from an instruction, from a decision; editing',
	({ db }) => {
		let w: SupervisionWorld;
		beforeEach(async () => {
			setClock(MONDAY);
			w = await supervisionWorld(db());
		});

		// ---- 立项 -----------------------------------------------------------------------------
		// ---- 立项 -----------------------------------------------------------------------------

		it('a supervisor registers a manual item: 督〔2026〕1号, 20 working days, co-departments, milestones', async () => {
			const { id, number } = await registerItem(
				db(),
				w.supervisor.actor,
				itemForm(w, {
					// The lead listed as a co-department too is dropped.
					coDepartmentIds: [String(w.co), String(w.lead)],
					milestoneTitle: ['完成初稿', '', '报送局领导'],
					milestoneDue: ['2026-12-15', '', '2026-12-25'],
					feedbackDay: '10'
				})
			);
			expect(number).toBe('督〔2026〕1号');
			const it1 = await item(db(), id);
			expect(it1).toMatchObject({
				number: '督〔2026〕1号',
				status: 'registered',
				source: 'manual',
				title: '做好年终财务决算工作',
				leadDepartmentName: '财务科',
				coDepartmentIds: [w.co],
				responsibleName: '周经办',
				deadline: '2027-01-04',
				originalDeadline: '2027-01-04',
				feedbackDay: 10,
				createdByName: '赵督办'
			});
			expect((await listMilestones(db(), id)).map((ms) => [ms.seq, ms.title, ms.dueDate])).toEqual([
				[1, '完成初稿', '2026-12-15'],
				[2, '报送局领导', '2026-12-25']
			]);
			expect(await eventKinds(db(), id)).toEqual(['register']);
			const [row] = await auditRows(db(), 'supervision.register');
			expect(row).toMatchObject({ entity: 'supervision', entityId: String(id) });
			expect(row.changes).toMatchObject({ number: '督〔2026〕1号', deadline: '2027-01-04' });
			const second = await registerItem(db(), w.leader.actor, itemForm(w));
			expect(second.number).toBe('督〔2026〕2号');
		});

		it('a leader instruction needs the leader, the date and the words; an urgent one its days', async () => {
			const refused = await refusal(
				registerItem(
					db(),
					w.supervisor.actor,
					itemForm(w, { source: 'instruction', priority: 'urgent' })
				)
			);
			expect(refused.name).toBe('ValidationError');
			expect(Object.keys(refused.fields!).sort()).toEqual(
				['instructionDate', 'instructionLeaderId', 'instructionText', 'urgentDays'].sort()
			);
			const instruction = {
				source: 'instruction' as const,
				instructionLeaderId: String(w.leader.id),
				instructionDate: '2026-12-06',
				instructionText: '请财务科抓紧办理，年底前报结果。'
			};
			const normal = await registerItem(db(), w.supervisor.actor, itemForm(w, instruction));
			// 15 working days from Monday 7 December.
			expect(await item(db(), normal.id)).toMatchObject({
				deadline: '2026-12-28',
				instructionLeaderName: '钱局长',
				instructionDate: '2026-12-06',
				urgentDays: null
			});
			const urgent = await registerItem(
				db(),
				w.supervisor.actor,
				itemForm(w, { ...instruction, priority: 'urgent', urgentDays: '3' }),
				{ name: '批示件.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4') }
			);
			expect(await item(db(), urgent.id)).toMatchObject({
				deadline: '2026-12-10',
				priority: 'urgent',
				urgentDays: 3
			});
			expect((await listFiles(db(), urgent.id)).map((f) => [f.fileName, f.size])).toEqual([
				['批示件.pdf', 8]
			]);
			const tooMany = await refusal(
				registerItem(
					db(),
					w.supervisor.actor,
					itemForm(w, { ...instruction, priority: 'urgent', urgentDays: '6' })
				)
			);
			expect(Object.keys(tooMany.fields!)).toEqual(['urgentDays']);
		});

		it('refuses a deadline before today, inactive departments or people, milestones after the deadline', async () => {
			const past = await refusal(
				registerItem(db(), w.supervisor.actor, itemForm(w, { deadline: '2026-12-06' }))
			);
			expect(past.fields).toEqual({ deadline: '办理时限不能早于今天' });
			const gone = await newUser(db(), { name: '离职者', isActive: false, departmentId: w.lead });
			const inactive = await refusal(
				registerItem(
					db(),
					w.supervisor.actor,
					itemForm(w, { responsibleId: String(gone.id), coDepartmentIds: ['999999'] })
				)
			);
			expect(Object.keys(inactive.fields!).sort()).toEqual(['coDepartmentIds', 'responsibleId']);
			const late = await refusal(
				registerItem(
					db(),
					w.supervisor.actor,
					itemForm(w, {
						deadline: '2026-12-20',
						milestoneTitle: ['初稿'],
						milestoneDue: ['2026-12-21']
					})
				)
			);
			expect(late.fields).toEqual({ 'milestoneDue.0': '节点日期不能晚于办理时限' });
			// Today itself is a valid deadline.
			const today = await registerItem(
				db(),
				w.supervisor.actor,
				itemForm(w, { deadline: '2026-12-07' })
			);
			expect((await item(db(), today.id)).deadline).toBe('2026-12-07');
			// Nothing refused took a number.
			expect(today.number).toBe('督〔2026〕1号');
		});

		it('deadlines count working days over 春节 2027 with the holiday calendar', async () => {
			const admin = await newUser(db(), { roles: ['admin'] });
			for (const date of ['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'])
				await saveHoliday(db(), admin.actor, { date, kind: 'holiday', name: '春节' });
			await saveHoliday(db(), admin.actor, {
				date: '2027-02-06',
				kind: 'workday',
				name: '春节调休'
			});
			// Monday 1 February 2027.
			setClock('2027-02-01T01:30:00Z');
			const instruction = {
				source: 'instruction' as const,
				instructionLeaderId: String(w.leader.id),
				instructionDate: '2027-02-01',
				instructionText: '抓紧办理。'
			};
			const deadlineOf = async (o: Parameters<typeof itemForm>[1]) =>
				(await item(db(), (await registerItem(db(), w.supervisor.actor, itemForm(w, o))).id))
					.deadline;
			// 2–5 Feb, Saturday 6 Feb (调休), then 15–26 Feb: the five 春节 days do not count.
			expect(await deadlineOf(instruction)).toBe('2027-02-26');
			expect(await deadlineOf({ source: 'manual' })).toBe('2027-03-05');
			expect(await deadlineOf({ source: 'key_task' })).toBe('2027-03-05');
			expect(await deadlineOf({ ...instruction, priority: 'urgent', urgentDays: '5' })).toBe(
				'2027-02-06'
			);
			// The year of the number is the office's year.
			const { number } = await registerItem(db(), w.supervisor.actor, itemForm(w));
			expect(number).toBe('督〔2027〕5号');
			// 交办 on Friday 5 February: sign by Saturday 6 February, a make-up workday.
			setClock('2027-02-05T01:30:00Z');
			const { id } = await newItem(db(), w, { stage: 'assigned' });
			expect((await item(db(), id)).signDue).toBe('2027-02-06');
		});

		it('edits an item until it is signed; an unchanged form writes nothing', async () => {
			const { id } = await newItem(db(), w);
			await updateItem(db(), w.supervisor.actor, id, itemForm(w));
			expect(await auditRows(db(), 'supervision.update')).toHaveLength(0);
			await updateItem(
				db(),
				w.leader.actor,
				id,
				itemForm(w, {
					title: '做好年终决算',
					coDepartmentIds: [String(w.other)],
					deadline: '2026-12-31'
				})
			);
			expect(await item(db(), id)).toMatchObject({
				title: '做好年终决算',
				coDepartmentIds: [w.other],
				deadline: '2026-12-31',
				originalDeadline: '2026-12-31'
			});
			const [row] = await auditRows(db(), 'supervision.update');
			expect(row.changes).toMatchObject({ title: '做好年终决算', coDepartmentIds: [w.other] });
			await assignItem(db(), w.supervisor.actor, id);
			await signItem(db(), w.leadHead.actor, id);
			const refused = await refusal(updateItem(db(), w.supervisor.actor, id, itemForm(w)));
			expect(refused.fields).toEqual({ _: '该事项已签收，不能再修改' });
		});

		// ---- 交办 / 签收 ----------------------------------------------------------------------

		// ---- 从议定事项立项 -------------------------------------------------------------------

		it('registers a decision of issued minutes once, with its departments, deadline and source', async () => {
			const f = await heldMeeting(db(), { title: '局长办公会' });
			await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
			const [first, second] = await db()
				.selectFrom('minute_decisions')
				.select('id')
				.orderBy('seq')
				.execute();
			// Not issued yet.
			expect(
				(await refusal(registerFromDecision(db(), w.supervisor.actor, first.id, {}))).fields
			).toEqual({ _: '未找到该议定事项，或其纪要尚未印发' });
			await submitMinutes(db(), f.recorder.actor, f.id);
			await approveMinutes(db(), f.host.actor, f.id);
			const minutesNumber = await issueMinutes(db(), f.office.actor, f.id);
			expect((await refusal(registerFromDecision(db(), w.leadHead.actor, first.id, {}))).name).toBe(
				'ForbiddenError'
			);
			const { id, number } = await registerFromDecision(db(), w.supervisor.actor, first.id, {});
			expect(await item(db(), id)).toMatchObject({
				number,
				source: 'decision',
				decisionId: first.id,
				title: '做好年终考核工作',
				requirement: '做好年终考核工作',
				leadDepartmentId: f.deptA,
				coDepartmentIds: [f.deptB],
				deadline: '2026-12-31',
				sourceRef: `《局长办公会》纪要 ${minutesNumber} 第1项`,
				classification: 'none'
			});
			const again = await refusal(registerFromDecision(db(), w.leader.actor, first.id, {}));
			expect(again.fields).toEqual({ _: `该议定事项已立项督办（${number}）` });
			// The second decision names no lead department.
			expect(
				(await refusal(registerFromDecision(db(), w.supervisor.actor, second.id, {}))).fields
			).toEqual({ _: '该议定事项未指定牵头单位，请先补充' });
		});

		it('a decision without a deadline gets 20 working days; overrides are taken', async () => {
			const f = await heldMeeting(db());
			const form = draftForm(f.deptA, f.deptB);
			await saveMinutesDraft(db(), f.recorder.actor, f.id, {
				...form,
				decisionText: ['全面梳理'.repeat(20)],
				decisionLeadDepartmentId: [String(f.deptA)],
				decisionDeadline: [''],
				decisionCoDepartmentIds: ['']
			});
			await submitMinutes(db(), f.recorder.actor, f.id);
			await approveMinutes(db(), f.host.actor, f.id);
			await issueMinutes(db(), f.office.actor, f.id);
			const [d] = await db().selectFrom('minute_decisions').select('id').execute();
			const { id } = await registerFromDecision(db(), w.supervisor.actor, d.id, {
				responsibleId: String(w.responsible.id),
				priority: 'important'
			});
			const got = await item(db(), id);
			expect(got).toMatchObject({
				deadline: '2027-01-04',
				priority: 'important',
				responsibleId: w.responsible.id
			});
			expect([...got.title]).toHaveLength(60);
			expect(got.title.endsWith('…')).toBe(true);
			expect(decisionTitle('短')).toBe('短');
		});
	}
);
