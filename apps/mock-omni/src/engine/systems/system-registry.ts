/**
 * Every system (tenant) of the mock: created with the demo data, found by key, reset, deleted. Loaded systems are
 * cached with their live clock; the stored clock snapshot is what survives a restart: a running clock keeps running
 * while the mock is down (and one found behind the wall clock resumes at it), a manual one stands still.
 *
 * @module
 */

import type { Faker } from '@faker-js/faker';
import type { OfficeHours } from '@omnikit/contracts/control';
import {
  DEFAULT_VARIATION,
  formatVariation,
  isDefaultVariation,
  parseVary,
  type Variation,
  VaryError,
} from '@omnikit/contracts/variants';
import { type ClockSettings, defaultClockStart, VirtualClock } from '../clock.js';
import { DomainError } from '../domain-error.js';
import type { Secrets, Stores, SystemRecord } from '../ports.js';
import { Rng } from '../rng.js';
import type { TimerService } from '../timers/timer-service.js';
import { buildDemoData, DEMO_SYSTEM_KEY, DEMO_USERS } from './demo-data.js';
import { DEFAULT_OFFICE_HOURS } from './office-hours.js';
import type { SystemContext } from './system-context.js';

export interface SystemDefaults {
  seed: number;
  clock: ClockSettings;
  /** Where new systems' clocks start; absent: `defaultClockStart` of their mode (B.3a). */
  clockStart: number | undefined;
  tokenLifetimeMs: number;
  /** The variation new and loaded systems play (`--vary`). */
  variation: Variation;
  /** false in strict mode: the demo data then names no magic number (default true). */
  magicNumbers?: boolean;
}

export interface CreateSystemOptions {
  systemKey?: string;
  seed?: number;
  clock?: ClockSettings;
  clockStart?: number;
  isDefault?: boolean;
  /** A variation of its own, kept by restarts and resets; absent: it follows the mock's (`SystemDefaults`). */
  variation?: Variation;
}

/** A system whose stored variation text this build cannot read (`SystemRegistry.ignoredVariations`). */
export interface IgnoredVariation {
  readonly systemId: number;
  readonly isDefault: boolean;
  readonly vary: string;
  /** What is wrong with it, as `parseVary` says. */
  readonly problem: string;
}

export const TOKEN_LIFETIME_MS = 8 * 60 * 60 * 1000;

export class SystemRegistry {
  private readonly byKey = new Map<string, SystemContext>();

  private readonly seeders: ((systemId: number, at: number) => void)[] = [];

  constructor(
    private readonly stores: Stores,
    private readonly secrets: Secrets,
    private readonly wallNow: () => number,
    private readonly defaults: SystemDefaults,
    private readonly timers: TimerService,
    /** The demo leads' faker, asked for only when demo data is built (it is large: loaded on first use). */
    private readonly demoFaker: () => Faker,
  ) {}

  get(systemKey: string): SystemContext | undefined {
    const cached = this.byKey.get(systemKey);
    if (cached) return cached;
    const record = this.stores.systems.getByKey(systemKey);
    return record ? this.load(record) : undefined;
  }

  getById(systemId: number): SystemContext | undefined {
    for (const sys of this.byKey.values()) if (sys.systemId === systemId) return sys;
    const record = this.stores.systems.getById(systemId);
    return record ? this.load(record) : undefined;
  }

  /** The default system (`omni-demo-key`), created on first use. */
  getDefault(): SystemContext {
    const record = this.stores.systems.getDefault();
    if (record) return this.get(record.systemKey) ?? this.load(record);
    return this.create({ systemKey: DEMO_SYSTEM_KEY, isDefault: true });
  }

  /** How many systems there are (without loading them). */
  count(): number {
    return this.stores.systems.list().length;
  }

  list(): SystemContext[] {
    return this.stores.systems.list().map((r) => this.get(r.systemKey) ?? this.load(r));
  }

  /** Systems loaded in memory (the wall-clock driver arms timers for these). */
  loaded(): SystemContext[] {
    return [...this.byKey.values()];
  }

