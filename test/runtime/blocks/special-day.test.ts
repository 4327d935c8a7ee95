import { describe, expect, it } from 'vitest';
import { specialDay as definition } from '../../../schemas/blocks/special-day.ts';
import { specialDay } from '../../../runtime/src/blocks/special-day.ts';
import { isWait } from '../../../runtime/src/engine/types.ts';
import { calendarSchema } from '../../../schemas/resources/calendar.ts';
import type { Calendar } from '../../../schemas/resources/index.ts';
import { schemaProblems } from '../../../schemas/schema-check.ts';
import { testContext, testServices } from '../../support/run-services.ts';

// Stored calendars may leave out `types` (the schema's default is not filled in), which the Calendar type cannot express.
function calendar(document: Record<string, unknown>): Calendar {
  expect(schemaProblems(calendarSchema, document)).toEqual([]);
  return document as Calendar;
}

const calendars = [
  { kind: 'calendar', id: 'us', name: 'US support', timeZone: 'America/Los_Angeles', holidays: [{ country: 'US' }] },
  {
    kind: 'calendar',
    id: 'acme-holidays',
    name: 'Acme holidays',
    timeZone: 'Europe/Paris',
    dates: [
      { date: '2026-06-12', name: 'Company offsite' },
      { date: '2026-12-24', name: 'Christmas Eve', hours: { from: '14:00', to: '24:00' } },
    ],
    holidays: [{ country: 'FR' }],
  },
  { kind: 'calendar', id: 'bavaria', name: 'Munich office', timeZone: 'Europe/Berlin', holidays: [{ country: 'DE', region: 'BY' }] },
  { kind: 'calendar', id: 'berlin', name: 'Berlin office', timeZone: 'Europe/Berlin', holidays: [{ country: 'DE', region: 'DE-BE' }] },
  { kind: 'calendar', id: 'bavaria-banks', name: 'Munich bank', timeZone: 'Europe/Berlin', holidays: [{ country: 'DE', region: 'BY', types: ['bank'] }] },
  { kind: 'calendar', id: 'nowhere', name: 'Nowhere', timeZone: 'UTC', holidays: [{ country: 'ZZ' }] },
  { kind: 'calendar', id: 'bad-region', name: 'Bad region', timeZone: 'UTC', holidays: [{ country: 'US', region: 'QQ' }] },
].map(calendar);

async function check(calendar: string, now: string) {
  const result = await specialDay({
    config: { calendar },
    context: testContext(),
    nodeId: 'special',
    signal: new AbortController().signal,
    services: testServices({ resources: calendars, now }),
  });
  if (isWait(result)) throw new Error('special day never waits');
  return result;
}

describe('Special day', () => {
  it('names the public holiday that makes today special', async () => {
    const result = await check('us', '2026-12-25T18:00:00Z');
    expect(result.port).toBe('special');
    expect(result.reason).toBe('2026-12-25 is Christmas Day (US public holiday)');
  });

  it("takes 'today' in the calendar's time zone, not in UTC", async () => {
    expect((await check('us', '2026-12-26T07:59:00Z')).port).toBe('special'); // 23:59 on the 25th in Los Angeles
    expect((await check('us', '2026-12-26T08:00:00Z')).port).toBe('normal'); // midnight on the 26th
    expect((await check('us', '2026-12-25T07:59:00Z')).port).toBe('normal'); // still the 24th in Los Angeles
  });

  it('knows observed substitute days', async () => {
    expect((await check('us', '2026-07-03T18:00:00Z')).reason).toBe('2026-07-03 is Independence Day (substitute day) (US public holiday)');
  });

  it('says a normal day is normal, naming the calendar', async () => {
    const result = await check('acme-holidays', '2026-03-02T10:00:00Z');
    expect(result.port).toBe('normal');
    expect(result.reason).toBe("2026-03-02 is a normal day in calendar 'Acme holidays'");
  });

  it('treats an explicit date as special all day', async () => {
    const result = await check('acme-holidays', '2026-06-12T21:59:00Z'); // 23:59 in Paris
    expect(result).toMatchObject({ port: 'special', reason: "2026-06-12 is Company offsite in calendar 'Acme holidays'" });
    expect((await check('acme-holidays', '2026-06-12T22:00:00Z')).port).toBe('normal');
  });

  it('treats an explicit date with hours as special only during them', async () => {
    const before = await check('acme-holidays', '2026-12-24T12:59:00Z'); // 13:59 in Paris
    expect(before.port).toBe('normal');
    expect(before.reason).toBe("2026-12-24 is a normal day in calendar 'Acme holidays' at 13:59 (Christmas Eve is special only 14:00–24:00)");
    const during = await check('acme-holidays', '2026-12-24T13:00:00Z');
    expect(during.port).toBe('special');
    expect(during.reason).toBe("2026-12-24 is Christmas Eve (14:00–24:00, local time 14:00) in calendar 'Acme holidays'");
  });

  it('also applies the holiday sets of a calendar with explicit dates', async () => {
    expect((await check('acme-holidays', '2026-07-14T10:00:00Z')).reason).toBe('2026-07-14 is Bastille Day (FR public holiday)');
  });

  it('uses the holidays of the region, written with or without the country', async () => {
    expect((await check('bavaria', '2026-01-06T10:00:00Z')).reason).toBe('2026-01-06 is Epiphany (DE-BY public holiday)');
    expect((await check('berlin', '2026-01-06T10:00:00Z')).port).toBe('normal');
    expect((await check('berlin', '2026-03-08T10:00:00Z')).reason).toBe("2026-03-08 is International Women's Day (DE-BE public holiday)");
  });

  it('counts only the holiday types the set asks for, from the hour they start', async () => {
    expect((await check('bavaria', '2026-12-24T14:00:00Z')).port).toBe('normal'); // a bank holiday, not a public one
    expect((await check('bavaria-banks', '2026-12-24T12:59:00Z')).port).toBe('normal'); // 13:59 in Munich
    expect((await check('bavaria-banks', '2026-12-24T13:00:00Z')).reason).toBe('2026-12-24 is Christmas Eve from 14:00 (DE-BY bank holiday)');
  });

  it('fails the run for a missing calendar or a country or region the holiday library does not know', async () => {
    await expect(check('gone', '2026-03-02T10:00:00Z')).rejects.toThrow('calendar "gone" does not exist');
    await expect(check('nowhere', '2026-03-02T10:00:00Z')).rejects.toThrow('the holiday library has no country "ZZ"');
    await expect(check('bad-region', '2026-03-02T10:00:00Z')).rejects.toThrow('has no region "QQ" in US');
  });

  it('declares the calendar it references, for the validator', () => {
    expect(definition.references!({ calendar: 'us' })).toEqual([{ kind: 'calendar', id: 'us', pointer: '/calendar' }]);
  });
});
