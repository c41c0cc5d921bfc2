import { createContext } from 'svelte';
import type { Messages } from '$lib/i18n';
import type { RuleDraft } from './draft.svelte';

/**
 * What every part of the mentor's console shares: the strings of the console's language, where a
 * command's outcome goes (the notice at the top), and the rule being written (ticking a proposal
 * fills it), so none of these is handed down through every component.
 */
export interface ConsoleContext {
	readonly t: Messages;
	onresult(error: string | null): void;
	readonly draft: RuleDraft;
}

export const [getConsole, setConsole] = createContext<ConsoleContext>();
