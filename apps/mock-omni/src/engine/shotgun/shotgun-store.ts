import type { ShotgunRace } from './shotgun-race.js';

/** Shotgun races as the mock keeps them (a race is the shotgun engine's value, stored whole). */
export interface ShotgunStore {
  insert(systemId: number, race: ShotgunRace): void;
  get(systemId: number, shotgunId: number): ShotgunRace | undefined;
  update(systemId: number, race: ShotgunRace): void;
}
