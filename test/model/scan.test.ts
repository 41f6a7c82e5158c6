import {
	DEFAULT_TERMINAL_STATES,
	isScanFinished,
	isScanSucceeded,
	parentScanOutputOf,
	scanStateKey,
	scanStatusOf,
	startedScanIdOf,
	terminalStateKeysOf,
} from '../../nodes/BigId/model/scan';

const defaultKeys = terminalStateKeysOf(DEFAULT_TERMINAL_STATES);

describe('scanStateKey', () => {
	it.each([
		'Completed With Errors',
		'completed_with_errors',
		'CompletedWithErrors',
		'COMPLETED-WITH-ERRORS',
		' completed with errors ',
	])('gives "%s" the key of CompletedWithErrors', (state) => {
		expect(scanStateKey(state)).toBe('completedwitherrors');
	});

	it('keeps digits and gives nothing for a missing state', () => {
		expect(scanStateKey('Phase 2')).toBe('phase2');
		expect(scanStateKey(undefined)).toBe('');
		expect(scanStateKey(null)).toBe('');
		expect(scanStateKey('  ')).toBe('');
	});
});

describe('terminal states', () => {
	it('reads a comma-separated list into keys, dropping blank entries', () => {
		expect([...defaultKeys]).toEqual([
			'completed',
			'failed',
			'stopped',
			'aborted',
			'completedwitherrors',
		]);
		expect(terminalStateKeysOf(' , ,')).toEqual(new Set());
		expect(terminalStateKeysOf('Completed With Errors,failed')).toEqual(
			new Set(['completedwitherrors', 'failed']),
		);
	});

	it.each([
		['Completed With Errors', true],
		['completed_with_errors', true],
		['FAILED', true],
		['InProgress', false],
		['Quarantined', false],
		['', false],
	])('finishes a scan in "%s": %s', (state, finished) => {
		expect(isScanFinished(state, defaultKeys)).toBe(finished);
	});

	it('finishes an unknown state once it is listed, however it is spelled', () => {
		expect(isScanFinished('Quarantined', terminalStateKeysOf('completed, QUARANTINED'))).toBe(true);
	});

	it('never finishes a scan without a state, even when a blank entry is listed', () => {
		expect(isScanFinished(undefined, new Set(['']))).toBe(false);
	});

	it('counts only Completed as a success', () => {
		expect(['Completed', 'COMPLETED', ' completed '].map(isScanSucceeded)).toEqual([
			true,
			true,
			true,
		]);
		expect(['Completed With Errors', 'Failed', 'Stopped', ''].map(isScanSucceeded)).toEqual([
			false,
			false,
			false,
			false,
		]);
	});
});

describe('scanStatusOf', () => {
	it('classifies the status BigID answered and passes the answer through', () => {
		expect(
			scanStatusOf('s1', { status: 'Completed With Errors', progress: '90' }, defaultKeys),
		).toEqual({
			scanId: 's1',
			status: 'Completed With Errors',
			progress: 90,
			isFinished: true,
			isSucceeded: false,
			isSuccessful: false,
		});
	});

	it('reads `state` where `status` is missing, and a missing or odd progress as null', () => {
		expect(scanStatusOf('s1', { state: 'Running', extra: 1 }, defaultKeys)).toEqual({
			scanId: 's1',
			state: 'Running',
			extra: 1,
			status: 'Running',
			progress: null,
			isFinished: false,
			isSucceeded: false,
			isSuccessful: false,
		});
		expect(scanStatusOf('s1', { status: 'Running', progress: 'n/a' }, defaultKeys).progress).toBe(
			null,
		);
	});
});

describe('parentScanOutputOf', () => {
	it('fills both ID spellings and lists the child scan IDs', () => {
		expect(
			parentScanOutputOf({
				_id: 'p1',
				created_at: 'then',
				scanChildren: [{ _id: 'c1' }, { id: 'c2' }, 'junk', null, {}],
			}),
		).toEqual({
			_id: 'p1',
			id: 'p1',
			created_at: 'then',
			createdAt: 'then',
			scanChildren: [{ _id: 'c1' }, { id: 'c2' }, 'junk', null, {}],
			childScanIds: ['c1', 'c2'],
		});
	});

	it('gives a parent without children an empty list', () => {
		expect(parentScanOutputOf({ _id: 'p1' }).childScanIds).toEqual([]);
	});
});

describe('startedScanIdOf', () => {
	it('takes the first ID found: scanId, then _id, then id, skipping what is not an object', () => {
		expect(startedScanIdOf({ scanId: 's', _id: 'x' })).toBe('s');
		expect(startedScanIdOf(undefined, ['a'], { _id: 7 })).toBe('7');
		expect(startedScanIdOf({ message: 'started' }, { id: 'i' })).toBe('i');
		expect(startedScanIdOf({ message: 'started' })).toBeUndefined();
	});
});
