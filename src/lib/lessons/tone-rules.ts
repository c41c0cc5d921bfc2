/**
 * The word lists behind the tone check. Patterns run on normalised text (see `normalize`): lower case,
 * no diacritics, no apostrophes, punctuation as single spaces. "\s?" between words also catches words
 * written together or with a hyphen ("eigen-schuld", "eigenschuld").
 */

export interface Phrase {
	/** The phrase as CONTENT.md lists it. */
	phrase: string;
	pattern: RegExp;
	suggestion: string;
}

const p = (phrase: string, pattern: string, suggestion: string): Phrase => ({
	phrase,
	pattern: new RegExp(pattern, 'g'),
	suggestion
});

const NOT_YOUR_FAULT =
	'"het ligt bij wie doorstuurt" / "het is niet jouw schuld" (EN: "the responsibility lies with whoever forwards it")';

/** Scaremongering and victim-blaming phrases (CONTENT.md), with what to write instead. */
export const PHRASES: Phrase[] = [
	// Dutch
	p('eigen schuld', String.raw`\beigen\s?schuld\b`, NOT_YOUR_FAULT),
	p('dikke bult', String.raw`\bdikke\s?bult(en)?\b`, NOT_YOUR_FAULT),
	p('had je maar niet', String.raw`\bhad (je|jij|ze|zij|hij) (dat |het )?(ook )?maar niet\b`, NOT_YOUR_FAULT),
	p(
		'moet je ook niet sturen',
		String.raw`\b((moet|moest|moeten) (je|jij|ze|zij|hij|jullie) (dat |het |die foto |zo n foto )?(ook |dan ook )?niet (sturen|versturen|maken)|had (je|ze|hij) (dat |het )?ook niet moeten (sturen|versturen|maken))\b`,
		NOT_YOUR_FAULT
	),
	p('dom', String.raw`\bdom(m?(e|er|ere|st|ste))?\b`, 'describe the behaviour, not the person: "dat was niet oké" / "that was not OK"'),
	p('stom', String.raw`\bstom(m?(e|er|ere|st|ste|iteit|iteiten))?\b`, 'describe the behaviour, not the person: "dat was niet oké"'),
	p('naïef', String.raw`\bnai(ef|eve|ever|efst|viteit)\b`, 'leave judgement out: "het is niet jouw schuld"'),
	p('slet', String.raw`\bslet(ten|je|jes)?\b`, 'no labels for people: name the behaviour of whoever forwards'),
	p('stop met sexting', String.raw`\bstop (toch |nou |nu )?met (sexting|sexten)\b`, 'talk about consent: "vraag toestemming" / "ask for consent"'),
	p(
		'nooit sturen',
		String.raw`\b(nooit (\w+ ){0,2}(ver)?sturen|stuur (je |jij )?nooit (een |je |jouw )?(naakt|sexy )?(foto|fotos|beeld|beelden|filmpje)\b(?!.*\bdoor\b))`,
		'talk about consent and about not forwarding: "stuur niets door zonder toestemming"'
	),
	p(
		'voor altijd op internet',
		String.raw`\b(voor altijd (op (het )?internet|online)|(op (het )?internet|online) voor altijd)\b`,
		'"beelden kunnen vaak offline gehaald worden" / "images can often be taken down"'
	),
	p('het internet vergeet nooit', String.raw`\binternet vergeet nooit\b`, '"beelden kunnen vaak offline gehaald worden"'),
	p(
		'leven verwoest',
		String.raw`\b(levens? (is |wordt |word )?(verwoest|kapot|geruineerd)|(verwoest|verwoesten|ruineert|ruineren|maakt) (je|jouw|haar|zijn|hun) leven( kapot)?)\b`,
		'name what helps: "je kunt altijd hulp vragen" / "you can always ask for help"'
	),
	p('getekend voor het leven', String.raw`\bgetekend voor (het|je) leven\b`, '"je kunt altijd hulp vragen"'),
	p("loerende pedo's", String.raw`\b(loerende?|pedo|pedos|pedofiel|pedofielen)\b`, 'describe behaviour calmly: "iemand die je onder druk zet" / "someone who pressures you"'),
	p('roofdier', String.raw`\broofdier(en)?\b`, 'describe behaviour calmly: "iemand die je onder druk zet"'),
	p('iedereen doet het', String.raw`\biedereen doet (het|dat|dit|mee)\b`, '"vrijwel niemand stuurt zo n foto door" / "almost nobody forwards an image like that"'),
	p('epidemie', String.raw`\bepidemie(en)?\b`, 'use the figures: almost nobody forwards such images (Rutgers)'),
	p('schokkend', String.raw`\bschokkend(e|er|ste)?\b`, 'say it calmly: "vervelend" / "niet oké"'),
	p('kinderporno', String.raw`\bkinderporno(grafie|grafisch|grafische)?\b`, 'for images of peers: "seksuele beelden van minderjarigen" / "sexual images of young people"'),
	// English
	p('your own fault', String.raw`\b(your|her|his|their|my) own fault\b`, NOT_YOUR_FAULT),
	p('should have known better', String.raw`\bshould ?(have|ve|of) known better\b`, NOT_YOUR_FAULT),
	p('asking for it', String.raw`\b(asking|asked) for it\b(?! to\b)`, NOT_YOUR_FAULT),
	p('think before you send', String.raw`\bthink (twice )?before you (send|post|share|click|sext)\b`, 'name a concrete step: "ask for consent first"'),
	p(
		'online forever',
		String.raw`\b((online|on the internet) forever|forever (online|on the internet)|internet never forgets)\b`,
		'"images can often be taken down"'
	),
	p(
		'ruin your life',
		String.raw`\b(ruin|ruins|ruined|ruining|destroy|destroys|destroyed) (your|her|his|their|my) (life|lives|future)\b`,
		'"you can always ask for help"'
	),
	p('sex offender register', String.raw`\bsex offenders? (register|registry|list)\b`, 'the law in plain words: voluntary exchange between peers is no longer punishable; forwarding without consent is'),
	p('predators lurking', String.raw`\b(predators? (are )?lurking|lurking predators?)\b`, 'describe behaviour calmly: "someone who pressures you"'),
	p('stranger danger', String.raw`\bstranger danger\b`, 'describe behaviour calmly: "someone who pressures you"'),
	p("just don't", String.raw`\bjust (dont|do not|say no)\b`, 'name a concrete step: "ask for consent first"'),
	p('slut', String.raw`\bslut(s|ty)?\b`, 'no labels for people: name the behaviour of whoever forwards'),
	p("everyone's doing it", String.raw`\b(everyone|everybody)( is|s)? (doing|does) it\b`, '"almost nobody forwards an image like that"'),
	p('epidemic', String.raw`\bepidemics?\b`, 'use the figures: almost nobody forwards such images (Rutgers)'),
	p('child porn', String.raw`\bchild porn(ography)?\b`, 'for images of peers: "sexual images of young people"')
];

