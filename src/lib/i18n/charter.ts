/**
 * The words of class charters: the mentor's charter pages, the console's charter panel, the class's
 * read-only page and the school overview. Kept in their own file (one import where they are used).
 */
import type { Lang } from '$lib/lessons/types';

export const charterNl = {
	charter: 'Klasafspraken',
	versionN: (n: number) => `Versie ${n}`,
	agreedOn: (day: string) => `Afgesproken op ${day}`,
	reviewOn: (day: string) => `Weer bekijken op ${day}`,
	reviewDue: 'Tijd om terug te kijken',
	schoolYear: (year: string) => `Schooljaar ${year}`,
	rulesCount: (n: number) => (n === 1 ? '1 afspraak' : `${n} afspraken`),
	versionsCount: (n: number) => (n === 1 ? '1 versie' : `${n} versies`),
	support: { wide: 'breed gedragen', divided: 'verdeeld', not: 'niet gedragen', 'too-few': 'te weinig stemmen' },
	choices: { good: 'Gaat goed', better: 'Kan beter', change: 'Moet anders' },
	save: {
		heading: 'Klasafspraken bewaren',
		intro:
			'Bewaar de afspraken als klasafspraken. Die blijven een schooljaar bewaard, ook als deze sessie weg is. Alleen de afspraken gaan mee: geen voorstellen, geen stemmen, niets van telefoons.',
		classLabel: 'Naam van de klas',
		yearLabel: 'Schooljaar',
		yearHint: 'Bijvoorbeeld 2026-2027.',
		agreedLabel: 'Afgesproken op',
		reviewLabel: 'Weer bekijken op',
		reviewHint: 'Over een paar weken kijkt de klas samen of de afspraken werken.',
		button: 'Bewaren als klasafspraken',
		noRules: 'Neem eerst afspraken aan. Dan kun je ze bewaren.',
		saved: (n: number) => `Bewaard als versie ${n} van de klasafspraken.`,
		open: 'Klasafspraken openen'
	},
	checkin: {
		heading: (n: number) => `Check-in op versie ${n}`,
		intro:
			'De klas kijkt terug op haar afspraken. Hieronder zie je per afspraak wat de klas vindt. Houd, herschrijf of schrap afspraken bij "Afspraken". Een nieuwe afspraak neem je aan uit een voorstel.',
		ratingsHeading: 'Zo vindt de klas de afspraken',
		noRatings: 'Nog geen keuzes.',
		ratingOf: (text: string) => `Keuzes voor: ${text}`,
		changes: 'Als je nu bewaart:',
		kept: (n: number) => `${n} blijven`,
		changed: (n: number) => `${n} veranderd`,
		added: (n: number) => `${n} nieuw`,
		dropped: (n: number) => `${n} geschrapt`,
		saveButton: (n: number) => `Bewaren als versie ${n} en sessie afsluiten`,
		saveHint: 'Daarna is de sessie afgesloten. Eerdere versies blijven te lezen.'
	},
	page: {
		title: (name: string) => `Klasafspraken ${name}`,
		current: 'Huidige versie',
		older: 'Eerdere versie',
		showVersion: 'Bekijken',
		versionsHeading: 'Alle versies',
		savedOn: (day: string) => `bewaard op ${day}`,
		diffHeading: (from: number, to: number) => `Wat veranderde van versie ${from} naar ${to}`,
		kept: 'Gebleven',
		changed: 'Veranderd',
		added: 'Nieuw',
		dropped: 'Geschrapt',
		none: 'Geen.',
		exportsHeading: 'Downloaden en afdrukken',
		poster: 'Poster (afdrukken of pdf)',
		markdown: 'Markdown',
		json: 'JSON',
		csv: 'CSV',
		csvNl: 'CSV voor Excel met Nederlandse instellingen (;)',
		diffExports: (from: number, to: number) => `Verschil tussen versie ${from} en ${to}`,
		readHeading: 'Link voor de klas',
		readHint: 'Met deze link of QR-code ziet de klas de afspraken en kan ze afdrukken. Veranderen kan niet.',
		readQr: (link: string) => `QR-code naar ${link}`,
		checkinHeading: 'Terugkijken met de klas',
		checkinHint: (n: number) =>
			`Start een check-in: de klas geeft op de telefoon per afspraak aan of het goed gaat. Daarna bewaar je versie ${n}.`,
		checkinButton: 'Check-in starten',
		recoveryHeading: 'Openen op een ander apparaat',
		recoveryHint: 'Maak een link die één keer werkt. Open hem op het andere apparaat. Daarna werkt alleen dat apparaat nog.',
		recoveryMake: 'Herstellink maken',
		recoveryLink: 'Herstellink (werkt één keer):',
		signOut: 'Uitloggen op deze computer',
		signOutHint: 'Deze browser opent de klasafspraken daarna niet meer. Bewaar eerst een herstellink.',
		delete: 'Klasafspraken verwijderen',
		deleteHint: 'Alle versies worden verwijderd. Dit kan niet ongedaan worden gemaakt.',
		deleted: 'De klasafspraken zijn verwijderd.',
		back: 'Terug naar de klasafspraken'
	},
	read: {
		kicker: 'Onze klasafspraken',
		readOnly: 'Je kunt deze afspraken lezen en afdrukken. Alleen je mentor kan ze veranderen.',
		print: 'Afdrukken',
		poster: 'Poster'
	},
	list: {
		heading: 'Jouw klasafspraken',
		intro: 'Deze browser heeft de sleutel van deze klasafspraken.',
		open: (name: string) => `${name} openen`
	},
	recover: {
		title: 'Klasafspraken openen op dit apparaat',
		intro: 'Deze link werkt één keer. Daarna opent alleen dit apparaat de klasafspraken.',
		button: 'Openen op dit apparaat',
		spent: 'Deze herstellink is al gebruikt, verlopen of klopt niet.'
	},
	admin: {
		title: 'Overzicht van de school',
		intro:
			'Alle klasafspraken op deze server: alleen wat klassen samen afspraken. Geen voorstellen, geen stemmen en niets van leerlingen, want dat wordt bij klasafspraken niet bewaard.',
		keyLabel: 'Sleutel van de coördinator',
		login: 'Inloggen',
		loginIntro: 'Vul de sleutel in die de beheerder van de server heeft ingesteld (ADMIN_KEY).',
		wrongKey: 'Die sleutel klopt niet.',
		forbidden: 'Alleen met de sleutel van de coördinator. Log in op /admin/login.',
		columns: {
			class: 'Klas',
			year: 'Schooljaar',
			rules: 'Afspraken',
			agreed: 'Afgesproken op',
			review: 'Weer bekijken',
			versions: 'Versies'
		},
		caption: 'Klasafspraken op deze server',
		none: 'Er zijn nog geen klasafspraken.',
		exportHeading: 'Alles downloaden',
		signOut: 'Uitloggen',
		due: 'ja',
		notDue: 'nee',
		dueColumn: 'Terugkijken nodig'
	},
	errors: {
		class_name: 'Vul de naam van de klas in (hoogstens 60 tekens).',
		school_year: 'Vul het schooljaar in zoals 2026-2027.',
		date: 'Kies geldige datums.',
		review_before_agreed: 'De datum om terug te kijken ligt vóór de afspraakdatum.',
		no_rules: 'Er zijn nog geen afspraken om te bewaren.',
		too_many_rules: 'Dat zijn te veel afspraken: hoogstens 30.',
		rule_text: 'Een afspraak heeft een tekst die niet kan.',
		duplicate_key: 'Een afspraak staat er twee keer in.',
		not_host: 'Deze browser heeft geen sleutel voor deze klasafspraken. Open ze met een herstellink.',
		stale: 'Er is intussen al een nieuwere versie bewaard. Open de klasafspraken en start een nieuwe check-in.',
		saved_already: 'Deze afspraken zijn al bewaard als klasafspraken.',
		no_module: 'De les voor een check-in ontbreekt op deze server.',
		unknown: 'Deze klasafspraken bestaan niet (meer).',
		rate_limited: 'Te veel pogingen. Wacht even.'
	}
};

