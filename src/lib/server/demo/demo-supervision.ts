import type { SupervisionPriority } from '$lib/domain/supervision';
import type { Classification } from '$lib/domain/meetings';
import { addDays } from '$lib/domain/working-days';
import { instantToZonedDate, zonedToInstant } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import * as clock from '../clock';
import type { DB } from '../db';
import { getMinutes } from '../minutes/minutes.query';
import { listAllPeople } from '../org/users.service';
import { decideExtension, requestExtension } from '../supervision/extensions.service';
import { addFeedback } from '../supervision/feedback.service';
import type { ItemInput } from '../supervision/items.schema';
import {
	assignItem,
	closeItem,
	requestCompletion,
	returnItem,
	signItem,
	stopItem
} from '../supervision/items.service';
import { registerFromDecision, registerItem } from '../supervision/registration.service';
import type { HeldMeeting } from './demo-meetings';

const TZ = 'Asia/Shanghai';

/** The steps a demo item is taken through, in order, a working day or so apart. */
type Step =
	| 'assign'
	| 'sign'
	| 'signLate'
	| 'feedback'
	| 'request'
	| 'return'
	| 'close'
	| 'stop'
	| 'extensionPending'
	| 'extensionApproved'
	| 'extensionRefused';

interface DemoItem {
	title: string;
	requirement: string;
	source: 'instruction' | 'manual' | 'key_task';
	lead: string;
	co?: string[];
	priority?: SupervisionPriority;
	urgentDays?: number;
	classification?: Classification;
	/** Registered this many days before today. */
	ago: number;
	/** Deadline this many days from today (never before the registration day); none: default. */
	due?: number;
	feedbackDay?: number;
	milestones?: [title: string, dueIn: number][];
	/** The percent the lead reported (with a feedback step). */
	percent?: number;
	steps: Step[];
}

/**
 * 督办 items of the demo bureau in every status and colour: 正常, 蓝 (due within 3 days), 黄
 * (overdue up to a week), 红 (longer), closed on time and late, stopped, an extension approved,
 * refused and pending, a late 签收, a 秘密 item — plus the decisions of the issued 局长办公会议
 * minutes. Each step at the time it would have happened.
 */