  create(options: CreateSystemOptions = {}): SystemContext {
    const systemKey = options.systemKey ?? `sys-${this.secrets.randomToken().slice(0, 24)}`;
    const seed = options.seed ?? this.defaults.seed;
    const settings = options.clock ?? this.defaults.clock;
    const wall = this.wallNow();
    const clockStart = options.clockStart ?? this.defaults.clockStart ?? defaultClockStart(settings.mode, wall);
    const clock = new VirtualClock(this.wallNow, { ...settings, virtualAnchor: clockStart, wallAnchor: wall });
    const demo = buildDemoData(seed, this.demoFaker(), { magicNumbers: this.defaults.magicNumbers });
    return this.stores.tx.run(() => {
      if (this.stores.systems.getByKey(systemKey)) {
        throw DomainError.invalidState(`a system with key ${systemKey} already exists`);
      }
      const record: Omit<SystemRecord, 'systemId'> = {
        systemKey,
        isDefault: options.isDefault ?? false,
        seed,
        clock: clock.snapshot(),
        clockStart,
        officeHours: DEFAULT_OFFICE_HOURS,
        tokenLifetimeMs: this.defaults.tokenLifetimeMs,
        vary: options.variation ? formatVariation(options.variation) : null,
        createdAt: this.wallNow(),
      };
      const systemId = this.stores.systems.insert(record);
      this.seedDemo(systemId, clock.now(), demo);
      const ctx: SystemContext = {
        systemId,
        systemKey,
        record: { ...record, systemId },
        clock,
        rng: Rng.fromSeed(seed),
        ...this.variationOf(record.vary),
      };
      this.byKey.set(systemKey, ctx);
      return ctx;
    });
  }

  /**
   * Wipes the system's data, puts the demo data back and restarts its clock at its start; a clock
   * that runs by itself never restarts behind the wall clock (one started "now" restarts now).
   */
  reset(sys: SystemContext, seed?: number): SystemContext {
    const newSeed = seed ?? sys.record.seed;
    const demo = buildDemoData(newSeed, this.demoFaker(), { magicNumbers: this.defaults.magicNumbers });
    this.stores.tx.run(() => {
      this.stores.systems.wipeData(sys.systemId);
      const settings = { mode: sys.clock.mode, scale: sys.clock.scale };
      sys.clock.restore(VirtualClock.start(this.wallNow, settings, sys.record.clockStart).snapshot());
      sys.clock.catchUpWithWall();
      this.stores.systems.saveClock(sys.systemId, sys.clock.snapshot());
      this.stores.systems.setSeed(sys.systemId, newSeed);
      this.stores.systems.setOfficeHours(sys.systemId, DEFAULT_OFFICE_HOURS);
      this.seedDemo(sys.systemId, sys.clock.now(), demo);
    });
    sys.record = { ...sys.record, seed: newSeed, officeHours: DEFAULT_OFFICE_HOURS, clock: sys.clock.snapshot() };
    sys.rng = Rng.fromSeed(newSeed);
    return sys;
  }

  delete(systemKey: string): void {
    const record = this.stores.systems.getByKey(systemKey);
    if (!record) throw DomainError.notFound('system_key', 'system', systemKey);
    if (record.isDefault) throw DomainError.invalidState('the default system cannot be deleted: reset it instead');
    this.stores.tx.run(() => this.stores.systems.delete(record.systemId));
    this.byKey.delete(systemKey);
  }

  setSeed(sys: SystemContext, seed: number): void {
    this.stores.systems.setSeed(sys.systemId, seed);
    sys.record = { ...sys.record, seed };
    sys.rng = Rng.fromSeed(seed);
  }

  setOfficeHours(sys: SystemContext, hours: OfficeHours): void {
    this.stores.systems.setOfficeHours(sys.systemId, hours);
    sys.record = { ...sys.record, officeHours: hours };
  }

  /**
   * Gives the system a variation of its own, from its next request on; a restart and a reset keep it. `null` gives it
   * up: the system follows the mock's (`SystemDefaults`) again.
   */
  setVariation(sys: SystemContext, variation: Variation | null): void {
    const vary = variation === null ? null : formatVariation(variation);
    this.stores.systems.setVary(sys.systemId, vary);
    sys.record = { ...sys.record, vary };
    Object.assign(sys, this.variationOf(vary));
  }

  /**
   * The stored systems whose variation text this build cannot read, without loading them: what the mock says once at
   * start.
   */
  ignoredVariations(): IgnoredVariation[] {
    return this.stores.systems.list().flatMap((r) => {
      const ignored = r.vary === null ? undefined : this.variationOf(r.vary).ignoredVary;
      return ignored ? [{ systemId: r.systemId, isDefault: r.isDefault, ...ignored }] : [];
    });
  }

