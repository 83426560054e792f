import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { readStamp } from '../db/stamp';
import { createSession, validateSessionWith } from './session';
import { findSessionUser } from './sessions.repository';

const limits = { idleMinutes: 120, absoluteHours: 12 };
const meta = { ip: '10.1.2.3', userAgent: 'test' };

describeEachDialect('the signed-in person, read with the session in one query', ({ db }) => {
	it('brings the person, their department, every role and the change stamp', async () => {
		const dept = await newDepartment(db(), { name: '办公室', kind: 'office' });
		const u = await newUser(db(), {
			username: 'office1',
			name: '赵文',
			departmentId: dept,
			roles: ['staff', 'office', 'admin']
		});
		const { token, session } = await createSession(db(), u.id, limits, meta);
		const found = await validateSessionWith(db(), token, limits, new Date(), (id) =>
			findSessionUser(db(), id)
		);
		expect(found?.id).toBe(session.id);
		expect(found?.secretHash).toBe(session.secretHash);
		expect(found?.user).toEqual({
			id: u.id,
			username: 'office1',
			name: '赵文',
			departmentId: dept,
			departmentName: '办公室',
			title: '',
			roles: ['admin', 'office', 'staff'],
			isPasswordChangeRequired: false
		});
		expect(found?.stamp).toBe(await readStamp(db()));
	});

	it('gives no person for a deactivated account, and none for a wrong secret', async () => {
		const u = await newUser(db(), { username: 'gone', isActive: false });
		const { token, session } = await createSession(db(), u.id, limits, meta);
		expect((await findSessionUser(db(), session.id))?.user).toBeNull();
		const forged = `${session.id}.${'x'.repeat(32)}`;
		const find = (id: string) => findSessionUser(db(), id);
		expect(await validateSessionWith(db(), forged, limits, new Date(), find)).toBeNull();
		expect(await validateSessionWith(db(), token, limits, new Date(), find)).not.toBeNull();
	});

	it('gives a person without roles an empty list', async () => {
		const u = await newUser(db(), { username: 'noroles', roles: [] });
		const { session } = await createSession(db(), u.id, limits, meta);
		expect((await findSessionUser(db(), session.id))?.user?.roles).toEqual([]);
	});
});
