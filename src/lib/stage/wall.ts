/**
 * The wall of answers to an open question, as the board and the console show it: the mentor's groups
 * as labelled clusters, in the order the first answer of each arrived, then the answers in no group.
 */
export interface WallAnswer {
	id: string;
	n: number;
	group?: string;
	highlighted?: boolean;
}

export interface Cluster<A extends WallAnswer> {
	/** The group's label; '' for the answers in no group. */
	label: string;
	answers: A[];
}

export function clusters<A extends WallAnswer>(answers: readonly A[]): Cluster<A>[] {
	const byLabel = new Map<string, A[]>();
	const loose: A[] = [];
	for (const answer of [...answers].sort((a, b) => a.n - b.n)) {
		if (!answer.group) {
			loose.push(answer);
			continue;
		}
		const list = byLabel.get(answer.group);
		if (list) list.push(answer);
		else byLabel.set(answer.group, [answer]);
	}
	const grouped = [...byLabel].map(([label, list]) => ({ label, answers: list }));
	return loose.length ? [...grouped, { label: '', answers: loose }] : grouped;
}

/** The group labels in use, for the console's list to pick from. */
export function groupLabels(answers: readonly WallAnswer[]): string[] {
	return clusters(answers)
		.map((cluster) => cluster.label)
		.filter(Boolean);
}
