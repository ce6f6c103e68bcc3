/**
 * The simulated day as one self-contained HTML page: uPlot's script and style inlined (no network),
 * the day's series as JSON drawn into charts by a small script, and every chart's figures also as a
 * table (by hour; the per-agent timeline as minutes per state), so the page reads without script or
 * sight. The what-if comparison is a table of the same figures per setting value.
 *
 * @module
 */

import type { CampaignSeriesView, CampaignStatsView } from '@omnikit/contracts/control';
import type { SimulationResult } from './run-simulation.js';
import { type Comparison, inboundPerHourOf, leadsOf } from './simulation-settings.js';

export interface SimulationReportInput {
  main: SimulationResult;
  comparison?: { setting: Comparison['setting']; runs: SimulationResult[] } | undefined;
  /** uPlot's minified script and its style sheet, inlined as they are. */
  uplot: { js: string; css: string };
  /** The command that made the report, shown at its foot. */
  command: string;
}

const STATES = ['ready', 'on_call', 'wrap_up', 'paused'] as const;
const STATE_NAMES: Record<(typeof STATES)[number], string> = {
  ready: 'Ready',
  on_call: 'On a call',
  wrap_up: 'Wrap-up',
  paused: 'Paused',
};

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const n = (v: number) => v.toLocaleString('en-GB');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]) => (xs.length ? sum(xs) / xs.length : 0);
const hhmm = (iso: string) => iso.slice(11, 16);

/** The day's figures, one row each, as the day's table and the what-if table show them. */
export function dayFigures(stats: CampaignStatsView): [string, string][] {
  return [
    ['Calls (outbound dials + inbound offered)', n(stats.dials + stats.inbound_offered)],
    ['Outbound dials', n(stats.dials)],
    ['Connects (outbound put through)', n(stats.connects)],
    ['Answering machines', n(stats.answering_machines)],
    ['Drops', n(stats.drops)],
    ['Drop rate', pct(stats.drop_rate)],
    ['Inbound offered', n(stats.inbound_offered)],
    ['Inbound answered', n(stats.inbound_answered)],
    ['Abandoned', n(stats.abandoned)],
    ['Abandon rate', pct(stats.abandon_rate)],
    ['Average speed of answer (ASA)', secs(stats.average_speed_of_answer_ms)],
    ['Average handle time (AHT)', secs(stats.average_handle_time_ms)],
    ['Calls handled', n(stats.handled)],
    ['Agent occupancy', pct(stats.agent_occupancy)],
    ['Leads remaining', n(stats.leads_remaining)],
  ];
}

interface HourRow {
  hour: string;
  dials: number;
  connects: number;
  drops: number;
  dropRate: number | null;
  queue: number;
  queueMax: number;
  asaMs: number | null;
  agents: Record<(typeof STATES)[number], number>;
}

/** The series summed (counts) or averaged (levels) by hour of the system's clock. */
export function hourlyRows(series: CampaignSeriesView): HourRow[] {
  const b = series.buckets;
  const groups = new Map<string, number[]>();
  b.start.forEach((start, i) => {
    const hour = `${start.slice(0, 13)}:00`;
    const list = groups.get(hour) ?? [];
    list.push(i);
    groups.set(hour, list);
  });
  return [...groups.entries()].map(([hour, idx]) => {
    const pick = (xs: readonly number[]) => idx.map((i) => xs[i] ?? 0);
    const connects = sum(pick(b.connects));
    const drops = sum(pick(b.drops));
    const answered = sum(pick(b.inbound_answered));
    const waited = sum(idx.map((i) => (b.average_speed_of_answer_ms[i] ?? 0) * (b.inbound_answered[i] ?? 0)));
    return {
      hour: hhmm(`${hour}:00.000Z`),
      dials: sum(pick(b.dials)),
      connects,
      drops,
      dropRate: connects + drops > 0 ? Math.round((10_000 * drops) / (connects + drops)) / 100 : null,
      queue: Math.round(mean(pick(b.queue_length)) * 100) / 100,
      queueMax: Math.max(0, ...pick(b.queue_length_max)),
      asaMs: answered > 0 ? Math.round(waited / answered) : null,
      agents: {
        ready: Math.round(mean(pick(b.agents.ready)) * 10) / 10,
        on_call: Math.round(mean(pick(b.agents.on_call)) * 10) / 10,
        wrap_up: Math.round(mean(pick(b.agents.wrap_up)) * 10) / 10,
        paused: Math.round(mean(pick(b.agents.paused)) * 10) / 10,
      },
    };
  });
}

