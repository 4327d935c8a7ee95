import { performance } from 'node:perf_hooks';
import { Acd, type AcdQueue, type Agent, type SkillRequirement, type WaitingInteraction } from '../../runtime/src/acd/index.ts';

/**
 * The ACD alone, in memory: 10,000 waiting interactions against 1,000 agents
 * with mixed skills, groups and capacities. The backlog is built with every
 * agent not ready; then agents come in (each fills its capacity), and in the
 * steady phase a random assignment is released, the freed slot takes the best
 * waiting interaction it may (one matching decision, timed), the agent
 * accepts (one in ten denies instead), and a new interaction arrives to keep
 * the backlog at 10,000. Prints decision times and assignments per second.
 */
const WAITING = 10_000;
const AGENTS = 1_000;
const STEADY_ROUNDS = Number(process.env.ACD_BENCH_ROUNDS ?? 50_000);

const PRODUCTS = ['billing', 'tech', 'orders', 'returns', 'loyalty', 'fraud', 'app', 'delivery'];
const LANGUAGES = ['en', 'es', 'fr', 'de'];
const KINDS = [['twitter', 'public'], ['twitter', 'private'], ['facebook', 'public'], ['facebook', 'private'], ['whatsapp', 'private'], ['line', 'private']] as const;
const CAPACITIES: Array<Record<string, number>> = [{ public: 1, private: 3 }, { private: 4 }, { public: 2 }, { '*': 2 }, { twitter: 2, whatsapp: 3 }, { public: 1, private: 2, 'line:private': 0 }];