/** Names of laws hold context words without being a threat; they are taken out before the check. */
export const LAW_NAMES = /\b(wet seksuele misdrijven|sexual offences act)\b/g;

/** Words that are fine only in a sentence about forwarding without consent. */
export const CONTEXT_WORDS: RegExp = new RegExp(
	String.raw`\b(strafba(ar|re)|strafblad(en)?|gevangenis(sen|straf)?|celstraf|misdrij(f|ven)|crimes?|criminal|prison|jail|punishable|offen[cs]es?)\b`,
	'g'
);

const FORWARDING = String.raw`\b(door ?(sturen|stuurt|stuur|gestuurd|geeft|geven|gegeven|delen|gedeeld)|verspreid\w*|delen|deelt|gedeeld|rond ?(sturen|gestuurd|gaan|gaat)|online zetten|post(en|t)?|gepost|forward\w*|shar(e|es|ed|ing)|spread\w*|post(s|ed|ing)?|send(s|ing)? (it )?on|sent (it )?on|publish\w*)\b`;
const NO_CONSENT = String.raw`\b(zonder (\w+ ){0,2}toestemming|tegen (zijn|haar|hun|de|iemands|je|jouw) wil|zonder dat (hij|zij|ze|die persoon|iemand|jij|je) (het )?(goed vindt|wil|weet)|without (\w+ ){0,2}(consent|permission)|against (their|his|her|your|someones|the persons) will)\b`;

/** A sentence that is about forwarding without consent may use the context words. */
export function aboutForwardingWithoutConsent(normalized: string): boolean {
	return new RegExp(FORWARDING).test(normalized) && new RegExp(NO_CONSENT).test(normalized);
}

