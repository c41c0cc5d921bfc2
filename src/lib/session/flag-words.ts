/**
 * The word lists behind the automatic flags (see flags.ts): words that are not names, titles,
 * abbreviations, and insults. Data, kept apart from the rules that use it.
 */
/** Lower case without diacritics and with one kind of apostrophe, to compare words with the lists. */
export function key(word: string): string {
	// Most words are plain ASCII, which needs no normalising; this runs for every word of every proposal.
	if (!/[^ -~]/.test(word)) return word.toLowerCase();
	return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");
}

export const set = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean).map(key));

// ---------------------------------------------------------------------------------------------------
// Names of people
// ---------------------------------------------------------------------------------------------------

/**
 * Function words and sentence openers. Written with a capital in the middle of a sentence they are
 * emphasis or Title Case, never a name; two of them capitalised in one sentence mark the whole
 * sentence as Title Case, where capitals say nothing.
 */
export const FUNCTION_WORDS = set(`
	de het een en of in op aan van voor met bij naar om te tot uit over als dan ook niet geen nooit wel
	we wij je jij jullie ze zij hij ik me mij mijn ons onze jouw dat die dit deze er is zijn was mag moet
	moeten mogen kan kunnen wil willen gaan doen zonder iemand niemand iedereen altijd maar dus want
	daarom eerst samen alleen hier daar nu elkaar
	the a an and or of in on at to for with by from is are be not no never we you it this that our your
	they them he she do don't always also but so first only together everyone nobody someone here there
	now each other without
`);

/** Titles that make the next capitalised word a person, even at the start of a sentence. */
export const TITLES = set('meneer mevrouw mijnheer juf juffrouw meester mr mrs ms miss sir teacher dr dhr mevr mw mnr');

/** Titles written as abbreviations, which may end in a full stop that does not end the sentence. */
export const ABBREVIATED_TITLES = set('mr mrs ms dr dhr mevr mw mnr');

/** Other abbreviations whose full stop does not end a sentence. */
export const ABBREVIATIONS = set('bijv bv vb oa ca dwz ie eg nr st vs jr sr zgn');

/** Dutch name particles: "Jan de Vries", "meneer van den Berg". */
export const PARTICLES = set("van de der den het ter ten te in 't op von");

/** The particles that, after a title, make the next word a surname even in lower case: "meneer de vries", not "a teacher in class". */
export const SURNAME_PARTICLES = set("van de der den ter ten 't von");

/**
 * Capitalised words that are not people. Brands and days also cover compounds written together
 * ("Instagramaccount", "Maandagochtend"), see `COMPOUND_HEADS`.
 */
