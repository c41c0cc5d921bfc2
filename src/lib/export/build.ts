import { consensus } from '$lib/session/consensus';
import { isAnswer, tally } from '$lib/session/state';
import type { SessionState } from '$lib/session/types';
import { exportLabels } from './labels';
import type { RecordActivity, RecordAnswer, SessionRecord } from './record';

/** The session record for an export: everything the school may keep, nothing that names a device. */
export function toRecord(state: SessionState, options: { className?: string | null; now: number }): SessionRecord {
	const participants = state.devices.size;
	const activities = lessonResults(state);
	const all = [...state.proposals.values()];
	const answers = all.filter((proposal) => isAnswer(state, proposal));
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
		proposals: all
			.filter((proposal) => !isAnswer(state, proposal))
			.map((proposal) => {
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
			}),
		...(answers.length
			? {
					answers: answers.map((answer): RecordAnswer => ({
						id: answer.id,
						question: answer.round,
						text: answer.text,
						originalText: answer.original === answer.text ? null : answer.original,
						status: answer.status,
						flags: [...new Set(answer.flags.map((flag) => flag.reason))],
						highlighted: answer.highlighted ?? false,
						group: answer.group ?? '',
						submittedAt: new Date(answer.submittedAt).toISOString()
					}))
				}
			: {}),
		...(activities.length ? { activities } : {})
	};
}

/** Per activity of the lesson: how the class answered, counted; never who answered what. */
function lessonResults(state: SessionState): RecordActivity[] {
	const statement = exportLabels(state.lang).statement;
	return state.steps.flatMap((step, index) =>
		step.activities.map((activity) => {
			const chosen = [...(state.responses.get(activity.id)?.values() ?? [])];
			const count = (value: string) => chosen.filter((choice) => choice === value).length;
			const responses =
				activity.kind === 'statement'
					? (['agree', 'disagree', 'unsure'] as const).map((value) => ({ answer: statement[value], count: count(value) }))
					: activity.kind === 'scenario'
						? activity.options.map((option, i) => ({ answer: option, count: count(String(i)) }))
						: null;
			const answers =
				activity.kind === 'question'
					? [...state.proposals.values()].filter((p) => p.round === activity.id && p.status === 'approved').map((p) => p.text)
					: null;
			return { step: index + 1, stepTitle: step.title, id: activity.id, kind: activity.kind, text: activity.text, responses, answers };
		})
	);
}
