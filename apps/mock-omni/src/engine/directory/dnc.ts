import { DomainError } from '../domain-error.js';
import type { Stores } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';

/**
 * A system's do-not-call list (control API): the numbers the dialler never dials and a lead upload
 * marks `DNC`.
 */
export class DncService {
  constructor(private readonly stores: Pick<Stores, 'dnc'>) {}

  list(sys: SystemContext): string[] {
    return this.stores.dnc.list(sys.systemId);
  }

  /** Adds the numbers; returns how many were new. */
  add(sys: SystemContext, phoneNumbers: string[]): number {
    return this.stores.dnc.add(sys.systemId, phoneNumbers, sys.clock.now());
  }

  /** Removes one number; an unknown number is a 404. */
  remove(sys: SystemContext, phoneNumber: string): number {
    const removed = this.stores.dnc.remove(sys.systemId, phoneNumber);
    if (removed === 0) throw DomainError.notFound('phone_number', 'do-not-call number', phoneNumber);
    return removed;
  }
}
