import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { DEPARTMENT_KINDS } from '$lib/domain/roles';
import { oneOf, optionalId, requiredText, wholeNumber } from '../fields';

/** A department as the departments page posts it. */
export const departmentSchema = z.object({
	name: requiredText(100),
	parentId: optionalId(() => m.err_department_unknown()),
	kind: oneOf(DEPARTMENT_KINDS),
	sortOrder: wholeNumber(0, 100000)
});

export type DepartmentInput = z.input<typeof departmentSchema>;
