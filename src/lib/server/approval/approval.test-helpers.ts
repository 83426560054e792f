import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { newDepartment, newUser, type FixtureUser } from '../testing/fixtures';
import { setPrincipalLeader } from './rules.service';

/** Monday 7 December 2026, 09:30 in Beijing. */
export const MONDAY = '2026-12-07T01:30:00Z';
export const TODAY = '2026-12-07';

export interface ApprovalWorld {
	deptId: number;
	otherDeptId: number;
	staff: FixtureUser;
	head: FixtureUser;
	leader: FixtureUser;
	principal: FixtureUser;
	otherHead: FixtureUser;
	otherLeader: FixtureUser;
	office: FixtureUser;
	admin: FixtureUser;
}

/**
 * 综合科 (head 孙科长, 分管领导 钱局长), 财务科 (head 周科长, 分管领导 吴局长), 主要领导 王局长,
 * 办公室 郑主任 and the administrator.
 */
export async function approvalWorld(db: DB): Promise<ApprovalWorld> {
	const deptId = await newDepartment(db, { name: '综合科' });
	const otherDeptId = await newDepartment(db, { name: '财务科' });
	const leadership = await newDepartment(db, { name: '局领导', kind: 'leadership' });
	const staff = await newUser(db, { name: '李明', departmentId: deptId });
	const head = await newUser(db, { name: '孙科长', roles: ['dept_head'], departmentId: deptId });
	const otherHead = await newUser(db, {
		name: '周科长',
		roles: ['dept_head'],
		departmentId: otherDeptId
	});
	const leader = await newUser(db, { name: '钱局长', roles: ['leader'], departmentId: leadership });
	const otherLeader = await newUser(db, {
		name: '吴局长',
		roles: ['leader'],
		departmentId: leadership
	});
	const principal = await newUser(db, {
		name: '王局长',
		roles: ['leader'],
		departmentId: leadership
	});
	const office = await newUser(db, { name: '郑主任', roles: ['office'], departmentId: deptId });
	const admin = await newUser(db, { name: '管理员', roles: ['admin'] });
	await setLeaderOf(db, deptId, leader.id);
	await setLeaderOf(db, otherDeptId, otherLeader.id);
	await setLeaderOf(db, leadership, principal.id);
	await setPrincipalLeader(db, admin.actor, { principalLeaderId: principal.id });
	return {
		deptId,
		otherDeptId,
		staff,
		head,
		leader,
		principal,
		otherHead,
		otherLeader,
		office,
		admin
	};
}

export async function setLeaderOf(db: DB, departmentId: number, leaderId: number | null) {
	await db
		.updateTable('departments')
		.set({ leader_id: leaderId })
		.where('id', '=', departmentId)
		.execute();
}

export const inTrx = <T>(db: DB, work: (trx: DB) => Promise<T>) => inTransaction(db, work);

export async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		return { name: (e as Error).name, fields: (e as { fields?: Record<string, string> }).fields };
	}
	throw new Error('expected a refusal');
}
