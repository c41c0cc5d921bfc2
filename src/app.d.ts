import type { Lang } from '$lib/lessons/types';

declare global {
	namespace App {
		interface Locals {
			lang: Lang;
		}
		interface PageData {
			lang: Lang;
		}
		interface Error {
			message: string;
			/** The refusal's code (see src/lib/server/respond.ts), for the JSON API's error shape. */
			error?: string;
		}
		interface Platform {
			req?: import('node:http').IncomingMessage;
		}
	}
}

export {};
