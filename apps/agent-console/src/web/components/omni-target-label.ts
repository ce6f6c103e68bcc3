/**
 * The sign-in page's words before the Omni URL: where the console sends the agent, not whether
 * Omni answers there (nothing is checked before a sign-in; a sign-in that cannot reach Omni says so).
 *
 * @example
 * ```ts
 * omniTargetLabel('mock'); // 'The Omni mock at'
 * ```
 */
export function omniTargetLabel(target: 'mock' | 'omni'): string {
  return target === 'mock' ? 'The Omni mock at' : 'Omni at';
}
