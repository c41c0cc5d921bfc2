import { describe, expect, it } from 'vitest';
import { flagText } from './flags';
import type { FlagReason } from './types';

/** The matches of one reason, in order. */
const of = (text: string, reason: FlagReason) =>
	flagText(text)
		.filter((flag) => flag.reason === reason)
		.map((flag) => flag.match);

describe('flagText: ordinary proposals', () => {
	it.each([
		'Wij vragen toestemming. Ook op Instagram.',
		'In de les van maandag',
		'We filmen niet in de kleedkamer',
		'3 keer per week',
		'sinds 2024',
		'Hoe gaan we om met filmpjes?',
		'Oké, we sturen niets door in de WhatsApp-groep of op TikTok en Snapchat.',
		'We vragen toestemming in het Nederlands, het Engels en bij LO en ICT.',
		'Bij twijfel bellen we de Kindertelefoon of kijken we bij Helpwanted',
		'We Filmen Niet In De Kleedkamer',
		'We doen dat NOOIT in de Instagramaccount van de klas',
		'I think we should ask first',
		'On Monday in May we talk about AI, OK?',
		'We never post pictures of someone on YouTube or Discord without asking, thank God.',
		"I'm sure I'll ask first, and I've said so in PE."
	])('%s: no flags', (text) => {
		expect(flagText(text)).toEqual([]);
	});
});

describe('flagText: person', () => {
	it('flags Dutch names in the middle of a sentence, with surname and particles', () => {
		expect(of('Gisteren heeft Sanne Jansen een foto van Jan de Vries gedeeld', 'person')).toEqual(['Sanne Jansen', 'Jan de Vries']);
		expect(of('We praten met Zoë en Anaïs over de groepsapp', 'person')).toEqual(['Zoë', 'Anaïs']);
	});

	it('flags English names in the middle of a sentence', () => {
		expect(of('We should not post what Tom filmed of Emily', 'person')).toEqual(['Tom', 'Emily']);
	});

	it('flags the name after a title, even at the start of a sentence or when it is a common word', () => {
		expect(of('Meneer Bakker zegt dat het mag', 'person')).toEqual(['Meneer Bakker']);
		expect(of('We vragen het aan juf Sanne en mevrouw van Dijk', 'person')).toEqual(['juf Sanne', 'mevrouw van Dijk']);
		expect(of('Mr. Smith said no. Mrs May agreed.', 'person')).toEqual(['Mr. Smith', 'Mrs May']);
		expect(of('Ask teacher Anna or Miss Brown first', 'person')).toEqual(['teacher Anna', 'Miss Brown']);
	});

	it('does not take a lower-case word after a title as a name', () => {
		expect(of('De juf zegt dat meneer gelijk heeft', 'person')).toEqual([]);
		expect(of('Yes sir. That is fine', 'person')).toEqual([]);
	});

	it('does not flag capitals at the start of a sentence, after a colon, a line break or an opening quote', () => {
		expect(of('Afspraak: Filmen doen we samen.\nNiemand wordt gefilmd.', 'person')).toEqual([]);
		expect(of('Hij zei "Stop daarmee" en ging weg', 'person')).toEqual([]);
		expect(of('She said “Please delete it” and left', 'person')).toEqual([]);
	});

	it('does take a capital after a closing quote, an abbreviation or an initial as mid-sentence', () => {
		expect(of('Dat vond "iedereen" Jan ook', 'person')).toEqual(['Jan']);
		expect(of('Vraag het bijv. Piet of o.a. Fatima', 'person')).toEqual(['Piet', 'Fatima']);
		expect(of('We vragen J. Jansen', 'person')).toEqual(['Jansen']);
	});

	it('reports a name once, at its first place', () => {
		expect(flagText('We delen niets van Jan. Jan en ook Jan vinden dat niet fijn.')).toEqual([{ reason: 'person', match: 'Jan' }]);
	});
});