const DEMO_ITEMS: DemoItem[] = [
	{
		title: '全面梳理行政执法事项清单并向社会公开',
		requirement: '对照法律法规逐项梳理执法事项，形成清单，经法制审核后在门户网站公开。',
		source: 'instruction',
		lead: '政策法规科',
		co: ['综合执法支队'],
		priority: 'important',
		ago: 6,
		steps: ['assign', 'sign', 'feedback'],
		percent: 30
	},
	{
		title: '研究解决机关停车位紧张问题',
		requirement: '提出挖潜和错时停车方案，报局长办公会研究。',
		source: 'instruction',
		lead: '办公室',
		priority: 'urgent',
		urgentDays: 3,
		ago: 2,
		steps: ['assign', 'sign']
	},
	{
		title: '做好年度干部考核测评工作',
		requirement: '制定考核方案，组织民主测评，汇总结果报局党组。',
		source: 'key_task',
		lead: '人事科',
		co: ['办公室', '监察室'],
		ago: 30,
		due: 25,
		feedbackDay: 25,
		milestones: [
			['制定考核方案', -12],
			['完成民主测评', 10],
			['汇总结果报党组', 22]
		],
		steps: ['assign', 'sign', 'feedback'],
		percent: 45
	},
	{
		title: '推进信息系统等级保护测评整改',
		requirement: '按测评报告逐项整改，整改完成后申请复测。',
		source: 'key_task',
		lead: '信息中心',
		classification: 'secret',
		ago: 20,
		due: 2,
		steps: ['assign', 'sign', 'feedback'],
		percent: 70
	},
	{
		title: '清理规范各类议事协调机构',
		requirement: '摸清现有议事协调机构底数，提出保留、撤并意见。',
		source: 'manual',
		lead: '人事科',
		co: ['政策法规科'],
		ago: 18,
		due: 1,
		steps: ['assign', 'sign']
	},
	{
		title: '开展安全生产大检查',
		requirement: '对管理服务对象开展全覆盖检查，建立隐患台账，限期整改到位。',
		source: 'instruction',
		lead: '监督管理科',
		co: ['综合执法支队'],
		priority: 'important',
		ago: 24,
		due: -3,
		steps: ['assign', 'sign', 'feedback'],
		percent: 60
	},
	{
		title: '完成历史档案数字化扫描',
		requirement: '2015年以前文书档案全部完成数字化，并与原件核对。',
		source: 'manual',
		lead: '办公室',
		co: ['信息中心'],
		ago: 40,
		due: -12,
		steps: ['assign', 'signLate']
	},
	{
		title: '规范公务接待费用报销',
		requirement: '修订公务接待管理办法，明确标准和报销流程。',
		source: 'manual',
		lead: '财务审计科',
		ago: 21,
		due: -5,
		steps: ['assign', 'sign', 'request']
	},
	{
		title: '编制明年重点工作任务清单',
		requirement: '征求各科室意见，形成任务清单，明确牵头单位和时限。',
		source: 'key_task',
		lead: '规划科',
		co: ['办公室'],
		ago: 16,
		due: 6,
		steps: ['assign', 'sign', 'request']
	},
	{
		title: '落实局领导关于信访积案化解的批示',
		requirement: '逐件研究化解方案，明确责任人，按月报送进展。',
		source: 'instruction',
		lead: '监察室',
		priority: 'important',
		ago: 35,
		due: 12,
		steps: ['assign', 'sign', 'request', 'return']
	},
	{
		title: '修订机关财务管理制度',
		requirement: '对照新规修订财务管理制度，经党组会审定后印发。',
		source: 'manual',
		lead: '财务审计科',
		co: ['监察室'],
		ago: 28,
		due: 0,
		steps: ['assign', 'sign', 'extensionApproved', 'feedback'],
		percent: 50
	},
	{
		title: '完善执法记录仪使用管理',
		requirement: '制定执法记录仪使用规范，组织全员培训。',
		source: 'manual',
		lead: '综合执法支队',
		ago: 12,
		due: 3,
		steps: ['assign', 'sign', 'extensionPending']
	},
	{
		title: '组织开展保密自查',
		requirement: '对涉密载体、计算机和网络开展全面自查，形成自查报告。',
		source: 'manual',
		lead: '办公室',
		classification: 'secret',
		ago: 26,
		due: -9,
		steps: ['assign', 'sign', 'extensionRefused']
	},
	{
		title: '完成年度内部审计项目',
		requirement: '对二级单位开展财务收支审计，出具审计报告。',
		source: 'key_task',
		lead: '财务审计科',
		ago: 45,
		due: -30,
		steps: ['assign', 'sign', 'request', 'close']
	},
	{
		title: '更新机关门户网站栏目',
		requirement: '调整栏目设置，补充更新政务公开内容。',
		source: 'manual',
		lead: '信息中心',
		co: ['办公室'],
		ago: 38,
		due: -20,
		steps: ['assign', 'sign', 'request', 'close']
	},
	{
		title: '筹备系统业务培训班',
		requirement: '拟定培训方案，落实场地、师资和学员。',
		source: 'manual',
		lead: '人事科',
		ago: 14,
		due: 10,
		steps: ['assign', 'sign', 'stop']
	},
	{
		title: '调研基层执法力量配置情况',
		requirement: '选取三个基层单位开展调研，形成调研报告。',
		source: 'instruction',
		lead: '综合执法支队',
		co: ['人事科'],
		ago: 1,
		steps: ['assign']
	},
	{
		title: '核查基层站所财务票据管理',
		requirement: '抽查近两年票据领用、核销情况，发现问题即查即改。',
		source: 'manual',
		lead: '财务审计科',
		co: ['监察室'],
		ago: 5,
		due: 15,
		steps: ['assign']
	},
	{
		title: '起草优化营商环境若干措施',
		requirement: '结合本部门职能起草若干措施，征求意见后报局长办公会。',
		source: 'manual',
		lead: '政策法规科',
		co: ['规划科', '监督管理科'],
		ago: 0,
		steps: []
	}
];

const HOUR = 3_600_000;

/**
 * Loads the demo's 督办 items through the supervision services, as the 督办员 (监察室), the 局长
 * and the departments would have made them, nobody told now; the decisions of issued minutes
 * in `held` become items too. Returns how many items were made.
 */