export const APPS = set(`
	WhatsApp Instagram Insta TikTok Snapchat YouTube Google Teams Zoom Magister Discord BeReal Facebook X
	Twitter Telegram Signal Messenger Reddit Pinterest Twitch Threads Bluesky Roblox Fortnite Minecraft
	Netflix Spotify Apple iPhone Android Samsung Microsoft Outlook Gmail Itslearning Somtoday Smartschool
	Classroom Canvas ChatGPT Copilot Gemini Bing Meta AirDrop FaceTime iMessage Photoshop Snap Story
	Stories Reels Live Chrome Safari WiFi Bluetooth Internet Web Online App Apps
`);
export const DAYS_AND_MONTHS = set(`
	maandag dinsdag woensdag donderdag vrijdag zaterdag zondag weekend
	monday tuesday wednesday thursday friday saturday sunday
	januari februari maart april mei juni juli augustus september oktober november december
	january february march may june july august october
`);
export const PLACES_AND_LANGUAGES = set(`
	Nederland Nederlands Nederlandse Nederlander Nederlanders Holland Hollands Engels Engelse Engeland
	English England Dutch Netherlands Duits Duitse Duitsland German Germany Frans Franse Frankrijk French
	France Spaans Spaanse Spanje Spanish Spain België Belgisch Belgische Belgium Belgian Vlaams Vlaanderen
	Europa Europe Europees Europese European Turks Turkse Turkije Turkish Turkey Marokkaans Marokkaanse
	Marokko Moroccan Morocco Arabisch Arabic Pools Poolse Polen Polish Poland Surinaams Surinaamse
	Suriname Amerika Amerikaans Amerikaanse America American Brits Britse British Amsterdam Rotterdam
	Utrecht Haag Eindhoven Groningen London
`);
export const OTHER_COMMON = set(`
	I I'm I'll I've I'd AI OK Ok Oké Oke Okay God Allah Jezus Jesus Heer Lord U Uw
	Kerst Kerstmis Pasen Pinksteren Sinterklaas Koningsdag Carnaval Ramadan Suikerfeest Offerfeest
	Christmas Easter Halloween
	Helpwanted Kindertelefoon Meldpunt Slachtofferhulp Politie Police Halt Fier Pestweb Meldknop Rutgers
	Offlimits StopNCII Veilig Thuis
	School Klas Class Les Lesson Mentor Mentoren Mentoruur Docent Docenten Leraar Lerares Teacher
	Conciërge Directeur Rector Principal Gym Pauze Kantine Aula Kleedkamer Kleedkamers Toestemming Consent
	Foto Foto's Fotos Filmpje Filmpjes Video Video's Videos Photo Photos Picture Pictures Selfie Selfies
	Groepsapp Groepschat Groep Group Chat Telefoon Mobiel Phone Privacy Regel Regels Afspraak Afspraken
	Rule Rules Agreement Agreements
`);

export const ALLOWED = new Set([...FUNCTION_WORDS, ...TITLES, ...APPS, ...DAYS_AND_MONTHS, ...PLACES_AND_LANGUAGES, ...OTHER_COMMON]);

/**
 * Words that stay harmless as the head of a compound. Short words, months and languages are left out:
 * "Juli" would let "Julia" through, "Maart" "Maarten" and "Frans" "Fransen".
 */
export const COMPOUND_HEADS = [...APPS, ...set('maandag dinsdag woensdag donderdag vrijdag zaterdag zondag weekend')].filter(
	(word) => word.length >= 5
);

/**
 * Each entry is a regular expression for one word with its inflections, matched as a whole word,
 * case-insensitive. Swear prefixes (kut-, kanker-, tering-, tyfus-) take any compound, as Dutch
 * speakers glue them to anything.
 */
export const INSULTS_NL: readonly string[] = [
	String.raw`kut\p{L}*`,
	String.raw`kanker\p{L}*`,
	String.raw`kkr`,
	String.raw`tering\p{L}*`,
	String.raw`tyfus\p{L}*`,
	String.raw`klootzak(?:ken)?`,
	String.raw`kloothommels?`,
	String.raw`lul(?:len|letjes?|lig|lige|hannes)?`,
	String.raw`hoer(?:en|tjes?|ig|ige)?`,
	String.raw`slet(?:ten|jes?|terig|terige)?`,
	String.raw`sloeries?`,
	String.raw`mongo(?:ol|olt?jes?|len)`,
	String.raw`(?:rand)?debiel(?:e|en|er|tjes?)?`,
	String.raw`idio(?:ot|ten|te)`,
	String.raw`sukkel(?:s|tjes?)?`,
	String.raw`teef|teven`,
	String.raw`trut(?:ten|jes?|tig|tige)?`,
	String.raw`eikel(?:s|tjes?)?`,
	String.raw`losers?`,
	String.raw`dombo(?:['’]?s)?`,
	String.raw`mafke(?:es|zen)`,
	String.raw`flikkers?`,
	String.raw`hufters?`,
	String.raw`spast(?:en)?`,
	String.raw`achterlijke?n?`,
	String.raw`(?:dik|vet)zak(?:ken)?`,
	String.raw`lelijkerds?`,
	String.raw`bastaards?`
];

