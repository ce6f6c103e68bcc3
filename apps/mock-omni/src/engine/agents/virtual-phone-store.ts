/** An extension registered through the control API instead of SIP. */
export interface VirtualPhoneRecord {
  systemId: number;
  extension: string;
  userId: number;
  /** System clock ms. */
  registeredAt: number;
}

export interface VirtualPhoneStore {
  get(systemId: number, extension: string): VirtualPhoneRecord | undefined;
  /** Adds it (or keeps the one there); true when it was new. */
  add(phone: VirtualPhoneRecord): boolean;
  /** True when there was one to remove. */
  remove(systemId: number, extension: string): boolean;
  list(systemId: number): VirtualPhoneRecord[];
}
