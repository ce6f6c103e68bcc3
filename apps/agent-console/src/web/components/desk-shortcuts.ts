/**
 * The agent desktop's keyboard shortcuts, written once: the call panel binds them and the `?`
 * dialog lists them, so the list cannot drift from what the keys do.
 *
 * @module
 */

export const DESK_SHORTCUTS = {
  hold: { key: 'h', label: 'Hold the call, or retrieve it' },
  hangUp: { key: 'e', label: 'End the call (hang up)' },
  dispose: { key: 'd', label: 'Dispose the call with the chosen disposition' },
  help: { key: '?', label: 'Show these shortcuts' },
} as const;

export type DeskShortcut = keyof typeof DESK_SHORTCUTS;