export async function loadDemoSupervision(
	trx: DB,
	actor: Actor,
	held: HeldMeeting[]
): Promise<number> {
	const people = (await listAllPeople(trx)).filter((p) => p.isActive);
	const as = (p: (typeof people)[number]): Actor => ({
		id: p.id,
		name: p.name,
		roles: p.roles,
		ip: actor.ip
	});
	const supervisorPerson = people.find((p) => p.roles.includes('supervisor'));
	const leaderPerson = people.find((p) => p.roles.includes('leader'));
	if (!supervisorPerson || !leaderPerson) return 0;
	const supervisor = as(supervisorPerson);
	const leader = as(leaderPerson);
	const deptId = (name: string) => people.find((p) => p.departmentName === name)?.departmentId;
	const headOf = (deptIdValue: number) => {
		const head = people.find(
			(p) => p.departmentId === deptIdValue && p.roles.includes('dept_head')
		);
		return head ? as(head) : undefined;
	};
	const responsibleIn = (deptIdValue: number) =>
		people.find(
			(p) =>
				p.departmentId === deptIdValue &&
				!p.roles.includes('dept_head') &&
				p.roles.includes('staff')
		);

	const now = clock.now().getTime();
	const today = instantToZonedDate(new Date(now).toISOString(), TZ);
	let tick = 0;
	/** 09:30 on the day `n` days from today plus `hours`, and always before now, in order. */
	const time = (n: number, hours = 0) => {
		const t = Date.parse(zonedToInstant(addDays(today, n), '09:30', TZ)) + hours * HOUR;
		return new Date(Math.min(t, now - HOUR + ++tick * 1000));
	};
	const quiet = (at: Date) => ({ at, notify: false });

	let count = 0;

	// Decisions of issued minutes (局长办公会议), registered the day after issue.
	for (const meeting of held) {
		const view = await getMinutes(trx, meeting.recorder, meeting.id);
		if (view.minutes?.status !== 'issued' || !view.minutes.issuedAt) continue;
		const issuedAt = Date.parse(view.minutes.issuedAt);
		for (const [i, decision] of view.decisions.entries()) {
			if (decision.leadDepartmentId == null) continue;
			const at = new Date(Math.min(issuedAt + (20 + i) * HOUR, now - (4 - i) * HOUR));
			const { id } = await registerFromDecision(
				trx,
				supervisor,
				decision.id,
				{ priority: i === 0 ? 'important' : 'normal' },
				quiet(at)
			);
			count++;
			await assignItem(trx, supervisor, id, quiet(new Date(at.getTime() + HOUR)));
			const head = headOf(decision.leadDepartmentId);
			if (i === 0 && head) await signItem(trx, head, id, quiet(new Date(at.getTime() + 2 * HOUR)));
		}
	}

	for (const d of DEMO_ITEMS) {
		const lead = deptId(d.lead);
		if (lead == null) continue;
		const head = headOf(lead);
		const responsible = responsibleIn(lead);
		const by = d.source === 'instruction' ? leader : supervisor;
		const form: ItemInput = {
			title: d.title,
			requirement: d.requirement,
			source: d.source,
			leadDepartmentId: String(lead),
			coDepartmentIds: (d.co ?? [])
				.map(deptId)
				.filter((x): x is number => x != null)
				.map(String),
			responsibleId: responsible ? String(responsible.id) : '',
			deadline: d.due === undefined ? '' : addDays(today, d.due),
			priority: d.priority ?? 'normal',
			urgentDays: d.urgentDays === undefined ? '' : String(d.urgentDays),
			classification: d.classification ?? 'none',
			feedbackDay: d.feedbackDay === undefined ? '' : String(d.feedbackDay),
			milestoneTitle: (d.milestones ?? []).map(([t]) => t),
			milestoneDue: (d.milestones ?? []).map(([, n]) => addDays(today, n)),
			...(d.source === 'instruction'
				? {
						instructionLeaderId: String(leaderPerson.id),
						instructionDate: addDays(today, -d.ago - 1),
						instructionText: `请${d.lead}牵头抓紧办理，按时反馈办理结果。`,
						sourceRef: '局领导批示件'
					}
				: {})
		};
		const { id } = await registerItem(trx, by, form, null, quiet(time(-d.ago)));
		count++;
		// The steps follow a day apart after registration (the last ones as late as today).
		let day = -d.ago;
		const next = (gap = 1, hours = 0) => time((day = Math.min(day + gap, 0)), hours);
		const deadline = d.due === undefined ? undefined : addDays(today, d.due);
		const answerer = head ?? (responsible ? as(responsible) : undefined);
		if (!answerer) continue;
		for (const step of d.steps) {
			switch (step) {
				case 'assign':
					await assignItem(trx, by, id, quiet(time(day, 2)));
					break;
				case 'sign':
					await signItem(trx, answerer, id, quiet(next(1)));
					break;
				case 'signLate':
					await signItem(trx, answerer, id, quiet(next(4)));
					break;
				case 'feedback':
					// Feedback is given now (the progress service records the present moment).
					await addFeedback(trx, answerer, id, {
						text: `已完成阶段性工作，完成约${d.percent ?? 50}%。`,
						percent: d.percent === undefined ? '' : String(d.percent)
					});
					break;
				case 'request':
					await requestCompletion(
						trx,
						answerer,
						id,
						{ summary: '各项任务已按要求完成，相关材料已报送。' },
						quiet(next(Math.max(1, Math.floor(d.ago / 3))))
					);
					break;
				case 'return':
					await returnItem(
						trx,
						by,
						id,
						{ reason: '办理情况说明不够具体，请补充佐证材料后再申请办结。' },
						quiet(next(1))
					);
					break;
				case 'close':
					await closeItem(trx, by, id, quiet(next(2)));
					break;
				case 'stop':
					await stopItem(
						trx,
						by,
						id,
						{ reason: '根据局党组安排，该项工作并入全市统一部署，本局不再单独督办。' },
						quiet(next(2))
					);
					break;
				case 'extensionPending':
				case 'extensionApproved':
				case 'extensionRefused': {
					if (!deadline) break;
					// Asked for before the deadline, a week or two later.
					const askDay = Math.min(d.due ?? 0, 0, day + 2);
					day = askDay;
					await requestExtension(
						trx,
						answerer,
						id,
						{
							newDeadline: addDays(deadline, 14),
							reason: '涉及多个部门会签，原定时限内难以完成，申请延期两周。'
						},
						quiet(time(askDay, 1))
					);
					if (step === 'extensionPending') break;
					await decideExtension(
						trx,
						by,
						id,
						step === 'extensionApproved'
							? { decision: 'approve', comment: '同意延期，请抓紧办理。' }
							: { decision: 'refuse', comment: '请按原定时限完成。' },
						quiet(time(askDay, 5))
					);
					break;
				}
			}
		}
	}
	return count;
}
