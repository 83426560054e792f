import type { DB } from '../db';
import { listDepartments } from '../org/departments.repository';
import { findRooms } from '../rooms/rooms.repository';
import { pinyinInitials } from '../person-initials';
import { listMeetingTypes } from './meetings-list.repository';

/**
 * The choices a meeting plan form offers: types, rooms, departments and active people (with
 * their department's name and pinyin initials, for the PersonPicker).
 */
export async function meetingFormOptions(db: DB, current?: { typeId: number; typeName: string }) {
	const [types, rooms, departments, people] = await Promise.all([
		listMeetingTypes(db),
		findRooms(db),
		listDepartments(db),
		db
			.selectFrom('users')
			.leftJoin('departments', 'departments.id', 'users.department_id')
			.select([
				'users.id',
				'users.name',
				'users.title',
				'users.department_id',
				'departments.name as department_name'
			])
			.where('users.is_active', '=', true)
			.orderBy('departments.sort_order')
			.orderBy('users.precedence')
			.execute()
	]);
	return {
		types: [
			...types.map((t) => ({ id: t.id, name: t.name })),
			...(current && !types.some((t) => t.id === current.typeId)
				? [{ id: current.typeId, name: current.typeName }]
				: [])
		],
		rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
		departments: departments
			.filter((d) => d.isActive)
			.map((d) => ({ id: d.id, name: d.name, memberCount: d.memberCount })),
		people: people.map((p) => ({
			id: p.id,
			name: p.name,
			title: p.title,
			departmentId: p.department_id,
			department: p.department_name,
			initials: pinyinInitials(p.name)
		}))
	};
}
export type MeetingFormOptions = Awaited<ReturnType<typeof meetingFormOptions>>;
