import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { checkPassword } from '$lib/domain/password-policy';
import { ROLES, rolesConflict } from '$lib/domain/roles';

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.err_too_long({ max }) })
		.default('');

/** A person's fields as the admin form and the import file give them. */
export const personSchemaShape = {
	username: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9_.-]{2,32}$/, { error: () => m.err_username_format() }),
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.err_required() })
		.max(32, { error: () => m.err_too_long({ max: 32 }) }),
	departmentId: z.coerce
		.number({ error: () => m.err_department_required() })
		.int()
		.positive({ error: () => m.err_department_required() }),
	title: optionalText(64),
	precedence: z.coerce
		.number({ error: () => m.err_number() })
		.int({ error: () => m.err_number() })
		.min(0, { error: () => m.err_number() })
		.max(99999, { error: () => m.err_number() })
		.default(100),
	phone: z
		.string()
		.trim()
		.regex(/^[0-9+\-() ]{0,32}$/, { error: () => m.err_phone() })
		.default(''),
	email: z
		.union([
			z.literal(''),
			z
				.string()
				.trim()
				.email({ error: () => m.err_email() })
		])
		.default(''),
	workStartDate: z.union([z.literal(''), z.iso.date({ error: () => m.err_date() })]).default(''),
	roles: z
		.array(z.enum(ROLES, { error: () => m.err_role_unknown() }))
		.min(1, { error: () => m.err_roles_required() })
};

export const personSchema = z.object(personSchemaShape).superRefine((v, ctx) => {
	if (rolesConflict(v.roles))
		ctx.addIssue({ code: 'custom', path: ['roles'], message: m.err_auditor_exclusive() });
});

export type PersonInput = z.output<typeof personSchema>;

export function passwordProblemMessage(password: string, username: string): string | null {
	const problem = checkPassword(password, username);
	if (problem === 'too_short') return m.err_password_short();
	if (problem === 'too_simple') return m.err_password_simple();
	if (problem === 'contains_username') return m.err_password_username();
	return null;
}
