/** One colour per agent state on every chart and timeline (and their legends). */
export const STATE_COLOURS = {
  ready: '#2f9e44',
  on_call: '#1c7ed6',
  wrap_up: '#f08c00',
  paused: '#868e96',
} as const;

export const STATE_LABELS = {
  ready: 'Ready',
  on_call: 'On a call',
  wrap_up: 'Wrap-up',
  paused: 'Paused',
} as const;

export type ChartState = keyof typeof STATE_COLOURS;
export const CHART_STATES: readonly ChartState[] = ['ready', 'on_call', 'wrap_up', 'paused'];