/**
 * Letters that every insult above contains, as a cheap test before the full patterns, which are slow to
 * run over every position of a text. A new insult needs its stem here too.
 */
export const INSULT_STEMS =
	/kut|kanker|kkr|tering|tyfus|kloot|lul|hoer|slet|sloer|mongo|debiel|idio|sukkel|teef|teven|trut|eikel|loser|dombo|mafke|flikker|hufter|spast|achterlijk|zak|lelijkerd|bastaard|f\*|fu?c?k|shit|bitch|bastard|hole|ass|dick|cunt|slut|whore|retard|moron|fat|fag|twat|wanker|prick|skank|douche/i;

export const INSULTS_EN: readonly string[] = [
	String.raw`(?:mother)?(?:fuck|fck|fuk|f\*ck|f\*\*k)(?:s|ed|er|ers|ing|in|face|head|wit|off)?`,
	String.raw`(?:bull|dip|horse|bat|ape|chicken)?shit(?:s|ty|tier|head|heads|hole|ting|ted|show)?`,
	String.raw`bitch(?:es|y|ing|ed)?`,
	String.raw`bastards?`,
	String.raw`(?:ass|arse)holes?`,
	String.raw`(?:dumb|jack|fat)?ass(?:es)?`,
	String.raw`dick(?:s|head|heads)?`,
	String.raw`cunts?`,
	String.raw`slut(?:s|ty)?`,
	String.raw`whores?`,
	String.raw`retard(?:s|ed)?`,
	String.raw`idiot(?:s|ic)?`,
	String.raw`moron(?:s|ic)?`,
	String.raw`losers?`,
	String.raw`fat(?:ty|ties|so|sos)`,
	String.raw`fag(?:s|got|gots)?`,
	String.raw`twats?`,
	String.raw`wankers?`,
	String.raw`pricks?`,
	String.raw`skank(?:s|y)?`,
	String.raw`douchebags?`
];

// ---------------------------------------------------------------------------------------------------
// Insults aimed at a person: "Sanne is een dikke koe", "hij is lelijk", "Tyler smells"
// ---------------------------------------------------------------------------------------------------

/**
 * Words that insult when said of a person, but not on their own: "we noemen niemand lelijk" and "ugly
 * pics stay private" are agreements. Flagged after a name or he/she and a copula ("is", "bent",
 * "are"), as regular expressions for one word with its inflections.
 */
export const AIMED: readonly string[] = [
	String.raw`lelijk(?:e|er|erd|erds|st|ste)?`,
	String.raw`dom(?:me|mer|st|ste|kop|koppen)?`,
	String.raw`dik(?:ke|ker|st|ste)?`,
	// Not "vet": "Sanne is vet" is praise.
	String.raw`stom(?:me|mer|st|ste)?`,
	String.raw`gestoord(?:e)?`,
	String.raw`raar|rare`,
	String.raw`zielig(?:e|erd)?`,
	String.raw`vies(?:e|erik|eriken)?`,
	String.raw`smerig(?:e|erd)?`,
	String.raw`walgelijk(?:e)?`,
	String.raw`irritant(?:e)?`,
	String.raw`goor|gore`,
	String.raw`koe(?:ien)?|varken(?:s)?|aap|apen|geit(?:en)?|hond(?:en)?|walvis(?:sen)?|nijlpaard(?:en)?|rat(?:ten)?|kip(?:pen)?`,
	String.raw`heks(?:en)?|kneus(?:jes?)?|nerd(?:s)?|freak(?:s)?|homo(?:'s)?|gay|zwerver(?:s)?|stinkerd(?:s)?|lelijkerd(?:s)?|mislukkeling(?:en)?|kut\p{L}*`,
	String.raw`ugl(?:y|ier|iest)`,
	String.raw`fat(?:ter|test)?`,
	String.raw`stupid(?:er|est)?`,
	String.raw`dumb(?:er|est)?`,
	String.raw`gross|disgusting|nasty|smelly|stinky|dirty|filthy|weird|creepy|annoying|pathetic|worthless|useless|psycho`,
	String.raw`cows?|pigs?|dogs?|whales?|rats?|clowns?|freaks?|creeps?|nerds?|witch(?:es)?|trash|garbage`
];

