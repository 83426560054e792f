import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { auditCount, newUser } from '../testing/fixtures';
import { listRooms } from './rooms.service';

export const input = (o: Record<string, unknown> = {}) => ({
	name: '第一会议室',
	location: '机关大楼3楼',
	capacity: '40',
	equipment: '投影、话筒，视频会议',
	sortOrder: '10',
	...o
});

export async function newManager(db: DB, role: Role = 'office') {
	return (await newUser(db, { name: '秘书科王芳', roles: [role] })).actor;
}

/** What a refused call must leave untouched: the rooms and the audit log. */
export async function snapshot(db: DB) {
	return { rooms: await listRooms(db, { includeInactive: true }), audits: await auditCount(db) };
}
