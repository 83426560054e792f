import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { ROLES, rolesConflict } from '$lib/domain/roles';
import { choiceId, optionalDate, phone, requiredText, text, wholeNumber } from '../fields';

/** A login name: letters, digits, _ . - (2–32). */
export const username = () =>
	z
		.string({ error: () => m.err_username_format() })
		.trim()
		.regex(/^[A-Za-z0-9_.-]{2,32}$/, { error: () => m.err_username_format() });

/** A person's name as the directory shows it. */
export const personName = () => requiredText(32);

/** A person's fields as the admin form and the import file give them. */
export const personSchema = z
	.object({
		username: username(),
		name: personName(),
		departmentId: choiceId(() => m.err_department_required()),
		title: text(64),
		precedence: wholeNumber(0, 99999).default(100),
		phone: phone(),
		email: z
			.union([
				z.literal(''),
				z
					.string()
					.trim()
					.email({ error: () => m.err_email() })
			])
			.default(''),
		workStartDate: optionalDate(),
		roles: z
			.array(z.enum(ROLES, { error: () => m.err_role_unknown() }))
			.min(1, { error: () => m.err_roles_required() })
	})
	.superRefine((v, ctx) => {
		if (rolesConflict(v.roles))
			ctx.addIssue({ code: 'custom', path: ['roles'], message: m.err_auditor_exclusive() });
	});

/** A person as the form posts them (what `updatePerson` takes). */
export type PersonInput = z.input<typeof personSchema>;
/** A person checked by the schema. */
export type PersonFields = z.output<typeof personSchema>;

/** A new person: the fields and an initial password ('' generates one). */
export const newPersonSchema = personSchema.safeExtend({ password: z.string().default('') });

export type NewPersonInput = z.input<typeof newPersonSchema>;