/** Passing an image on to others: narrower than FORWARDING, which also holds "delen" and "post". */
const ONWARD = String.raw`\b(door ?(sturen|stuurt|stuur|gestuurd|geeft|geven|gegeven)|verspreid\w*|rond ?(sturen|gestuurd)|forward\w*|spread\w*|send(s|ing)? (it |them )?on|sent (it |them )?on|pass(es|ed|ing)? (it |them )?on)\b`;
/** "Ook als die persoon zegt dat het mag", "ook met toestemming", "even with their consent", "even if they say it's OK". */
const EVEN_WITH_CONSENT = String.raw`\b(ook (niet )?(met|als|wanneer|al) (\w+ ){0,5}(toestemming|mag|goed ?vindt|goedvindt|oke vindt|wil|willen|ja zegt)|(not )?even (with|if|when|though) (\w+ ){0,5}(consent|permission|ok|okay|fine|agree\w*|says? yes|wants?( it)?|allow\w*))\b`;
/** The person's own image: "je eigen foto", "van jezelf", "your own", "yourself". */
const OWN_IMAGE = String.raw`\b(je eigen|jouw eigen|jezelf|your own|yourself)\b`;

/**
 * A sentence that says an image may not be forwarded even with consent (the law for sexual images of
 * anyone under 18: the 2024 exception covers only the private exchange between the two) may use the
 * context words, as long as it is about passing on someone's image and not about one's own.
 */
export function aboutForwardingEvenWithConsent(normalized: string): boolean {
	return (
		new RegExp(ONWARD).test(normalized) &&
		new RegExp(EVEN_WITH_CONSENT).test(normalized) &&
		!new RegExp(OWN_IMAGE).test(normalized)
	);
}

/** A sentence that cites the law by article: "art. 139h Sr", "artikel 317 Sr", "Staatsblad 2024, 59". */
export const LAW_CITATION = new RegExp(String.raw`\b((art|artikel|artikelen|article|articles|section) \d+[a-z]?|staatsblad \d{4}|wetboek van strafrecht|dutch criminal code)\b`);

export function citesLaw(normalized: string): boolean {
	return LAW_CITATION.test(normalized);
}

export const CONTEXT_SUGGESTION =
	'use it only about forwarding without consent ("doorsturen zonder toestemming is strafbaar" / "forwarding without consent is a crime") or about forwarding even with consent ("ook als die persoon zegt dat het mag"), followed by where to get help; in notes for the mentor, cite the article (art. 139h Sr)';

/** Signs that a step names a risk. */
export const RISK = new RegExp(
	String.raw`\b(sextortion|afpers\w*|chanta\w*|dreig\w*|zonder (\w+ ){0,2}toestemming|zonder (het )?te vragen|risico\w*|gevaar\w*|nep ?(naakt)?(foto|beeld)\w*|gaat rond|rondgaan|verspreid\w*|misbruik\w*|blackmail\w*|threat\w*|without (\w+ ){0,2}(consent|permission)|without asking|risks?|risky|danger\w*|fake (nude|image|photo)s?|goes round|spread\w*|abuse\w*)\b`,
	'g'
);

/** Signs that a step gives students something to do. */
export const ACTION = new RegExp(
	String.raw`\b((vraag|vraagt|vragen) (\w+ ){0,3}(of|om|hulp|toestemming)|mag ik (deze|die|dit|dat|een|je|jouw)|(toestemming|hulp) (vragen|vraagt|zoeken|krijgen)|zoek hulp|helpen? (elkaar|iemand|hem|haar|je)|niet door(sturen)?|stuur (\w+ )?(niet|nooit|niets|niks) (\w+ ){0,5}door|meld\w*|vertel\w*|praat\w* met|steun\w*|verwijder\w*|blokkeer\w*|blokkeren|bewaar\w*|helpwanted|offline|zeg\w* (er )?(iets|nee|dat|het)|stop (het )?contact|betaal niet|niet (liken|betalen|delen)|spreek\w* (\w+ )?aan|ask(s|ed|ing)? (first|for|if|them|him|her|before|someone|the)|dont (forward|share|like|pay|send)|do not (forward|share|like|pay)|report\w*|tell\w* (someone|a|an|your|the|them|him|her)|talk\w* to|support\w*|delet\w*|block\w*|save\w* the messages|tak(e|en) (it )?down|say(s)? (something|no|that)|stop (the )?contact|(ask for|get|find) help|help (them|him|her|each other|someone|a friend))\b`,
	'g'
);

export const ACTION_SUGGESTION =
	'add in the same step what students can do: ask for consent, don\'t forward, support, tell someone you trust, report, get images taken down (Helpwanted)';
