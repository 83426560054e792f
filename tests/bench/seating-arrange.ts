// The seating benchmark's work, loaded through scripts/vite-load.js: `arrange` (pure, no
// database) for 500 people in a hall of a two-row 主席台 and 30 floor rows, ordered on the floor
// by 姓氏笔画 (the costliest floor order), with a few locked seats, excused people and deputies.
// Deterministic except for the timings.
import { performance } from 'node:perf_hooks';
import type { HallLayout } from '$lib/domain/seating';
import { arrange, type ArrangeInput, type PlanPerson } from '$lib/domain/seating-plan';

const PEOPLE = 500;
const SURNAMES = [
	...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
];
const COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文志新春晓东海'];

/** A small seeded generator (mulberry32), so every run sees the same hall. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function sampleArrangeInput(people = PEOPLE): ArrangeInput {
	const next = random(12);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	const layout: HallLayout = {
		kind: 'hall',
		rostrum: [9, 13],
		floor: { rows: 30, blocks: [6, 10, 6] }
	};
	const list: PlanPerson[] = Array.from({ length: people }, (_, i) => {
		const surname = next() < 0.02 ? pick(COMPOUND) : pick(SURNAMES);
		const name = surname + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '');
		const role = i < 30 ? 'attendee' : i < 470 ? 'observer' : 'staff';
		const r = next();
		const reply = r < 0.05 ? 'excused' : r < 0.1 ? 'deputy' : r < 0.15 ? 'pending' : 'attend';
		return {
			participantId: i + 1,
			userId: 10_000 + i,
			name,
			precedence: role === 'attendee' ? i + 1 : 100 + Math.floor(next() * 50),
			departmentOrder: Math.floor(next() * 40),
			role,
			reply,
			deputyName: reply === 'deputy' ? '代会人' : null,
			seatStaff: role === 'staff' && i % 3 === 0
		};
	});
	return {
		layout,
		convention: 'left',
		pair: '12',
		floorOrder: 'surname_strokes',
		excused: 'empty',
		people: list,
		locked: [
			{ seat: 'R1-5', participantId: 1, locked: true },
			{ seat: 'F1-11', participantId: 40, locked: true },
			{ seat: 'F10-1', participantId: 41, locked: true }
		]
	};
}

export interface ArrangeBench {
	people: number;
	seats: number;
	placed: number;
	unseated: number;
	firstMs: number;
	medianMs: number;
	p99Ms: number;
	/** The same runs in CPU time of this process: what the numbers are when the machine is busy. */
	cpuMedianMs: number;
	cpuP99Ms: number;
	runs: number;
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)];
const p99 = (sorted: number[]) =>
	sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];

/** `arrange` timed `runs` times on the same input (the first, cold run reported apart). */
export function benchArrange(runs = 200): ArrangeBench {
	const input = sampleArrangeInput();
	let t = performance.now();
	let result = arrange(input);
	const firstMs = performance.now() - t;
	const times: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < runs; i++) {
		const c = process.cpuUsage();
		t = performance.now();
		result = arrange(input);
		times.push(performance.now() - t);
		const used = process.cpuUsage(c);
		cpu.push((used.user + used.system) / 1000);
	}
	times.sort((a, b) => a - b);
	cpu.sort((a, b) => a - b);
	const layout = input.layout as HallLayout;
	return {
		people: input.people.length,
		seats:
			layout.rostrum.reduce((a, b) => a + b, 0) +
			layout.floor.rows * layout.floor.blocks.reduce((a, b) => a + b, 0),
		placed: result.placements.length,
		unseated: result.unseated.length,
		firstMs,
		medianMs: median(times),
		p99Ms: p99(times),
		cpuMedianMs: median(cpu),
		cpuP99Ms: p99(cpu),
		runs
	};
}