/** Adjectives that make an insult of the animal or swear word after them, anywhere: "wat een dikke koe", "fat pig". */
export const INSULTING_ADJECTIVES: readonly string[] = [
	String.raw`dikke|vette|lelijke|domme|stomme|vieze|smerige|gore|vuile|kanker|tering|kut`,
	String.raw`fat|ugly|stupid|dumb|dirty|filthy|smelly|nasty`
];
export const INSULTING_NOUNS: readonly string[] = [
	String.raw`koe(?:ien)?|varken(?:s)?|aap|apen|geit(?:en)?|hond(?:en)?|walvis(?:sen)?|nijlpaard(?:en)?|rat(?:ten)?|zeekoe(?:ien)?|kip(?:pen)?|trut(?:ten)?|bitch(?:es)?`,
	String.raw`cows?|pigs?|dogs?|whales?|rats?|cunts?|bitch(?:es)?|sluts?|whores?`
];

/** Verbs that insult straight after a name or he/she: "Daan stinkt", "Tyler smells". */
export const AIMED_VERBS = set('stinkt stinken stonk stinks stank smells sucks zuigt');

/** Verbs of opinion after which an insult needs no copula: "iedereen vindt Mila stom", "they call Tom fat". */
export const OPINION_VERBS = set('vind vindt vinden vond vonden noem noemt noemen noemde noemden call calls called find finds found');

/** Family after a name, where the insult is aimed through them: "Lars zn moeder is dik", "Lewis's mum is fat". */
export const POSSESSIVES = set("zn z'n zijn d'r haar his her");
export const KIN = set(`
	moeder vader mama papa ma pa zus zusje broer broertje oma opa moeders
	mum mom mother dad father sister brother nan gran grandma mam
`);

/** Copulas between a person and what is said of them. */
export const COPULAS = set('is bent ben was waren zijn are were r iz');

/** Words that may stand between the copula and the insult: "is echt zo lelijk", "is such a". */
export const FILLERS = set(`
	een n 'n zo zoo zooo zon zo'n echt egt ech heel erg super mega kei best gewoon toch wel ook beetje nogal
	helemaal ff vet kanker kk and en of
	a an so soo sooo such really rly very totally literally fucking fkn kinda the most proper just fr lowkey
	hella mad pretty quite or
`);

/** Negations that undo an insult: "Sanne is niet dom", "Tom is not stupid". */
export const NEGATIONS = set("niet geen nooit not never no isn't aint ain't");

/** Pronouns an insult can be aimed at; "jij" and "you" only at the start of a sentence, where they are not the generic "you". */
export const AIMED_PRONOUNS = set("hij zij he she he's she's hes shes");
export const ADDRESSED_PRONOUNS = set("jij you you're youre u ur");

/** Words before a name-that-is-a-word that make it the word: "een roos", "the will", "mijn job". */
export const DETERMINERS = set(`
	de het een n 'n deze dit die dat mijn je jouw zijn haar ons onze hun jullie geen elke ieder welke
	the a an this that these those my your his her its our their no every each which any some
`);

/** A class after a word, as pupils write it: "uit 2b", "from 9B", "in klas 3", "uit h3a". */
export const CLASS_AFTER =
	/^[ \t]+(?:uit|from|in|van)[ \t]+(?:(?:klas|class|groep|year)[ \t]+\d{1,2}[a-z]{0,2}|[1-6][a-z]{1,2}\d?|[a-z]{1,2}[1-6][a-z]?|1[0-3][a-z]?|[7-9][a-z])(?![\p{L}\p{N}])/iu;
