import type { DB } from '../db';
import { getDepartments } from '../org/departments.service';
import { pinyinInitials } from '../person-initials';
import { listRooms } from '../rooms/rooms.service';
import { listActivePeople } from '../org/directory.service';
import { activeMeetingTypes } from './meeting-types.service';

/**
 * The choices a meeting plan form offers: types, rooms, departments and active people (with
 * their department's name and pinyin initials, for the PersonPicker).
 */
export async function meetingFormOptions(db: DB, current?: { typeId: number; typeName: string }) {
	const [types, rooms, departments, people] = await Promise.all([
		activeMeetingTypes(db),
		listRooms(db),
		getDepartments(db),
		listActivePeople(db)
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
			departmentId: p.departmentId,
			department: p.departmentName,
			initials: pinyinInitials(p.name)
		}))
	};
}
export type MeetingFormOptions = Awaited<ReturnType<typeof meetingFormOptions>>;
