import { addDays } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { listAllPeople } from '../org/users.service';
import { canKeepStudyRecords, canManageStudy } from '../permissions';
import { officeDate } from '../settings/settings.service';
import { addStudyEntry } from '../study/entries.service';
import { setStudyTarget, type StudyTargetInput } from '../study/targets.service';

// Demo study records (学习): the office's hour targets, and self-study entries for everyone over
// the last months of this year — most on target, every fourth person behind. Group study
// sessions come from the demo's 集中学习 meetings and their check-ins; the demo sets no session
// target, since its 集中学习 invites four of the ten departments and the rest would all be behind.

const TARGETS: StudyTargetInput[] = [
	{ role: 'all', period: 'year', metric: 'hours', amount: '40' },
	{ role: 'leader', period: 'year', metric: 'hours', amount: '30' },
	{ role: 'all', period: 'month', metric: 'hours', amount: '4' }
];

const TOPICS: [topic: string, material: string][] = [
	['学习贯彻党的二十大精神', '《党的二十大报告》'],
	['学习习近平新时代中国特色社会主义思想', '《习近平著作选读》第一卷'],
	['党纪学习教育', '《中国共产党纪律处分条例》'],
	['依法行政专题学习', '《中华人民共和国行政许可法》'],
	['保密知识学习', '《中华人民共和国保守国家秘密法》'],
	['业务知识学习', '本局年度重点工作任务清单'],
	['公文写作规范', '《党政机关公文格式》GB/T 9704-2012']
];

const NOTES = [
	'结合本职工作谈体会：要把学习成果转化为推动工作的实际举措。',
	'',
	'重点学习了有关章节，对照检查了科室工作中的不足，明确了下一步改进方向。'
];

/** Sets the targets and logs entries; returns how many entries were made. */
export async function loadDemoStudy(trx: DB, actor: Actor): Promise<number> {
	const people = (await listAllPeople(trx)).filter((p) => p.isActive);
	const as = (p: (typeof people)[number]): Actor => ({
		id: p.id,
		name: p.name,
		roles: p.roles,
		ip: actor.ip
	});
	const office = people.find((p) => canManageStudy(p));
	if (office) for (const t of TARGETS) await setStudyTarget(trx, as(office), t);

	const today = await officeDate(trx);
	const yearStart = `${today.slice(0, 4)}-01-01`;
	const first = addDays(today, -100) < yearStart ? yearStart : addDays(today, -100);
	let made = 0;
	let i = 0;
	for (const p of people.filter((x) => canKeepStudyRecords(x))) {
		i++;
		const behind = i % 4 === 0;
		// Ten entries, every ten days back from a day or two ago (fewer early in January).
		for (let k = 0; k < (behind ? 3 : 10); k++) {
			const date = addDays(today, -((i % 3) + 1 + k * 10));
			if (date < first) break;
			const [topic, material] = TOPICS[(i + k) % TOPICS.length];
			await addStudyEntry(trx, as(p), {
				entryDate: date,
				topic,
				material,
				hours: behind ? '1.5' : String(4 + ((i + k) % 2) * 0.5),
				notes: NOTES[(i + k) % NOTES.length]
			});
			made++;
		}
	}
	return made;
}
