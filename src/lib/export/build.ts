import { consensus } from '../session/consensus';
import { tally } from '../session/state';
import type { SessionState } from '../session/types';
import type { SessionRecord } from './record';

/** The session record for an export: everything the school may keep, nothing that names a device. */
export function toRecord(state: SessionState, options: { className?: string | null; now: number }): SessionRecord {
	const participants = state.devices.size;
	return {
		format: 'klasakkoord.session/1',
		code: state.code,
		lang: state.lang,
		title: state.title,
		theme: state.theme,
		moduleId: state.moduleId,
		className: options.className?.trim() || null,
		createdAt: new Date(state.createdAt).toISOString(),
		exportedAt: new Date(options.now).toISOString(),
		closed: state.closed,
		participants,
		rules: state.rules.map((rule, index) => ({ position: index + 1, text: rule.text, from: rule.from })),
		proposals: [...state.proposals.values()].map((proposal) => {
			const counts = tally(state, proposal.id);
			return {
				id: proposal.id,
				text: proposal.text,
				originalText: proposal.original === proposal.text ? null : proposal.original,
				status: proposal.status,
				mergedInto: proposal.mergedInto,
				flags: [...new Set(proposal.flags.map((flag) => flag.reason))],
				tally: counts,
				consensus: consensus(counts, participants),
				submittedAt: new Date(proposal.submittedAt).toISOString()
			};
		})
	};
}
