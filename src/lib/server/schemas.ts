import { z } from 'zod';
import { CHOICES, MAX_JOIN_CAP, PHASES, PROJECTOR_VIEWS } from '$lib/session/types';
import type { Command } from '$lib/session/commands';

/**
 * Input schemas at the edge. Texts are limited loosely here (a few times the real limit) so that an
 * oversize body is refused cheaply; the exact rules (length, control characters) are the domain's.
 */
const text = z.string().max(4000);
const proposalId = z.string().regex(/^p\d{1,7}$/);
const ruleId = z.string().regex(/^r\d{1,7}$/);
const bool = z.union([z.boolean(), z.enum(['true', 'false', 'on', 'off']).transform((v) => v === 'true' || v === 'on')]);

export const proposeSchema = z.object({ text }).strict();
export const voteSchema = z.object({ proposal: proposalId, choice: z.enum(CHOICES) }).strict();
/** `activity` is the statement or scenario on screen, or for a check-in rating `<activity>:<rule>`. */
export const respondSchema = z
	.object({ activity: z.string().regex(/^step-\d{1,3}-a\d{1,3}(?::r\d{1,7})?$/), choice: z.string().max(12) })
	.strict();

export const hostCommandSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('approve'), id: proposalId }).strict(),
	z.object({ type: z.literal('hide'), id: proposalId }).strict(),
	z.object({ type: z.literal('edit'), id: proposalId, text }).strict(),
	z.object({ type: z.literal('merge'), id: proposalId, into: proposalId }).strict(),
	z.object({ type: z.literal('mute'), id: proposalId }).strict(),
	z.object({ type: z.literal('unmute'), id: proposalId }).strict(),
	z.object({ type: z.literal('premoderation'), on: bool }).strict(),
	z.object({ type: z.literal('phase'), phase: z.enum(PHASES) }).strict(),
	z.object({ type: z.literal('reveal'), on: bool }).strict(),
	z.object({ type: z.literal('projector'), view: z.enum(PROJECTOR_VIEWS) }).strict(),
	z.object({ type: z.literal('adopt'), text, from: z.array(proposalId).max(100).default([]) }).strict(),
	z.object({ type: z.literal('editRule'), id: ruleId, text }).strict(),
	z.object({ type: z.literal('removeRule'), id: ruleId }).strict(),
	z.object({ type: z.literal('moveRule'), id: ruleId, to: z.coerce.number().int().min(0).max(1000) }).strict(),
	z.object({ type: z.literal('slide'), index: z.coerce.number().int().min(0).max(10_000) }).strict(),
	z.object({ type: z.literal('close') }).strict(),
	z.object({ type: z.literal('page'), page: z.coerce.number().int().min(0).max(1000) }).strict(),
	z.object({ type: z.literal('unmerge'), id: proposalId }).strict(),
	z.object({ type: z.literal('lockJoin'), on: bool }).strict(),
	z.object({ type: z.literal('joinCap'), cap: z.coerce.number().int().min(1).max(MAX_JOIN_CAP) }).strict(),
	z.object({ type: z.literal('removeDevice'), device: z.string().regex(/^[A-Z0-9]{1,8}$/) }).strict(),
	z.object({ type: z.literal('highlight'), id: proposalId, on: bool }).strict(),
	z.object({ type: z.literal('group'), id: proposalId, group: z.string().max(400) }).strict()
]) satisfies z.ZodType<Command, unknown>;

export const createSchema = z
	.object({
		module: z
			.string()
			.regex(/^[a-z0-9-]{1,80}$/)
			.optional(),
		theme: z.string().max(200).optional(),
		lang: z.enum(['nl', 'en']).optional()
	})
	.strict();
