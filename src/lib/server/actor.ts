import type { Role } from '$lib/domain/roles';

/** Who is acting, and from where: every service call that changes something receives one. */
export interface Actor {
	id: number;
	name: string;
	roles: Role[];
	ip: string;
}

/** The request context of an action with nobody signed in (login, first-run setup). */
export interface AnonymousContext {
	ip: string;
}
