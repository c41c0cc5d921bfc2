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
		}
		interface Platform {
			req?: import('node:http').IncomingMessage;
		}
	}
}

export {};
