import type { Messages } from './nl';

export const en: Messages = {
	appName: 'Klasakkoord',
	tagline: 'Lessons and class agreements about photos and videos shared without consent',
	skipToContent: 'Skip to content',
	languageSwitch: 'Lees in het Nederlands',
	languageSwitchLabel: 'Language',
	otherLang: 'nl',
	home: 'Home',
	footer: 'Klasakkoord stores no names and sends nothing to other parties.',

	modulesHeading: 'Lesson modules',
	modulesIntro:
		'Choose a lesson. Each lesson has timed steps, text for the class and notes for the mentor.',
	audience: { students: 'For students', staff: 'For the school team' },
	ages: (min, max) => `ages ${min}–${max}`,
	minutes: (n) => `${n} min`,
	durationLabel: 'Duration',
	agesLabel: 'Ages',
	audienceLabel: 'Audience',
	goalsLabel: 'Learning goals',
	themesLabel: 'Themes',
	openLesson: 'View lesson',
	onlyInOtherLang: 'This lesson is only available in Dutch.',
	noModules: 'There are no lessons yet. Put a lesson in the lessons/ folder (see lessons/README.md).',

	lessonSteps: 'Steps',
	stepLabel: (n, total) => `Step ${n} of ${total}`,
	present: 'Present',
	print: 'Print',
	printGuide: 'Print the guide',
	printChecklist: 'Print the checklist',
	notesLabel: 'For the mentor only',
	activity: {
		statement: 'Statement',
		question: 'Question',
		proposals: 'Proposals',
		vote: 'Vote',
		scenario: 'Situation'
	},
	statementChoices: ['Agree', 'Disagree', 'Not sure'],
	mythLabel: 'Myth',
	mythStatement: 'Statement (myth)',
	quotedMyth: 'You sometimes hear:',
	helpcardTitle: 'Help card',
	proposalsTheme: (theme) => `Theme: ${theme}`,
	lessonNotFound: 'This lesson does not exist (any more).',

	presenter: {
		title: (lesson) => `${lesson}: presentation`,
		notesTitle: (lesson) => `${lesson}: notes`,
		previous: 'Previous step',
		next: 'Next step',
		fullscreen: 'Full screen',
		exitFullscreen: 'Exit full screen',
		openNotes: 'Open notes',
		notesHint: 'Open the notes on your own screen. They follow the presentation.',
		timer: 'Time for this step',
		timerOver: 'time is up',
		pause: 'Pause',
		resume: 'Resume',
		reset: 'Reset time',
		shortcuts: 'Keyboard shortcuts',
		keys: {
			next: '→ or space: next',
			previous: '←: previous',
			fullscreen: 'F: full screen',
			notes: 'N: notes',
			timer: 'T: pause / resume',
			reset: 'R: reset time'
		},
		nextUp: 'Next up',
		lastStep: 'This is the last step.',
		noNotes: 'No notes for this step.',
		backToLesson: 'Back to the lesson',
		stepAnnouncement: (n, total, title) => `Step ${n} of ${total}: ${title}`
	},

	errorTitle: 'Something went wrong',
	notFound: 'This page does not exist.',
	backHome: 'Go to the home page'
};