  /**
   * The variation stored text names, or the mock's when there is none. The contracts' own shapes are always the one
   * `DEFAULT_VARIATION` object, so the answer stage tells them apart by identity. A text this build cannot read (a
   * newer OmniKit's axis or value, a hand edit) is no reason to refuse the system's requests: it plays the mock's
   * variation, and the text is named in `ignoredVary` and left stored until a variation is set.
   */
  private variationOf(vary: string | null): Pick<SystemContext, 'variation' | 'ignoredVary'> {
    let v = this.defaults.variation;
    let ignoredVary: SystemContext['ignoredVary'];
    if (vary !== null) {
      try {
        v = parseVary(vary);
      } catch (error) {
        if (!(error instanceof VaryError)) throw error;
        ignoredVary = { vary, problem: error.message };
      }
    }
    return { variation: isDefaultVariation(v) ? DEFAULT_VARIATION : v, ignoredVary };
  }

  /**
   * Switches the clock's mode from now on. A running clock first runs the timers it has passed that the wall-clock
   * driver has not run yet (its `setTimeout` comes after the instant, later still on a busy event loop or a fast
   * scale): a manual clock then never stands past a due timer, which only the next advance would run.
   */
  setClockMode(sys: SystemContext, settings: ClockSettings): void {
    if (sys.clock.mode !== 'manual') this.timers.runDue(sys, sys.clock.now());
    sys.clock.setMode(settings);
    this.stores.systems.saveClock(sys.systemId, sys.clock.snapshot());
  }

  /**
   * Moves a manual clock forward by `ms`, running every timer that falls due on the way, in time
   * order, then lands the clock exactly at the target. Returns how many timers ran.
   */
  advance(sys: SystemContext, ms: number): number {
    if (sys.clock.mode !== 'manual') {
      throw DomainError.invalidState(`the clock is ${sys.clock.mode}: only a manual clock can be advanced`);
    }
    const target = sys.clock.now() + ms;
    const ran = this.timers.runDue(sys, target);
    sys.clock.advanceTo(target);
    this.stores.systems.saveClock(sys.systemId, sys.clock.snapshot());
    return ran;
  }

  /** Forgets cached systems (the store is being closed). */
  clear(): void {
    this.byKey.clear();
  }

  private load(record: SystemRecord): SystemContext {
    const clock = new VirtualClock(this.wallNow, record.clock);
    if (clock.catchUpWithWall()) {
      const snapshot = clock.snapshot();
      this.stores.tx.run(() => this.stores.systems.saveClock(record.systemId, snapshot));
      record = { ...record, clock: snapshot };
    }
    const ctx: SystemContext = {
      systemId: record.systemId,
      systemKey: record.systemKey,
      record,
      clock,
      rng: Rng.fromSeed(record.seed),
      ...this.variationOf(record.vary),
    };
    this.byKey.set(record.systemKey, ctx);
    return ctx;
  }

  private seedDemo(systemId: number, at: number, demo: ReturnType<typeof buildDemoData>): void {
    const { stores, secrets } = this;
    for (const u of DEMO_USERS) {
      const salt = secrets.randomToken().slice(0, 16);
      stores.users.insert({
        systemId,
        userId: stores.sequences.next(systemId, 'user'),
        userName: u.userName,
        passwordSalt: salt,
        passwordHash: secrets.sha256Hex(salt + u.password),
        extension: u.extension,
        webrtcPassword: u.webrtcPassword,
        agentState: 'logged_out',
        campaignId: 0,
        callId: 0,
        createdAt: at,
      });
    }
    for (const c of demo.campaigns) {
      stores.campaigns.insert({
        ...c,
        systemId,
        campaignId: stores.sequences.next(systemId, 'campaign'),
        createdAt: at,
      });
    }
    for (const l of demo.lists) {
      stores.lists.insert({ ...l, systemId, listId: stores.sequences.next(systemId, 'list'), createdAt: at });
    }
    for (const lead of demo.leads) {
      stores.leads.insert({
        ...lead,
        systemId,
        leadId: stores.leads.nextId(systemId),
        createdAt: at,
        updatedAt: at,
      });
    }
    for (const seeder of this.seeders) seeder(systemId, at);
  }

  /** More demo data a feature seeds into every new or reset system, after the registry's own. */
  addSeeder(seeder: (systemId: number, at: number) => void): void {
    this.seeders.push(seeder);
  }
}
