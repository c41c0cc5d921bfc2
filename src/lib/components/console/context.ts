import { createContext } from 'svelte';
import type { Messages } from '$lib/i18n';

/**
 * What every part of the mentor's console shares: the strings of the console's language, and where a
 * command's outcome goes (the notice at the top), so neither is handed down through every component.
 */
export interface ConsoleContext {
	readonly t: Messages;
	onresult(error: string | null): void;
}

export const [getConsole, setConsole] = createContext<ConsoleContext>();