describe('flagText: given names', () => {
	it('flags a given name at the start of a sentence and in lower case', () => {
		expect(of('Sanne is een dikke koe die altijd foto’s maakt', 'person')).toEqual(['Sanne']);
		expect(of('noah en lucas filmen in de kleedkamer. Thijs ook', 'person')).toEqual(['noah', 'lucas', 'Thijs']);
		expect(of("Priya sent it to everyone, and kyle's mum saw it", 'person')).toEqual(['Priya', "kyle's"]);
		expect(of('jan-willem heeft het gedeeld', 'person')).toEqual(['jan-willem']);
	});

	it('flags names of Dutch teenagers of many origins', () => {
		const names = ['fatima', 'yusuf', 'zeynep', 'kacper', 'shanice', 'ayoub'];
		expect(of(names.join(', '), 'person')).toEqual(names);
	});

	it('takes a name that is also a word as a name only in a person context', () => {
		expect(of('Max 2 foto’s per week. Ik ben het eens. Will you ask first? Fleur je profiel niet op', 'person')).toEqual([]);
		expect(of('Een foto is als een roos. Hope is not a plan. We Will Ask First', 'person')).toEqual([]);
		expect(of('die van roos is gênant', 'person')).toEqual(['roos']);
		expect(of('Floor uit 2c heeft het gefilmd, will from 9B ook', 'person')).toEqual(['Floor', 'will']);
		expect(of('max is een dikke vetzak', 'person')).toEqual(['max']);
		expect(of('We vragen het aan juf roos', 'person')).toEqual(['juf roos']);
		expect(of('Ask Will first', 'person')).toEqual(['Will']);
	});

	it('flags a teacher with a surname in lower case after a particle or an abbreviated title', () => {
		expect(of('meneer de vries filmt zelf ook', 'person')).toEqual(['meneer de vries']);
		expect(of('mrs davies is a bitch', 'person')).toEqual(['mrs davies']);
		expect(of('We praten met de meneer van de kantine en a teacher in class', 'person')).toEqual([]);
	});
});

describe('flagText: insults aimed at a person', () => {
	it('flags what is said of a named person in Dutch', () => {
		expect(of('Sanne is een dikke koe', 'insult')).toEqual(['dikke koe']);
		expect(of('fatima is echt zo lelijk op die foto 😂', 'insult')).toEqual(['lelijk']);
		expect(of('Daan stinkt. Kacper is dik en Eva is gestoord', 'insult')).toEqual(['stinkt', 'dik', 'gestoord']);
		expect(of('Lars zn moeder is dik, iedereen vindt Mila stom', 'insult')).toEqual(['dik', 'stom']);
		expect(of('Hij is lelijk en dik', 'insult')).toEqual(['lelijk', 'dik']);
	});

	it('flags what is said of a named person in English', () => {
		expect(of("Emily is ugly. Tyler smells and jake's so fat lol", 'insult')).toEqual(['ugly', 'smells', 'fat']);
		expect(of("Lewis's mum is fat and she's disgusting", 'insult')).toEqual(['fat', 'disgusting']);
		expect(of('what a fat cow', 'insult')).toEqual(['fat cow']);
	});

	it('stays quiet on agreements about insults, negations and things', () => {
		expect(of('We zeggen niet dat iemand lelijk is. Niemand is dom. Dat is stom.', 'insult')).toEqual([]);
		expect(of('Sanne is niet dom en Daan stinkt niet', 'insult')).toEqual([]);
		expect(of('We do not call anyone ugly or fat. Ugly pics stay private. If you are stupid enough, ask.', 'insult')).toEqual([]);
		expect(of('Sanne is vet, Tom is nice', 'insult')).toEqual([]);
	});
});

describe('flagText: handle', () => {
	it('flags handles in Dutch and English text', () => {
		expect(of('Volg @sanne_02 niet meer op insta', 'handle')).toEqual(['@sanne_02']);
		expect(of('Someone tagged @tom.jansen in a story.', 'handle')).toEqual(['@tom.jansen']);
	});

	it('does not flag an e-mail address, a time or a lone @ as a handle', () => {
		expect(of('Mail naar mentor@school.nl', 'handle')).toEqual([]);
		expect(of('We meet @ 15:00', 'handle')).toEqual([]);
		expect(of('Afspraak @15.00 uur', 'handle')).toEqual([]);
	});
});

describe('flagText: phone', () => {
	it('flags Dutch phone numbers in their usual forms', () => {
		expect(of('Bel 06-12345678 of 06 1234 5678 of +31 6 12345678.', 'phone')).toEqual(['06-12345678', '06 1234 5678', '+31 6 12345678']);
		expect(of('Of 0031 6 12345678, 020-1234567, (020) 1234567 en 06 12 34 56 78', 'phone')).toEqual([
			'0031 6 12345678',
			'020-1234567',
			'(020) 1234567',
			'06 12 34 56 78'
		]);
	});

	it('flags a long run of digits in English text', () => {
		expect(of('Text me on 0612345678 or 123-456-7890', 'phone')).toEqual(['0612345678', '123-456-7890']);
	});

	it('does not flag years, times, dates, counts, amounts or lists', () => {
		expect(of('Sinds 2024 praten we 3 keer per week om 15.30 uur, op 12-03-2024 en 14:45', 'phone')).toEqual([]);
		expect(of('The video had 1.000.000.000 views in 2023 2024 2025', 'phone')).toEqual([]);
		expect(of('Choose 10 - 12 - 14 - 16 - 18 points', 'phone')).toEqual([]);
	});
});

