import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 256 random bits, URL-safe: host keys, recovery tokens and device tokens. */
export function newSecret(): string {
	return randomBytes(32).toString('base64url');
}

/** Only hashes of secrets are stored; a leaked database holds no usable key. */
export function hashSecret(secret: string): Buffer {
	return createHash('sha256').update(secret).digest();
}

/** No characters that look alike on a projector or phone: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B. */
export const CODE_ALPHABET = 'ACDEFHJKMNPQRTUVWXY3479';
export const CODE_LENGTH = 6;

export function newCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/** What someone typed, made comparable: upper case, no spaces or dashes. Null if it cannot be a code. */
export function normalizeCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== CODE_LENGTH) return null;
	for (const char of code) if (!CODE_ALPHABET.includes(char)) return null;
	return code;
}

/** A device's label on the mentor's console: random, so it says nothing about who joined when. */
export function newLabel(length = 3): string {
	let label = '';
	for (let i = 0; i < length; i++) label += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return label;
}