export type CharterMessages = typeof charterNl;

export const charterEn: CharterMessages = {
	charter: 'Class charter',
	versionN: (n) => `Version ${n}`,
	agreedOn: (day) => `Agreed on ${day}`,
	reviewOn: (day) => `Review on ${day}`,
	reviewDue: 'Time to review',
	schoolYear: (year) => `School year ${year}`,
	rulesCount: (n) => (n === 1 ? '1 agreement' : `${n} agreements`),
	versionsCount: (n) => (n === 1 ? '1 version' : `${n} versions`),
	support: { wide: 'widely supported', divided: 'divided', not: 'not supported', 'too-few': 'too few votes' },
	choices: { good: 'Going well', better: 'Could be better', change: 'Needs to change' },
	save: {
		heading: 'Keep the class charter',
		intro:
			'Keep the agreements as the class charter. It stays for a school year, also after this session is gone. Only the agreements are kept: no proposals, no votes, nothing from phones.',
		classLabel: 'Class name',
		yearLabel: 'School year',
		yearHint: 'For example 2026-2027.',
		agreedLabel: 'Agreed on',
		reviewLabel: 'Review on',
		reviewHint: 'In a few weeks the class looks at whether the agreements work.',
		button: 'Keep as class charter',
		noRules: 'Adopt agreements first. Then you can keep them.',
		saved: (n) => `Kept as version ${n} of the class charter.`,
		open: 'Open the class charter'
	},
	checkin: {
		heading: (n) => `Check-in on version ${n}`,
		intro:
			'The class looks back on its agreements. Below you see per agreement what the class thinks. Keep, reword or drop agreements under "Agreements". Adopt a new agreement from a proposal.',
		ratingsHeading: 'How the class rates the agreements',
		noRatings: 'No choices yet.',
		ratingOf: (text) => `Choices for: ${text}`,
		changes: 'If you save now:',
		kept: (n) => `${n} kept`,
		changed: (n) => `${n} changed`,
		added: (n) => `${n} new`,
		dropped: (n) => `${n} dropped`,
		saveButton: (n) => `Save as version ${n} and close the session`,
		saveHint: 'The session is closed after that. Earlier versions stay readable.'
	},
	page: {
		title: (name) => `Class charter ${name}`,
		current: 'Current version',
		older: 'Earlier version',
		showVersion: 'View',
		versionsHeading: 'All versions',
		savedOn: (day) => `saved on ${day}`,
		diffHeading: (from, to) => `What changed from version ${from} to ${to}`,
		kept: 'Kept',
		changed: 'Changed',
		added: 'New',
		dropped: 'Dropped',
		none: 'None.',
		exportsHeading: 'Download and print',
		poster: 'Poster (print or pdf)',
		markdown: 'Markdown',
		json: 'JSON',
		csv: 'CSV',
		csvNl: 'CSV for Excel with Dutch settings (;)',
		diffExports: (from, to) => `Difference between version ${from} and ${to}`,
		readHeading: 'Link for the class',
		readHint: 'With this link or QR code the class sees the agreements and can print them. It cannot change anything.',
		readQr: (link) => `QR code to ${link}`,
		checkinHeading: 'Look back with the class',
		checkinHint: (n) =>
			`Start a check-in: on their phones the class says per agreement whether it is going well. Then you save version ${n}.`,
		checkinButton: 'Start a check-in',
		recoveryHeading: 'Open on another device',
		recoveryHint: 'Make a link that works once. Open it on the other device. After that only that device opens the charter.',
		recoveryMake: 'Make a recovery link',
		recoveryLink: 'Recovery link (works once):',
		signOut: 'Sign out on this computer',
		signOutHint: 'This browser will no longer open the charter. Make a recovery link first.',
		delete: 'Delete the class charter',
		deleteHint: 'Every version is deleted. This cannot be undone.',
		deleted: 'The class charter was deleted.',
		back: 'Back to the class charter'
	},
	read: {
		kicker: 'Our class agreements',
		readOnly: 'You can read and print these agreements. Only your mentor can change them.',
		print: 'Print',
		poster: 'Poster'
	},
	list: {
		heading: 'Your class charters',
		intro: 'This browser holds the key of these class charters.',
		open: (name) => `Open ${name}`
	},
	recover: {
		title: 'Open the class charter on this device',
		intro: 'This link works once. After that only this device opens the class charter.',
		button: 'Open on this device',
		spent: 'This recovery link was used already, has expired or is not right.'
	},
	admin: {
		title: 'School overview',
		intro:
			'Every class charter on this server: only what classes agreed together. No proposals, no votes and nothing from students, because a charter does not keep any of that.',
		keyLabel: 'Coordinator key',
		login: 'Sign in',
		loginIntro: 'Enter the key the server’s administrator set (ADMIN_KEY).',
		wrongKey: 'That key is not right.',
		forbidden: 'Only with the coordinator’s key. Sign in at /en/admin/login.',
		columns: { class: 'Class', year: 'School year', rules: 'Agreements', agreed: 'Agreed on', review: 'Review on', versions: 'Versions' },
		caption: 'Class charters on this server',
		none: 'There are no class charters yet.',
		exportHeading: 'Download everything',
		signOut: 'Sign out',
		due: 'yes',
		notDue: 'no',
		dueColumn: 'Review due'
	},
	errors: {
		class_name: 'Enter the class name (at most 60 characters).',
		school_year: 'Enter the school year like 2026-2027.',
		date: 'Choose valid dates.',
		review_before_agreed: 'The review date is before the date agreed.',
		no_rules: 'There are no agreements to keep yet.',
		too_many_rules: 'Those are too many agreements: at most 30.',
		rule_text: 'An agreement has a text that cannot be used.',
		duplicate_key: 'An agreement appears twice.',
		not_host: 'This browser holds no key for this class charter. Open it with a recovery link.',
		stale: 'A newer version was saved in the meantime. Open the class charter and start a new check-in.',
		saved_already: 'These agreements were kept as a class charter already.',
		no_module: 'The lesson for a check-in is missing on this server.',
		unknown: 'This class charter does not exist (any more).',
		rate_limited: 'Too many attempts. Wait a moment.'
	}
};

export function charterMessages(lang: Lang): CharterMessages {
	return lang === 'en' ? charterEn : charterNl;
}
