/** Dutch UI strings: the default language. `en.ts` must hold the same keys (the type checks it). */
export const nl = {
	appName: 'Klasakkoord',
	tagline: 'Lessen en klasafspraken over foto’s en filmpjes die zonder toestemming rondgaan',
	skipToContent: 'Naar de inhoud',
	languageSwitch: 'Read in English',
	languageSwitchLabel: 'Taal',
	otherLang: 'en',
	home: 'Start',
	footer: 'Klasakkoord bewaart geen namen en stuurt niets naar andere partijen.',

	modulesHeading: 'Lesmodules',
	modulesIntro:
		'Kies een les. Elke les heeft stappen met tijden, tekst voor de klas en aanwijzingen voor de mentor.',
	audience: { students: 'Voor leerlingen', staff: 'Voor het schoolteam' },
	ages: (min: number, max: number) => `${min}–${max} jaar`,
	minutes: (n: number) => `${n} min`,
	durationLabel: 'Duur',
	agesLabel: 'Leeftijd',
	audienceLabel: 'Voor wie',
	goalsLabel: 'Leerdoelen',
	themesLabel: 'Thema’s',
	openLesson: 'Les bekijken',
	onlyInOtherLang: 'Deze les is alleen in het Engels beschikbaar.',
	noModules: 'Er zijn nog geen lessen. Zet een les in de map lessons/ (zie lessons/README.md).',

	lessonSteps: 'Stappen',
	stepLabel: (n: number, total: number) => `Stap ${n} van ${total}`,
	present: 'Presenteren',
	print: 'Afdrukken',
	printGuide: 'Handleiding afdrukken',
	printChecklist: 'Checklist afdrukken',
	notesLabel: 'Alleen voor de mentor',
	activity: {
		statement: 'Stelling',
		question: 'Vraag',
		proposals: 'Voorstellen',
		vote: 'Stemmen',
		scenario: 'Situatie'
	},
	statementChoices: ['Eens', 'Oneens', 'Weet niet'] as readonly string[],
	mythLabel: 'Fabel',
	mythStatement: 'Stelling (fabel)',
	quotedMyth: 'Dit hoor je weleens:',
	helpcardTitle: 'Hulpkaart',
	proposalsTheme: (theme: string) => `Thema: ${theme}`,
	lessonNotFound: 'Deze les bestaat niet (meer).',

	presenter: {
		title: (lesson: string) => `${lesson}: presentatie`,
		notesTitle: (lesson: string) => `${lesson}: aantekeningen`,
		previous: 'Vorige stap',
		next: 'Volgende stap',
		fullscreen: 'Volledig scherm',
		exitFullscreen: 'Volledig scherm uit',
		openNotes: 'Aantekeningen openen',
		notesHint: 'Open de aantekeningen op je eigen scherm. Ze volgen de presentatie.',
		timer: 'Tijd voor deze stap',
		timerOver: 'tijd voorbij',
		pause: 'Pauze',
		resume: 'Doorgaan',
		reset: 'Tijd opnieuw',
		shortcuts: 'Sneltoetsen',
		keys: {
			next: '→ of spatie: volgende',
			previous: '←: vorige',
			fullscreen: 'F: volledig scherm',
			notes: 'N: aantekeningen',
			timer: 'T: pauze / doorgaan',
			reset: 'R: tijd opnieuw'
		},
		nextUp: 'Hierna',
		lastStep: 'Dit is de laatste stap.',
		noNotes: 'Geen aantekeningen bij deze stap.',
		backToLesson: 'Terug naar de les',
		stepAnnouncement: (n: number, total: number, title: string) => `Stap ${n} van ${total}: ${title}`
	},

	errorTitle: 'Er ging iets mis',
	notFound: 'Deze pagina bestaat niet.',
	backHome: 'Naar de startpagina'
};

export type Messages = typeof nl;
