import type { NameAddrHeader, URI } from 'sip.js';

/**
 * One registered extension: where its phone can be reached. A WebSocket flow cannot be reached
 * once it is closed, so a binding belongs to the connection that registered it and dies with it.
 * One binding per extension (per system): a REGISTER with a new Contact replaces the old one (the
 * last phone to register gets the bridge call, as with a `max_contacts=1` PBX endpoint).
 */
export interface Binding<Connection> {
  systemId: string;
  extension: string;
  userId: number;
  /** The address of record the phone registered (`sip:<extension>@<domain>`), used as To. */
  aor: string;
  /** The registered Contact URI, the bridge INVITE's Request-URI. */
  contact: URI;
  /** The Contact header text the binding was made from ('' when it listed several) and its parse: a refresh repeats it. */
  contactText: string;
  contactHeader: NameAddrHeader;
  /** The REGISTER's Call-ID and CSeq, to refuse out-of-order requests. */
  callId: string;
  cseq: number;
  registeredAt: number;
  expiresAt: number;
  userAgent: string | undefined;
  connection: Connection;
}

export class BindingTable<Connection> {
  private readonly bindings = new Map<string, Binding<Connection>>();

  static key(systemId: string, extension: string): string {
    return `${systemId}\u0000${extension}`;
  }

  get(systemId: string, extension: string): Binding<Connection> | undefined {
    return this.bindings.get(BindingTable.key(systemId, extension));
  }

  set(binding: Binding<Connection>): void {
    this.bindings.set(BindingTable.key(binding.systemId, binding.extension), binding);
  }

  /** Removes the binding if it is still `binding` (not replaced since). */
  delete(binding: Binding<Connection>): boolean {
    const key = BindingTable.key(binding.systemId, binding.extension);
    if (this.bindings.get(key) !== binding) return false;
    this.bindings.delete(key);
    return true;
  }

  values(): IterableIterator<Binding<Connection>> {
    return this.bindings.values();
  }

  get size(): number {
    return this.bindings.size;
  }
}