/** The chart data the page's script draws: times in epoch seconds, counts per minute. */
export function chartData(series: CampaignSeriesView) {
  const b = series.buckets;
  const perMinute = 60 / series.bucket_seconds;
  const round = (v: number) => Math.round(v * 100) / 100;
  const tlFrom = Date.parse(series.agent_timeline.from);
  return {
    t: b.start.map((s) => Date.parse(s) / 1000),
    dials: b.dials.map((v) => round(v * perMinute)),
    connects: b.connects.map((v) => round(v * perMinute)),
    drops: b.drops.map((v) => round(v * perMinute)),
    dropRate: b.drop_rate,
    dropRateCumulative: b.drop_rate_cumulative,
    target: series.target_drop_percentage,
    queue: b.queue_length,
    asa: b.average_speed_of_answer_ms.map((v) => (v === null ? null : round(v / 1000))),
    agents: b.agents,
    timeline: {
      from: tlFrom / 1000,
      to: Date.parse(series.agent_timeline.to) / 1000,
      agents: series.agent_timeline.agents.map((a) => [
        a.user_id,
        a.spans.map((s) => [
          STATES.indexOf(s.state),
          (Date.parse(s.from) - tlFrom) / 1000,
          (Date.parse(s.to) - tlFrom) / 1000,
        ]),
      ]),
    },
  };
}

