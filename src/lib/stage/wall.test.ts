import { describe, expect, it } from 'vitest';
import { clusters, groupLabels } from './wall';

const answer = (n: number, group = '', highlighted = false) => ({ id: `p${n}`, n, group, highlighted });

describe('the wall of answers', () => {
	it('shows the groups as clusters in the order their first answer came, then the answers in no group', () => {
		const wall = clusters([answer(5, 'Hulp'), answer(1), answer(3, 'Niet delen'), answer(2, 'Hulp'), answer(4)]);
		expect(wall.map((cluster) => [cluster.label, cluster.answers.map((a) => a.n)])).toEqual([
			['Hulp', [2, 5]],
			['Niet delen', [3]],
			['', [1, 4]]
		]);
		expect(groupLabels([answer(5, 'Hulp'), answer(3, 'Niet delen'), answer(2, 'Hulp')])).toEqual(['Hulp', 'Niet delen']);
	});

	it('is one cluster without a label when nothing is grouped, and empty without answers', () => {
		expect(clusters([answer(2), answer(1, '', true)])).toEqual([{ label: '', answers: [answer(1, '', true), answer(2)] }]);
		expect(clusters([])).toEqual([]);
	});
});
