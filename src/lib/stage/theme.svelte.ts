/**
 * The stage's theme: light, dark or high contrast. The mentor picks it on the console or in the
 * presenter; it is remembered in this browser and followed at once by every open stage window.
 */
export const THEMES = ['light', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'klasakkoord-stage-theme';

function stored(): Theme {
	try {
		const value = localStorage.getItem(KEY);
		return THEMES.find((theme) => theme === value) ?? 'light';
	} catch {
		return 'light';
	}
}

class StageTheme {
	/** Light until the browser has said otherwise: the server cannot know. */
	value: Theme = $state('light');

	set(theme: Theme) {
		this.value = theme;
		try {
			localStorage.setItem(KEY, theme);
		} catch {
			// Storage may be off (private mode): the choice then lasts as long as the page.
		}
	}

	/** Reads the stored choice and follows changes made in other windows; returns the clean-up. */
	follow(): () => void {
		this.value = stored();
		const onstorage = (event: StorageEvent) => {
			if (event.key === KEY) this.value = stored();
		};
		window.addEventListener('storage', onstorage);
		return () => window.removeEventListener('storage', onstorage);
	}
}

export const stageTheme = new StageTheme();
