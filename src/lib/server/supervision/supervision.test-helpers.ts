import type { Classification } from '$lib/domain/meetings';
import type { SupervisionPriority } from '$lib/domain/supervision';
import type { DB } from '../db';
import { newDepartment, newUser, type FixtureUser } from '../testing/fixtures';
import type { ItemInput } from './items.schema';
import { assignItem, signItem } from './items.service';
import { registerItem } from './registration.service';

/**
 * The people of a 督办 test: a supervisor (督办员) and a leader (局领导) who manage items, an
 * office user who reads them all; the lead department 财务科 with its head, a member and a
 * responsible person; the co-department 人事科 with its head and a member; an outside
 * department 办公室 with its head and a member.
 */
export async function supervisionWorld(db: DB) {
	const lead = await newDepartment(db, { name: '财务科' });
	const co = await newDepartment(db, { name: '人事科' });
	const other = await newDepartment(db, { name: '信息科' });
	const supervisor = await newUser(db, { name: '赵督办', roles: ['supervisor'] });
	const leader = await newUser(db, { name: '钱局长', roles: ['leader'] });
	const office = await newUser(db, { name: '王办公', roles: ['office'] });
	const leadHead = await newUser(db, { name: '孙科长', roles: ['dept_head'], departmentId: lead });
	const leadStaff = await newUser(db, { name: '李科员', roles: ['staff'], departmentId: lead });
	const responsible = await newUser(db, { name: '周经办', roles: ['staff'], departmentId: lead });
	const coHead = await newUser(db, { name: '吴科长', roles: ['dept_head'], departmentId: co });
	const coStaff = await newUser(db, { name: '郑科员', roles: ['staff'], departmentId: co });
	const otherHead = await newUser(db, {
		name: '冯科长',
		roles: ['dept_head'],
		departmentId: other
	});
	const otherStaff = await newUser(db, { name: '陈科员', roles: ['staff'], departmentId: other });
	return {
		lead,
		co,
		other,
		supervisor,
		leader,
		office,
		leadHead,
		leadStaff,
		responsible,
		coHead,
		coStaff,
		otherHead,
		otherStaff
	};
}

export type SupervisionWorld = Awaited<ReturnType<typeof supervisionWorld>>;

/** A manual item's form for the world: lead 财务科, co 人事科, responsible 周经办. */
export function itemForm(w: SupervisionWorld, o: Partial<ItemInput> = {}): ItemInput {
	return {
		title: '做好年终财务决算工作',
		requirement: '按时完成决算并报送局领导。',
		source: 'manual',
		leadDepartmentId: String(w.lead),
		coDepartmentIds: [String(w.co)],
		responsibleId: String(w.responsible.id),
		deadline: '',
		priority: 'normal',
		classification: 'none',
		...o
	};
}

/** How far an item is taken through its steps. */
export type ItemStage = 'registered' | 'assigned' | 'signed';

/**
 * Registers an item by the world's supervisor (with `form` overrides), and assigns and signs
 * it (by the lead's head) when `stage` asks. Returns its id and number.
 */
export async function newItem(
	db: DB,
	w: SupervisionWorld,
	o: {
		stage?: ItemStage;
		form?: Partial<ItemInput>;
		by?: FixtureUser;
		classification?: Classification;
		priority?: SupervisionPriority;
	} = {}
): Promise<{ id: number; number: string }> {
	const by = o.by ?? w.supervisor;
	const created = await registerItem(
		db,
		by.actor,
		itemForm(w, {
			...(o.classification ? { classification: o.classification } : {}),
			...(o.priority ? { priority: o.priority } : {}),
			...o.form
		})
	);
	const stage = o.stage ?? 'registered';
	if (stage !== 'registered') await assignItem(db, by.actor, created.id);
	if (stage === 'signed') await signItem(db, w.leadHead.actor, created.id);
	return created;
}

/** Notices of a kind (supervision.<step>) and whom they went to, by user id. */
export async function noticesOf(db: DB, step: string): Promise<number[]> {
	const rows = await db
		.selectFrom('notifications')
		.select('user_id')
		.where('kind', '=', `supervision.${step}`)
		.orderBy('user_id')
		.execute();
	return rows.map((r) => r.user_id);
}

/** The item's timeline kinds, in order. */
export async function eventKinds(db: DB, itemId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('supervision_events')
		.select('kind')
		.where('item_id', '=', itemId)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.kind);
}