/** mulberry32, so every run measures the same workload. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] };
}

const rand = prng(2026);

const queues: AcdQueue[] = PRODUCTS.flatMap((product, n) => [
  { id: `${product}`, skills: [{ skill: product, level: 1 + (n % 3) }], overflow: { queue: 'general', afterSeconds: 3_600 } },
  ...(n < 4 ? [{ id: `${product}-dm`, skills: [{ skill: product, level: 2 }], agentGroup: 'dm-team' }] : []),
]);
queues.push({ id: 'general' });

function randomAgent(id: string): Agent {
  const skills: Record<string, number> = {};
  for (const product of PRODUCTS) if (rand.next() < 0.5) skills[product] = 1 + rand.int(5);
  skills[rand.pick(LANGUAGES)] = 3 + rand.int(3);
  if (rand.next() < 0.3) skills[rand.pick(LANGUAGES)] = 1 + rand.int(5);
  return { id, name: id, skills, groups: rand.next() < 0.2 ? ['dm-team'] : [], capacity: rand.pick(CAPACITIES), status: 'not-ready', reason: 'bench' };
}

let created = 0;
function randomInteraction(now: number): WaitingInteraction {
  const queue = rand.pick(queues);
  const [channel, visibility] = queue.agentGroup ? rand.pick(KINDS.filter(([, v]) => v === 'private')) : rand.pick(KINDS);
  const skills: SkillRequirement[] = [...(queue.skills ?? [])];
  if (rand.next() < 0.4) skills.push({ skill: rand.pick(LANGUAGES), level: 1 + rand.int(3) });
  return {
    id: `i${++created}`, queue: queue.id, skills, priority: rand.int(101), enqueuedAt: now - rand.int(1_800_000),
    channel, visibility, contactId: `c${rand.int(50_000)}`,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(samples: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

export async function acdBench(): Promise<string> {
  let now = Date.parse('2026-03-02T10:00:00Z');
  const acd = new Acd({ now: () => now });
  const offers = new Map<string, string>(); // interaction → open offer
  const assigned: string[] = [];
  const position = new Map<string, number>();
  let offered = 0;
  acd.on((event) => {
    if (event.type === 'offered') {
      offered++;
      offers.set(event.offer.interactionId, event.offer.id);
    } else if (event.type === 'offer-ended' || (event.type === 'assigned' && event.via === 'pull')) {
      offers.delete(event.type === 'offer-ended' ? event.offer.interactionId : event.interactionId);
    }
  });
  const take = (interactionId: string) => {
    position.set(interactionId, assigned.length);
    assigned.push(interactionId);
  };
  const drop = (interactionId: string) => {
    const at = position.get(interactionId)!;
    const last = assigned.pop()!;
    if (last !== interactionId) {
      assigned[at] = last;
      position.set(last, at);
    }
    position.delete(interactionId);
  };
  const acceptAll = () => {
    for (const [interactionId, offerId] of [...offers]) {
      acd.offerAccepted(offerId);
      offers.delete(interactionId);
      take(interactionId);
    }
  };

  for (const queue of queues) acd.queueChanged(queue);
  const agents = Array.from({ length: AGENTS }, (_, n) => randomAgent(`a${n}`));
  for (const agent of agents) acd.agentChanged(agent);

  const enqueueTimes: number[] = [];
  let started = performance.now();
  for (let n = 0; n < WAITING; n++) {
    const interaction = randomInteraction(now);
    const t = performance.now();
    acd.enqueue(interaction);
    enqueueTimes.push(performance.now() - t);
  }
  const backlogMs = performance.now() - started;

  // Agents come in: each fills its free capacity from the backlog.
  const availableTimes: number[] = [];
  started = performance.now();
  for (const agent of agents) {
    now += 10;
    const t = performance.now();
    acd.agentChanged({ ...agent, status: 'available' });
    availableTimes.push(performance.now() - t);
  }
  const openingOffers = offered;
  acceptAll();
  const openingMs = performance.now() - started;
  // Top the backlog up to the full size the decisions are measured against.
  for (let waiting = WAITING - openingOffers; waiting < WAITING; waiting++) {
    acd.enqueue(randomInteraction(now));
    acceptAll();
  }

  // Steady state: release one, the freed slot takes the next, a new interaction arrives.
  const decisionTimes: number[] = [];
  const arrivalTimes: number[] = [];
  let assignments = 0;
  let denials = 0;
  started = performance.now();
  for (let round = 0; round < STEADY_ROUNDS; round++) {
    now += 5;
    const done = assigned[rand.int(assigned.length)];
    drop(done);
    const before = offered;
    const t = performance.now();
    acd.release(done);
    decisionTimes.push(performance.now() - t);
    if (offered > before) {
      for (const [interactionId, offerId] of [...offers]) {
        if (rand.next() < 0.1) {
          acd.offerDenied(offerId);
          denials++;
          continue;
        }
        acd.offerAccepted(offerId);
        offers.delete(interactionId);
        take(interactionId);
        assignments++;
      }
    }
    const arrival = randomInteraction(now);
    const a = performance.now();
    acd.enqueue(arrival);
    arrivalTimes.push(performance.now() - a);
    if (offers.has(arrival.id)) {
      acd.offerAccepted(offers.get(arrival.id)!);
      offers.delete(arrival.id);
      take(arrival.id);
      assignments++;
    }
  }
  const steadyMs = performance.now() - started;
  acd.tick(now);

  const waiting = acd.interactions().filter((i) => i.state === 'waiting' || i.state === 'held').length;
  const enqueue = summary(enqueueTimes);
  const available = summary(availableTimes);
  const decision = summary(decisionTimes);
  const arrival = summary(arrivalTimes);
  const rate = Math.round(assignments / (steadyMs / 1000));
  console.log(`acd: ${AGENTS} agents, ${WAITING} interactions queued in ${backlogMs.toFixed(0)} ms (enqueue p50 ${ms(enqueue.p50)}, p99 ${ms(enqueue.p99)})`);
  console.log(`acd: agents going available: ${openingOffers} offers in ${openingMs.toFixed(0)} ms (per agent p50 ${ms(available.p50)}, p99 ${ms(available.p99)}, max ${ms(available.max)})`);
  console.log(`acd: steady ${STEADY_ROUNDS} rounds in ${steadyMs.toFixed(0)} ms: ${assignments} assignments, ${denials} denials, ${waiting} still waiting`);
  console.log(`acd: decision on release p50 ${ms(decision.p50)}, p99 ${ms(decision.p99)}, max ${ms(decision.max)}; on arrival p50 ${ms(arrival.p50)}, p99 ${ms(arrival.p99)}`);
  return `acd: ${rate} assignments/s decision p99 ${decision.p99.toFixed(3)} ms`;
}

// `node --import tsx test/bench/acd-bench.ts` runs it alone.
if (process.argv[1] && import.meta.filename === process.argv[1]) console.log(await acdBench());