describe('flagText: email', () => {
	it('flags e-mail addresses, also written with (at)', () => {
		expect(of('Mail jan.de.vries@gmail.com of sanne (at) school.nl', 'email')).toEqual(['jan.de.vries@gmail.com', 'sanne (at) school.nl']);
		expect(flagText('Write to zoë@example.org.')).toEqual([{ reason: 'email', match: 'zoë@example.org' }]);
	});

	it('does not flag a handle or a bare @ as an e-mail address', () => {
		expect(of('Volg @jan op TikTok', 'email')).toEqual([]);
		expect(of('We meet @ school.', 'email')).toEqual([]);
	});
});

describe('flagText: link', () => {
	it('flags URLs and bare domains, without trailing punctuation', () => {
		expect(of('Kijk op https://example.nl/pagina?x=1. Of www.voorbeeld.nl!', 'link')).toEqual([
			'https://example.nl/pagina?x=1',
			'www.voorbeeld.nl'
		]);
		expect(flagText('See tiktok.com/@sanne or site.nl')).toEqual([
			{ reason: 'link', match: 'tiktok.com/@sanne' },
			{ reason: 'link', match: 'site.nl' }
		]);
	});

	it('does not flag abbreviations, a missing space after a full stop, or decimals', () => {
		expect(of('Vraag toestemming, bijv. via de app, o.a. in de klas.Daarna niet.', 'link')).toEqual([]);
		expect(of('We vragen toestemming.De foto blijft van jou', 'link')).toEqual([]);
		expect(of('Ask first, e.g. in class, i.e. before 3.30 pm', 'link')).toEqual([]);
	});
});

describe('flagText: insult', () => {
	it('flags Dutch swear words and insults with their inflections and compounds', () => {
		expect(of('Wat een kut idee, kutte les, idioten', 'insult')).toEqual(['kut', 'kutte', 'idioten']);
		expect(of('Kanker op, jij kankerlijer en teringlijer', 'insult')).toEqual(['Kanker', 'kankerlijer', 'teringlijer']);
		expect(of('Ze noemden haar een slet en hoeren, hij is een klootzak en een mongool', 'insult')).toEqual([
			'slet',
			'hoeren',
			'klootzak',
			'mongool'
		]);
		expect(of('Wat een lulletje, die sukkels', 'insult')).toEqual(['lulletje', 'sukkels']);
	});

	it('flags English swear words and insults with their inflections', () => {
		expect(of('Fucking bitches, what a shit idea', 'insult')).toEqual(['Fucking', 'bitches', 'shit']);
		expect(of('You are an ugly fat loser and an idiot', 'insult')).toEqual(['ugly', 'fat', 'loser', 'idiot']);
		expect(of('Stop calling him a retard or a motherfucker', 'insult')).toEqual(['retard', 'motherfucker']);
	});

	it('does not flag Dutch words that contain or resemble a swear word', () => {
		expect(of('Hoe gaan we om met het kantoor? Hoera! Met fatsoen.', 'insult')).toEqual([]);
		expect(of('Mijn oma heeft kanker en er is onderzoek naar kanker en kankercellen', 'insult')).toEqual([]);
		expect(of('We doen wat aan catering, een tyfoon, een sukkelende kat en Mongolië', 'insult')).toEqual([]);
	});

	it('does not flag English words that contain a swear word (the Scunthorpe problem)', () => {
		expect(of('A classic assessment in Scunthorpe of shitake and a skutter', 'insult')).toEqual([]);
		expect(of('Pass the glasses, assume nothing, read Dickens', 'insult')).toEqual([]);
	});

	it('does not also flag a capitalised insult as a person', () => {
		expect(flagText('Dat vindt die Sukkel')).toEqual([{ reason: 'insult', match: 'Sukkel' }]);
	});
});

describe('flagText: several reasons', () => {
	it('orders flags by position and gives contact details precedence', () => {
		expect(flagText('Jan, stuur Sanne een dm via @sanne of mail sanne@mail.nl, bel 0612345678, die kut')).toEqual([
			{ reason: 'person', match: 'Jan' },
			{ reason: 'person', match: 'Sanne' },
			{ reason: 'handle', match: '@sanne' },
			{ reason: 'email', match: 'sanne@mail.nl' },
			{ reason: 'phone', match: '0612345678' },
			{ reason: 'insult', match: 'kut' }
		]);
	});
});
