import type { SessionUser, Session } from '$lib/server/auth/session';
import type { App as CuocThiApp } from '$lib/server/app';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			app: CuocThiApp;
			user: SessionUser | null;
			session: Session | null;
			locale: Locale;
			/** the browser's device cookie (fair play, issue 14), set by the hooks when it had none */
			deviceId: string;
		}
		interface PageData {
			/** Set by the root layout for every page. */
			locale?: Locale;
		}
	}
}

export {};
