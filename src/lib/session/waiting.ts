import type { PersonalView, StudentView } from './views';

/**
 * Whether a phone has nothing to do on the screen it shows: between activities, while the class looks
 * at the board, after answering the statement or scenario, after voting on every proposal. Only then
 * may a page without JavaScript refresh itself: never while a student types or chooses.
 */
export function waitingForNext(
	view: Pick<StudentView, 'closed' | 'phase' | 'activity' | 'proposals'> & Partial<Pick<StudentView, 'checkin'>>,
	me: PersonalView
): boolean {
	if (!me.joined || view.closed) return false;
	switch (view.phase) {
		case 'screen':
		case 'review':
			return true;
		case 'respond':
			// A check-in: once every rule has a rating.
			if (view.checkin) return view.checkin.rules.every((rule) => rule.id in me.responses);
			return !view.activity || view.activity.id in me.responses;
		case 'vote':
			return Object.keys(view.proposals).every((id) => id in me.votes);
		default:
			return false;
	}
}
