import type { Actor } from '$lib/server/actor';
import type { SessionUser } from '$lib/server/auth/auth.service';
import type { Session } from '$lib/server/auth/session';
import type { Locale } from '$lib/paraglide/runtime';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			actor: Actor | null;
			/** The database's change stamp, read with the session (null when signed out). */
			stamp: number | null;
			/** The request's language (hooks.server.ts: cookie, else the base locale). */
			locale: Locale;
		}
	}
}

export {};
