import { describe, expect, it } from 'vitest';
import type { SessionRecord } from './record';
import { assertNoDeviceKeys, toJson } from './json';
import { consentRule, editedProposal, exportRecord, mergedProposal, proposal } from './fixtures';

const record = exportRecord({
	className: 'Ééntje',
	rules: [consentRule],
	proposals: [
		editedProposal,
		proposal('p2', {
			text: 'Jesse uit 3C stuurt alles door, die sukkel',
			status: 'hidden',
			flags: ['person', 'insult'],
			submittedAt: '2026-11-25T08:53:01.000Z'
		}),
		{ ...mergedProposal, submittedAt: '2026-11-25T08:54:40.000Z' },
		proposal('p4', {
			text: 'Bel me op 06-12345678 als je hulp nodig hebt',
			status: 'pending',
			flags: ['phone'],
			submittedAt: '2026-11-25T08:55:15.000Z'
		})
	]
});

/** The record with something extra stuck on, as a careless future change might do. */
function tampered(change: (copy: Record<string, unknown>) => void): SessionRecord {
	const copy = structuredClone(record);
	change(copy as SessionRecord & Record<string, unknown>);
	return copy;
}

describe('toJson', () => {
	const json = toJson(record);

	it('carries the whole record and reads back as the same record', () => {
		expect(JSON.parse(json)).toEqual(record);
	});

	it('keeps hidden, pending and merged proposals with their status', () => {
		const { proposals } = JSON.parse(json) as SessionRecord;
		expect(proposals.map((p) => [p.id, p.status, p.mergedInto])).toEqual([
			['p1', 'approved', null],
			['p2', 'hidden', null],
			['p3', 'merged', 'p1'],
			['p4', 'pending', null]
		]);
		expect(proposals[1]?.flags).toEqual(['person', 'insult']);
		expect(json).toContain('"text": "Jesse uit 3C stuurt alles door, die sukkel"');
	});

	it('is indented with two spaces and ends with a newline', () => {
		expect(json.startsWith('{\n  "format": "klasakkoord.session/1",\n  "code": "K7P2Q",\n')).toBe(true);
		expect(json).toContain('\n    {\n      "id": "p1",\n');
		expect(json.endsWith('}\n')).toBe(true);
	});

	it('keeps accents and typographic quotes as they are', () => {
		expect(json).toContain('"className": "Ééntje"');
		expect(json).toContain('"theme": "Foto’s en filmpjes van anderen"');
	});
});

describe('device identities never leave in an export', () => {
	it('refuses a device key at the top of the record', () => {
		expect(() => toJson(tampered((r) => (r.deviceId = 'c0ffee')))).toThrow(/\$\.deviceId/);
		expect(() => toJson(tampered((r) => (r.devices = [1, 2, 3])))).toThrow(/\$\.devices/);
	});

	it('refuses one hidden deep inside a proposal or a rule', () => {
		expect(() =>
			toJson(
				tampered((r) => {
					(r.proposals as Array<Record<string, unknown>>)[1]!.device = 4;
				})
			)
		).toThrow(/\$\.proposals\[1\]\.device\b/);
		expect(() =>
			toJson(
				tampered((r) => {
					(r.rules as Array<Record<string, unknown>>)[0]!.meta = { seen: [{ ip: '192.168.1.23' }] };
				})
			)
		).toThrow(/\$\.rules\[0\]\.meta\.seen\[0\]\.ip/);
	});

	it('recognises the usual spellings of the same thing', () => {
		for (const key of [
			'device',
			'deviceId',
			'device_id',
			'DeviceNumber',
			'ip',
			'IP',
			'ipAddress',
			'userAgent',
			'user-agent',
			'User_Agent'
		]) {
			expect(() => assertNoDeviceKeys({ nested: { [key]: 'x' } }), key).toThrow(/device identity/);
		}
	});

	it('lets through ordinary keys that only look a bit alike', () => {
		for (const key of ['description', 'tip', 'zip', 'ipsum', 'agent', 'devicesCount', 'participants']) {
			expect(() => assertNoDeviceKeys({ [key]: 1 }), key).not.toThrow();
		}
	});

	it('does not mistake a value for a key', () => {
		expect(() => toJson(tampered((r) => (r.title = 'device ip userAgent')))).not.toThrow();
	});
});
