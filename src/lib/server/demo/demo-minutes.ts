import { nextDate } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import * as clock from '../clock';
import type { DB } from '../db';
import {
	approveMinutes,
	issueMinutes,
	saveMinutesDraft,
	submitMinutes
} from '../minutes/minutes.service';
import { getMinutes } from '../minutes/minutes.query';
import { getDepartments } from '../org/departments.service';
import type { HeldMeeting } from './demo-meetings';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `n` calendar days after `day`. */
function daysAfter(day: string, n: number): string {
	let d = day;
	for (let i = 0; i < n; i++) d = nextDate(d);
	return d;
}

/**
 * Minutes (纪要) of two past meetings, written through the minutes services as the recorder,
 * the host and the office would have: the last 局长办公会议 drafted, approved and issued with two
 * decisions (numbered 〔year〕1号), the last 集中学习 a draft begun from the study template.
 * Each step at the time it would have happened, nobody told now.
 */
export async function loadDemoMinutes(trx: DB, actor: Actor, held: HeldMeeting[]): Promise<void> {
	const departments = new Map((await getDepartments(trx)).map((d) => [d.name, d.id]));
	const dept = (name: string) => String(departments.get(name) ?? '');
	const now = clock.now().getTime();
	// Steps after the meeting, half a day apart, but always before now (a meeting just ended).
	const step = (m: HeldMeeting, k: number) =>
		new Date(Math.min(m.endsAt.getTime() + k * 12 * HOUR, now - (6 - k) * MINUTE));
	const last = (type: string) => held.filter((m) => m.type === type && m.host).at(-1);

	const office = last('局长办公会议');
	if (office?.host) {
		await saveMinutesDraft(
			trx,
			office.recorder,
			office.id,
			{
				body:
					'会议听取了财务审计科关于年度预算执行情况和调整事项的汇报，研究了信息化项目建设方案。' +
					'会议认为，今年预算执行总体平稳，信息化项目前期工作扎实。现纪要如下：',
				decisionText: [
					'原则同意财务预算调整方案，由财务审计科按程序报批，并做好资金使用跟踪。',
					'同意信息化项目建设方案，由信息中心细化实施计划，年底前完成招标准备。'
				],
				decisionLeadDepartmentId: [dept('财务审计科'), dept('信息中心')],
				decisionCoDepartmentIds: [dept('办公室'), [dept('财务审计科'), dept('办公室')].join(',')],
				decisionDeadline: [daysAfter(office.day, 28), daysAfter(office.day, 42)]
			},
			{ at: step(office, 1) }
		);
		await submitMinutes(trx, office.recorder, office.id, { at: step(office, 2), notify: false });
		await approveMinutes(trx, office.host, office.id, { at: step(office, 3), notify: false });
		await issueMinutes(trx, actor, office.id, { at: step(office, 4), notify: false });
	}

	const study = last('集中学习');
	if (study) {
		const { template } = await getMinutes(trx, study.recorder, study.id);
		await saveMinutesDraft(
			trx,
			study.recorder,
			study.id,
			{
				body: template
					.replace('学习内容：……', '学习内容：《中华人民共和国保守国家秘密法》及实施条例')
					.replace('主讲（领学）：……', '主讲（领学）：办公室负责同志')
			},
			{ at: step(study, 1) }
		);
	}
}
