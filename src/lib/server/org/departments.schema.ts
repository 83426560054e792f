import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { DEPARTMENT_KINDS } from '$lib/domain/roles';
import { oneOf, optionalId, requiredText, wholeNumber } from '../fields';

/** A department as the departments page posts it. */
export const departmentSchema = z.object({
	name: requiredText(100),
	parentId: optionalId(() => m.err_department_unknown()),
	kind: oneOf(DEPARTMENT_KINDS),
	sortOrder: wholeNumber(0, 100000),
	/** 分管领导: the leader who decides the department's 'responsible_leader' approval steps. */
	leaderId: optionalId(() => m.approval_err_leader_choose())
});

export type DepartmentInput = z.input<typeof departmentSchema>;
