/**
 * The strings of the student's phone page. They are plain data (placeholders in braces, see `fill`)
 * so the server can send the one language a phone needs with the page, instead of the page's script
 * carrying both; the full message sets in nl.ts and en.ts include them.
 */
export const studentNl = {
	appName: 'Klasakkoord',
	live: {
		joinButton: 'Doe mee',
		joinPrivacy: 'Je doet mee zonder naam. Niemand ziet wat jij stemt of voorstelt.',
		codeIs: 'Code: {code}',
		tally: '{agree} eens, {disagree} oneens, {pass} overgeslagen',
		status: { connecting: 'Verbinden…', live: 'Live', offline: 'Geen verbinding. We proberen het opnieuw…' },
		phase: {
			propose: 'Voorstellen doen',
			vote: 'Stemmen',
			review: 'Uitkomst bespreken',
			answer: 'Vraag beantwoorden',
			respond: 'Kiezen',
			screen: 'Kijk naar het bord'
		},
		choices: { agree: 'Eens', disagree: 'Oneens', pass: 'Sla over' },
		consensus: { wide: 'Breed gedragen', divided: 'Verdeeld', not: 'Niet gedragen', 'too-few': 'Te weinig stemmen' },
		student: {
			proposeHeading: 'Doe een voorstel',
			proposeLabel: 'Jouw voorstel voor een klasafspraak',
			proposeHint: 'Begin met “Wij…”. Noem geen namen.',
			counter: '{n} van {max} tekens',
			send: 'Versturen',
			sent: 'Verstuurd. Je kunt nog een voorstel doen.',
			mine: 'Jouw voorstellen',
			pending: 'wacht op je mentor',
			approved: 'staat op het bord',
			voteHeading: 'Stem op de voorstellen',
			voteHint: 'Je stem is anoniem. Je kunt hem veranderen zolang het stemmen openstaat.',
			noProposals: 'Er staan nog geen voorstellen klaar.',
			voteSaved: 'Je stem is opgeslagen.',
			votesCounted: 'Je stemde op {n} van {total} voorstellen.',
			reviewHeading: 'We bespreken de uitkomst',
			reviewHint: 'Kijk naar het bord.',
			waiting: 'Kijk naar het bord. Zo meteen kun je hier weer iets doen.',
			rulesHeading: 'Onze afspraken',
			closedHeading: 'De sessie is afgelopen. Dit zijn onze afspraken:',
			noRules: 'Er zijn geen afspraken vastgelegd.',
			results: 'Uitslag',
			answerLabel: 'Jouw antwoord',
			answerHint: 'Noem geen namen. Je mentor leest eerst mee.',
			answersHeading: 'Antwoorden van de klas',
			respondHint: 'Je keuze is anoniem. Je kunt hem veranderen.',
			respondChoices: { agree: 'Eens', disagree: 'Oneens', unsure: 'Weet niet' },
			yourChoice: 'Jouw keuze is opgeslagen.',
			stepOf: 'Stap {n} van {total}',
			refresh: 'Vernieuwen',
			autoRefresh: 'Deze pagina ververst zichzelf.',
			checkinHeading: 'Hoe gaat het met onze afspraken?',
			checkinHint: 'Kies per afspraak. Je keuze is anoniem. Je kunt hem veranderen.',
			/** A check-in's choices, as the value the phone sends and its label. */
			checkinChoices: [
				{ value: 'good', label: 'Gaat goed' },
				{ value: 'better', label: 'Kan beter' },
				{ value: 'change', label: 'Moet anders' }
			]
		}
	}
};

export type StudentMessages = typeof studentNl;

export const studentEn: StudentMessages = {
	appName: 'Klasakkoord',
	live: {
		joinButton: 'Join',
		joinPrivacy: 'You take part without your name. Nobody sees what you vote or propose.',
		codeIs: 'Code: {code}',
		tally: '{agree} agree, {disagree} disagree, {pass} passed',
		status: { connecting: 'Connecting…', live: 'Live', offline: 'No connection. Trying again…' },
		phase: {
			propose: 'Making proposals',
			vote: 'Voting',
			review: 'Discussing the results',
			answer: 'Answering a question',
			respond: 'Choosing',
			screen: 'Look at the board'
		},
		choices: { agree: 'Agree', disagree: 'Disagree', pass: 'Pass' },
		consensus: { wide: 'Widely supported', divided: 'Divided', not: 'Not supported', 'too-few': 'Too few votes' },
		student: {
			proposeHeading: 'Make a proposal',
			proposeLabel: 'Your proposal for a class agreement',
			proposeHint: 'Start with “We…”. Don’t use names.',
			counter: '{n} of {max} characters',
			send: 'Send',
			sent: 'Sent. You can make another proposal.',
			mine: 'Your proposals',
			pending: 'waiting for your mentor',
			approved: 'on the board',
			voteHeading: 'Vote on the proposals',
			voteHint: 'Your vote is anonymous. You can change it while voting is open.',
			noProposals: 'There are no proposals yet.',
			voteSaved: 'Your vote is saved.',
			votesCounted: 'You voted on {n} of {total} proposals.',
			reviewHeading: 'We are discussing the results',
			reviewHint: 'Look at the board.',
			waiting: 'Look at the board. You can do something here again soon.',
			rulesHeading: 'Our agreements',
			closedHeading: 'The session has ended. These are our agreements:',
			noRules: 'No agreements were recorded.',
			results: 'Results',
			answerLabel: 'Your answer',
			answerHint: 'Don’t use names. Your mentor reads it first.',
			answersHeading: 'The class’s answers',
			respondHint: 'Your choice is anonymous. You can change it.',
			respondChoices: { agree: 'Agree', disagree: 'Disagree', unsure: 'Not sure' },
			yourChoice: 'Your choice is saved.',
			stepOf: 'Step {n} of {total}',
			refresh: 'Refresh',
			autoRefresh: 'This page refreshes itself.',
			checkinHeading: 'How are our agreements going?',
			checkinHint: 'Choose for each agreement. Your choice is anonymous. You can change it.',
			checkinChoices: [
				{ value: 'good', label: 'Going well' },
				{ value: 'better', label: 'Could be better' },
				{ value: 'change', label: 'Needs to change' }
			]
		}
	}
};

export function studentMessages(lang: 'nl' | 'en'): StudentMessages {
	return lang === 'en' ? studentEn : studentNl;
}
