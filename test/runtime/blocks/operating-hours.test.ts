import { describe, expect, it } from 'vitest';
import { operatingHours as definition } from '../../../schemas/blocks/operating-hours.ts';
import { operatingHours } from '../../../runtime/src/blocks/operating-hours.ts';
import { isWait } from '../../../runtime/src/engine/types.ts';
import type { Schedule } from '../../../schemas/resources/index.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const nineToFive = [{ from: '09:00', to: '17:00' }];

function schedule(id: string, timeZone: string, weekly: Schedule['weekly']): Schedule {
  return { kind: 'schedule', id, name: id, timeZone, weekly };
}

const paris = schedule('paris', 'Europe/Paris', {
  mon: [
    { from: '09:00', to: '12:00' },
    { from: '13:00', to: '17:00' },
  ],
  sat: [...nineToFive, { from: '20:00', to: '24:00' }],
  // Spans the hour that does not exist on the spring-forward night.
  sun: [{ from: '01:30', to: '03:30' }, ...nineToFive],
});
const newYork = schedule('new-york', 'America/New_York', { sun: [{ from: '01:00', to: '02:00' }, ...nineToFive] });

async function at(instant: string, id = 'paris') {
  const result = await operatingHours({
    config: { schedule: id },
    context: testContext(),
    nodeId: 'hours',
    signal: new AbortController().signal,
    services: testServices({ resources: [paris, newYork, schedule('mars', 'Mars/Olympus', {})], now: instant }),
  });
  if (isWait(result)) throw new Error('operating hours never waits');
  return result;
}

const portAt = async (instant: string, id?: string) => (await at(instant, id)).port;

describe('Operating hours', () => {
  it('is open inside a range and says which range, in which zone, at which local time', async () => {
    const result = await at('2026-03-02T09:12:00Z');
    expect(result.port).toBe('open');
    expect(result.reason).toBe('open: Mon 09:00–12:00 Europe/Paris, local time 10:12');
  });

  it('is closed between ranges and lists the day’s hours', async () => {
    const result = await at('2026-03-02T11:30:00Z');
    expect(result.port).toBe('closed');
    expect(result.reason).toBe('closed: Mon hours are 09:00–12:00, 13:00–17:00 (Europe/Paris, local time 12:30)');
  });

  it('is closed on a day without hours', async () => {
    expect((await at('2026-03-03T10:00:00Z')).reason).toBe('closed: no hours on Tue (Europe/Paris, local time 11:00)');
  });

  it('opens at "from" and closes at "to"', async () => {
    expect(await portAt('2026-03-02T07:59:59Z')).toBe('closed');
    expect(await portAt('2026-03-02T08:00:00Z')).toBe('open');
    expect(await portAt('2026-03-02T15:59:59Z')).toBe('open');
    expect(await portAt('2026-03-02T16:00:00Z')).toBe('closed');
  });

  it('keeps a range ending at 24:00 open until midnight, local time', async () => {
    expect(await portAt('2026-03-07T22:59:59Z')).toBe('open'); // Sat 23:59:59 CET
    expect(await portAt('2026-03-07T23:00:00Z')).toBe('closed'); // Sun 00:00 CET
  });

  it('follows the spring-forward day in Europe/Paris (2026-03-29, UTC+1 → UTC+2)', async () => {
    expect(await portAt('2026-03-28T07:59:00Z')).toBe('closed'); // Sat 08:59 CET
    expect(await portAt('2026-03-28T08:00:00Z')).toBe('open'); // Sat 09:00 CET
    expect(await portAt('2026-03-29T06:59:00Z')).toBe('closed'); // Sun 08:59 CEST
    expect(await portAt('2026-03-29T07:00:00Z')).toBe('open'); // Sun 09:00 CEST
    expect(await portAt('2026-03-29T14:59:00Z')).toBe('open'); // Sun 16:59 CEST
    expect(await portAt('2026-03-29T15:00:00Z')).toBe('closed'); // Sun 17:00 CEST
  });

  it('jumps over the skipped hour in Europe/Paris', async () => {
    expect(await portAt('2026-03-29T00:29:00Z')).toBe('closed'); // 01:29 CET
    expect(await portAt('2026-03-29T00:30:00Z')).toBe('open'); // 01:30 CET
    expect(await portAt('2026-03-29T00:59:00Z')).toBe('open'); // 01:59 CET, then 03:00 CEST
    expect((await at('2026-03-29T01:00:00Z')).reason).toBe('open: Sun 01:30–03:30 Europe/Paris, local time 03:00');
    expect(await portAt('2026-03-29T01:30:00Z')).toBe('closed'); // 03:30 CEST: one real hour after 01:30
  });

  it('follows the fall-back day in Europe/Paris (2026-10-25, UTC+2 → UTC+1)', async () => {
    expect(await portAt('2026-10-25T07:59:00Z')).toBe('closed'); // 08:59 CET
    expect(await portAt('2026-10-25T08:00:00Z')).toBe('open'); // 09:00 CET
    expect(await portAt('2026-10-25T15:59:00Z')).toBe('open'); // 16:59 CET
    expect(await portAt('2026-10-25T16:00:00Z')).toBe('closed'); // 17:00 CET
  });

  it('follows the spring-forward day in America/New_York (2026-03-08, UTC-5 → UTC-4)', async () => {
    expect(await portAt('2026-03-08T12:59:00Z', 'new-york')).toBe('closed'); // 08:59 EDT
    expect(await portAt('2026-03-08T13:00:00Z', 'new-york')).toBe('open'); // 09:00 EDT
    expect(await portAt('2026-03-08T20:59:00Z', 'new-york')).toBe('open'); // 16:59 EDT
    expect(await portAt('2026-03-08T21:00:00Z', 'new-york')).toBe('closed'); // 17:00 EDT
  });

  it('follows the fall-back day in America/New_York (2026-11-01, UTC-4 → UTC-5), both times through the repeated hour', async () => {
    expect(await portAt('2026-11-01T04:59:00Z', 'new-york')).toBe('closed'); // 00:59 EDT
    expect(await portAt('2026-11-01T05:30:00Z', 'new-york')).toBe('open'); // 01:30 EDT
    expect(await portAt('2026-11-01T06:30:00Z', 'new-york')).toBe('open'); // 01:30 EST, the second time
    expect(await portAt('2026-11-01T07:00:00Z', 'new-york')).toBe('closed'); // 02:00 EST
    expect(await portAt('2026-11-01T13:59:00Z', 'new-york')).toBe('closed'); // 08:59 EST
    expect(await portAt('2026-11-01T14:00:00Z', 'new-york')).toBe('open'); // 09:00 EST
    expect(await portAt('2026-11-01T21:59:00Z', 'new-york')).toBe('open'); // 16:59 EST
    expect(await portAt('2026-11-01T22:00:00Z', 'new-york')).toBe('closed'); // 17:00 EST
  });

  it('fails the run for a missing schedule or an unknown time zone', async () => {
    await expect(at('2026-03-02T10:00:00Z', 'gone')).rejects.toThrow('schedule "gone" does not exist');
    await expect(at('2026-03-02T10:00:00Z', 'mars')).rejects.toThrow('unknown time zone "Mars/Olympus"');
  });

  it('declares the schedule it references, for the validator', () => {
    expect(definition.references!({ schedule: 'paris' })).toEqual([{ kind: 'schedule', id: 'paris', pointer: '/schedule' }]);
  });
});
