'use strict';
// Calendar days for list filters and the day arithmetic of the 10,000-entry split.
const { toLexofficeDate, dayNumber, dayText, berlinToday, formatDateTime } = require('../../dist/nodes/Lexoffice/domain/dates');

describe('list filter days', () => {
	test.each([
		['2024-03-01', '2024-03-01'],
		['30.04.2024', '2024-04-30'],
		['2024-05-01T23:59:59', '2024-05-01'],
		['2024-05-01T23:30:00Z', '2024-05-01'],
		[new Date(Date.UTC(2024, 4, 1, 23, 30)), '2024-05-02'],
		[1714606200000, '2024-05-02'],
	])('%s is the day %s', (value, day) => {
		expect(toLexofficeDate(value)).toEqual({ ok: true, value: day });
	});

	test.each(['01/05/2024', 'May 1 2024', '2024-02-30', '1', 2024])('%s is refused', (value) => {
		expect(toLexofficeDate(value).ok).toBe(false);
	});

	test('empty is no filter', () => {
		expect(toLexofficeDate('')).toBeUndefined();
		expect(toLexofficeDate(null)).toBeUndefined();
	});
});

describe('day arithmetic', () => {
	test('day numbers and back, across a leap day', () => {
		expect(dayText(dayNumber('2024-02-28') + 1)).toBe('2024-02-29');
		expect(dayText(dayNumber('2024-02-28') + 2)).toBe('2024-03-01');
		expect(dayNumber('1970-01-02')).toBe(1);
	});

	test('today in Berlin, also just after midnight Berlin time', () => {
		expect(berlinToday(Date.UTC(2024, 6, 14, 22, 30))).toBe('2024-07-15');
		expect(berlinToday(Date.UTC(2024, 0, 14, 22, 30))).toBe('2024-01-14');
	});

	test('UTC is written with Z, other offsets as +hh:mm', () => {
		expect(formatDateTime({ epochMs: Date.UTC(2024, 2, 15, 10), offsetMinutes: 0 })).toBe('2024-03-15T10:00:00.000Z');
		expect(formatDateTime({ epochMs: Date.UTC(2024, 2, 15, 10), offsetMinutes: -330 })).toBe('2024-03-15T04:30:00.000-05:30');
	});
});