function table(caption: string, head: string[], rows: string[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><caption>${esc(caption)}</caption><thead><tr>${head
    .map((h) => `<th scope="col">${esc(h)}</th>`)
    .join('')}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

function chartFigure(id: string, title: string, summary: string, tableHtml: string): string {
  return `<figure class="chart" id="${id}-figure" data-chart="${id}">
<figcaption><h3>${esc(title)}</h3><p>${esc(summary)}</p></figcaption>
<div class="plot" id="${id}" role="img" aria-label="${esc(`${title}: ${summary}`)}"></div>
<details><summary>${esc(title)} as a table</summary>${tableHtml}</details>
</figure>`;
}

function settingsLine(r: SimulationResult): string {
  const s = r.settings;
  return `${s.agents} agents, ${s.hours} h, seed ${s.seed}, ${n(leadsOf(s))} leads, ${n(inboundPerHourOf(s))} inbound callers an hour (patience ${s.patience_median_seconds} s), max_lines ${s.max_lines}, target_drop_percentage ${s.target_drop_percentage}, wrapup_seconds ${s.wrapup_seconds}, AMD ${s.amd_enabled ? 'on' : 'off'}`;
}

export function renderSimulationReport(input: SimulationReportInput): string {
  const { main } = input;
  const { stats, series } = main;
  const hours = hourlyRows(series);
  const data = chartData(series);
  const maxQueue = Math.max(0, ...series.buckets.queue_length_max);
  const peakMinute = Math.max(0, ...data.dials);
  const timelineRows = series.agent_timeline.agents.map((a) => {
    const minutes = { ready: 0, on_call: 0, wrap_up: 0, paused: 0 };
    for (const s of a.spans) minutes[s.state] += (Date.parse(s.to) - Date.parse(s.from)) / 60_000;
    return [`agent ${a.user_id}`, ...STATES.map((st) => minutes[st].toFixed(1))];
  });
  const charts = [
    chartFigure(
      'calls-chart',
      'Dials, connects and drops per minute',
      `${n(stats.dials)} dials, ${n(stats.connects)} connects and ${n(stats.drops)} drops over the day; at most ${peakMinute} dials in a minute.`,
      table(
        'By hour (system time, UTC)',
        ['Hour', 'Dials', 'Connects', 'Drops'],
        hours.map((h) => [h.hour, n(h.dials), n(h.connects), n(h.drops)]),
      ),
    ),
    chartFigure(
      'drop-chart',
      'Drop rate against the target',
      `The day's drop rate is ${pct(stats.drop_rate)} against a target of ${series.target_drop_percentage} %.`,
      table(
        'By hour (system time, UTC)',
        ['Hour', 'Drop rate', 'Target'],
        hours.map((h) => [h.hour, pct(h.dropRate), `${series.target_drop_percentage} %`]),
      ),
    ),
    chartFigure(
      'queue-chart',
      'Inbound queue and average speed of answer',
      `${n(stats.inbound_offered)} callers queued, at most ${maxQueue} at once; the day's ASA is ${secs(stats.average_speed_of_answer_ms)}.`,
      table(
        'By hour (system time, UTC)',
        ['Hour', 'Queue (mean)', 'Queue (most)', 'ASA'],
        hours.map((h) => [h.hour, String(h.queue), String(h.queueMax), h.asaMs === null ? '—' : secs(h.asaMs)]),
      ),
    ),
    chartFigure(
      'agents-chart',
      'Agents by state',
      `${main.settings.agents} agents; occupancy ${pct(stats.agent_occupancy)}.`,
      table(
        'Mean agents by state, by hour (system time, UTC)',
        ['Hour', ...STATES.map((s) => STATE_NAMES[s])],
        hours.map((h) => [h.hour, ...STATES.map((s) => String(h.agents[s]))]),
      ),
    ),
    chartFigure(
      'timeline-chart',
      'Each agent’s states in the last hour',
      `${series.agent_timeline.agents.length} agents from ${hhmm(series.agent_timeline.from)} to ${hhmm(series.agent_timeline.to)} (system time, UTC).`,
      table('Minutes in each state in the last hour', ['Agent', ...STATES.map((s) => STATE_NAMES[s])], timelineRows),
    ),
  ];

  const day = table('The day', ['Figure', 'Value'], dayFigures(stats), 'day-table');
  let whatIf = '';
  if (input.comparison) {
    const { setting, runs } = input.comparison;
    const figures = runs.map((r) => dayFigures(r.stats));
    const rows = (figures[0] ?? []).map(([label], i) => [label, ...figures.map((f) => f[i]?.[1] ?? '')]);
    whatIf = `<section aria-labelledby="what-if-title" id="what-if"><h2 id="what-if-title">What if: ${esc(setting)}</h2>
<p>The same day from the same seed (${main.settings.seed}), with only <code>${esc(setting)}</code> changed.</p>
${table(`The day by ${setting}`, ['Figure', ...runs.map((r) => `${setting} = ${String(r.settings[setting])}`)], rows, 'what-if-table')}</section>`;
  }
  const json = JSON.stringify({ series: data, states: STATES.map((s) => STATE_NAMES[s]) }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulated day — OmniKit</title>
<style>${input.uplot.css}</style>
<style>${REPORT_CSS}</style>
</head><body><main>
<h1>A simulated blended day</h1>
<p class="settings">${esc(settingsLine(main))}. Times are the mock's system time (UTC); the day starts at ${esc(hhmm(series.from))} on ${esc(series.from.slice(0, 10))}.</p>
<section aria-labelledby="day-title"><h2 id="day-title">The day’s figures</h2>${day}</section>
${whatIf}
<section aria-labelledby="charts-title"><h2 id="charts-title">Over the day</h2>${charts.join('\n')}</section>
<footer><p>Made by <code>${esc(input.command)}</code> in ${(main.wallMs / 1000).toFixed(1)} s (the main day). The same seed gives the same figures.</p></footer>
</main>
<script type="application/json" id="report-data">${json}</script>
<script>${input.uplot.js}</script>
<script>${REPORT_SCRIPT}</script>
</body></html>
`;
}

const REPORT_CSS = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1a1b1e;background:#fff}
main{max-width:1100px;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem}h3{font-size:1.05rem;margin:0}
.settings{color:#495057}
table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #dee2e6;padding:.25rem .6rem;text-align:right}th[scope=row],thead th:first-child{text-align:left}
thead th{background:#f1f3f5}
figure.chart{margin:1.5rem 0;padding:.75rem;border:1px solid #dee2e6;border-radius:6px}
figcaption p{margin:.25rem 0 .5rem;color:#495057}
.plot{min-height:120px}
details{margin-top:.5rem}summary{cursor:pointer;color:#1864ab}
canvas.timeline{display:block;max-width:100%}
.legend{display:flex;gap:1rem;flex-wrap:wrap;font-size:.9rem;margin:.25rem 0}.legend span::before{content:"";display:inline-block;width:.8em;height:.8em;margin-right:.3em;background:var(--c);vertical-align:-.05em}
`;

/** Draws the charts from #report-data with uPlot (and the timeline on a canvas). Plain ES2017, no imports. */
const REPORT_SCRIPT = `
(function(){
var d=JSON.parse(document.getElementById('report-data').textContent);var s=d.series;
var colours={ready:'#2f9e44',on_call:'#1c7ed6',wrap_up:'#f08c00',paused:'#868e96'};
function width(el){return Math.max(320,Math.min(1060,el.clientWidth||900));}
function plot(id,opts,data){var el=document.getElementById(id);opts.width=width(el);opts.tzDate=function(ts){return uPlot.tzDate(new Date(ts*1e3),'Etc/UTC');};opts.height=opts.height||260;el.dataset.points=String(data[0].length);return new uPlot(opts,data,el);}
var x={scale:'x'};
plot('calls-chart',{title:'',series:[{},{label:'Dials/min',stroke:'#1c7ed6',width:1},{label:'Connects/min',stroke:'#2f9e44',width:1},{label:'Drops/min',stroke:'#e03131',width:1.5}],axes:[{},{label:'per minute'}]},[s.t,s.dials,s.connects,s.drops]);
plot('drop-chart',{series:[{},{label:'Drop rate (bucket) %',stroke:'#fa5252',width:1},{label:'Drop rate (cumulative) %',stroke:'#c92a2a',width:2},{label:'Target %',stroke:'#495057',dash:[6,4],width:1.5}],axes:[{},{label:'%'}]},[s.t,s.dropRate,s.dropRateCumulative,s.t.map(function(){return s.target;})]);
plot('queue-chart',{series:[{},{label:'Queue (mean)',stroke:'#7048e8',width:1.5,scale:'q'},{label:'ASA (s)',stroke:'#f08c00',width:1,scale:'s',spanGaps:false}],scales:{q:{},s:{}},axes:[{},{scale:'q',label:'callers'},{scale:'s',side:1,label:'seconds',grid:{show:false}}]},[s.t,s.queue,s.asa]);
var st=['ready','on_call','wrap_up','paused'];var a=s.agents;var stack=[];var run=s.t.map(function(){return 0;});
st.slice().reverse().forEach(function(k){run=run.map(function(v,i){return Math.round((v+a[k][i])*100)/100;});stack.unshift(run);});
plot('agents-chart',{series:[{}].concat(st.map(function(k,i){return {label:d.states[i]+' (stacked)',stroke:colours[k],fill:colours[k]+'cc',width:1};})),axes:[{},{label:'agents'}]},[s.t].concat(stack));
var tl=s.timeline;var el=document.getElementById('timeline-chart');var row=Math.max(3,Math.min(14,Math.floor(600/Math.max(1,tl.agents.length))));
var legend=document.createElement('div');legend.className='legend';st.forEach(function(k,i){var sp=document.createElement('span');sp.style.setProperty('--c',colours[k]);sp.textContent=d.states[i];legend.appendChild(sp);});el.appendChild(legend);
var c=document.createElement('canvas');c.className='timeline';var left=70,w=width(el);c.width=w;c.height=tl.agents.length*row+24;el.appendChild(c);var g=c.getContext('2d');var span=Math.max(1,tl.to-tl.from);
g.font='10px system-ui,sans-serif';g.fillStyle='#495057';
tl.agents.forEach(function(ag,r){if(row>=9||r%Math.ceil(9/row)===0)g.fillText('agent '+ag[0],2,r*row+row-1);ag[1].forEach(function(p){g.fillStyle=colours[st[p[0]]];var x0=left+(w-left-4)*p[1]/span,x1=left+(w-left-4)*p[2]/span;g.fillRect(x0,r*row,Math.max(1,x1-x0),row-1);});g.fillStyle='#495057';});
for(var m=0;m<=60;m+=10){var xx=left+(w-left-4)*m*60/span;g.fillStyle='#495057';g.fillText(new Date((tl.from+m*60)*1000).toISOString().slice(11,16),Math.min(xx,w-30),tl.agents.length*row+14);}
el.dataset.points=String(tl.agents.length);
document.body.dataset.chartsDrawn='true';
})();
`;
