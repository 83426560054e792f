import type { Role } from '$lib/domain/roles';
import type { Actor } from '../actor';
import { ForbiddenError } from '../errors';

export function hasRole(actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean {
	return roles.some((r) => actor.roles.includes(r));
}

/** Services call this first; the refusal is a ForbiddenError (403). */
export function requireRole(actor: Actor, ...roles: Role[]): void {
	if (!hasRole(actor, ...roles)) throw new ForbiddenError();
}
