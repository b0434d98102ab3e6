/**
 * Styles of the QA view: compact numbers and tables for a side panel, plus the few uPlot rules its chart
 * needs (copied from uplot/dist/uPlot.min.css: a stylesheet in the page cannot reach the shadow root).
 */
import {css} from 'lit';

export const qaViewStyles = css`
  :host {
    display: block;
  }
  h3,
  h4 {
    font-size: 13px;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--aa-color-muted);
    margin: 14px 0 6px;
  }
  .muted {
    color: var(--aa-color-muted);
  }
  .message {
    margin: 0 0 8px;
    color: var(--aa-color-muted);
  }
  .message:empty {
    display: none;
  }
  button,
  .file-button {
    cursor: pointer;
    border-radius: var(--aa-radius);
    border: 1px solid var(--aa-color-border);
    background: var(--aa-color-bg);
    padding: 4px 10px;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .link {
    background: none;
    border: 0;
    color: var(--aa-color-accent);
    text-decoration: underline;
    padding: 0;
    text-align: start;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    margin: 0 0 10px;
  }
  .source {
    margin: 0;
    flex: 1 1 100%;
    color: var(--aa-color-muted);
    overflow-wrap: anywhere;
  }
  /* The file input stays in the tab order and in the accessibility tree; its label is the visible button. */
  .file-button {
    position: relative;
    display: inline-block;
  }
  .file-button input {
    position: absolute;
    inset: 0;
    opacity: 0;
    width: 100%;
    cursor: pointer;
  }
  .file-button:focus-within {
    box-shadow: var(--aa-focus-ring);
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
    gap: 6px 8px;
    align-items: end;
    margin: 0 0 10px;
    padding: 0;
    border: 0;
  }
  .filters label {
    display: grid;
    gap: 2px;
    font-size: 12px;
    color: var(--aa-color-muted);
  }
  select,
  input[type='date'] {
    font: inherit;
    font-size: 13px;
    color: var(--aa-color-text);
    background: var(--aa-color-bg);
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
    padding: 3px 6px;
    min-width: 0;
  }
  .summary {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 6px;
    margin: 0 0 6px;
  }
  .summary div {
    background: var(--aa-color-surface);
    border-radius: var(--aa-radius);
    padding: 6px 8px;
  }
  .summary dt {
    font-size: 12px;
    color: var(--aa-color-muted);
  }
  .summary dd {
    margin: 0;
    font-size: 20px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .summary .bad {
    color: var(--aa-color-danger);
  }
  .chart {
    min-height: 60px;
  }
  .bars {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  .bars li {
    display: grid;
    grid-template-columns: 90px 1fr 44px;
    gap: 8px;
    align-items: center;
    font-size: 13px;
  }
  .track {
    height: 10px;
    background: var(--aa-color-surface);
    border-radius: 5px;
    overflow: hidden;
  }
  .fill {
    display: block;
    height: 100%;
    background: var(--aa-color-accent);
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .missed {
    margin: 0;
    padding-inline-start: 22px;
    font-size: 13px;
  }
  .missed li {
    margin: 0 0 4px;
  }
  .missed .counts {
    display: block;
    font-size: 12px;
    color: var(--aa-color-muted);
  }
  .table-wrap {
    overflow-x: auto;
  }
  /* Scoped: uPlot's legend is a table too. */
  table.calls,
  table.trend {
    width: 100%;
    border-collapse: collapse;
    font-size: 12px;
    font-variant-numeric: tabular-nums;
  }
  .calls caption,
  .trend caption {
    text-align: start;
    color: var(--aa-color-muted);
    padding: 0 0 4px;
  }
  .calls :is(th, td),
  .trend :is(th, td) {
    text-align: start;
    padding: 4px 6px 4px 0;
    border-bottom: 1px solid var(--aa-color-border);
    vertical-align: top;
  }
  .calls th,
  .trend th {
    font-weight: 600;
    color: var(--aa-color-muted);
  }
  .calls .score {
    text-align: end;
  }
  .crit,
  .broken,
  .st-missed,
  .st-late {
    color: var(--aa-color-danger);
    font-weight: 600;
  }
  .st-late {
    color: var(--aa-color-warn);
  }
  .ok {
    color: var(--aa-color-ok);
  }
  .detail-head {
    font-size: 15px;
    text-transform: none;
    letter-spacing: 0;
    color: inherit;
    margin: 8px 0 4px;
  }
  .detail-head:focus {
    outline: none;
  }
  .items,
  .events {
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 13px;
  }
  .items li {
    padding: 4px 0;
    border-bottom: 1px solid var(--aa-color-border);
  }
  .items li.late,
  .items li.missed {
    border-inline-start: 3px solid currentColor;
    padding-inline-start: 6px;
  }
  .items li.missed {
    color: var(--aa-color-danger);
  }
  .items li.late {
    color: var(--aa-color-warn);
  }
  .items .line {
    display: flex;
    justify-content: space-between;
    gap: 8px;
  }
  .items .timing {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .items .sub {
    font-size: 12px;
    color: var(--aa-color-muted);
  }
  .events li {
    display: grid;
    grid-template-columns: 64px 1fr;
    gap: 8px;
    padding: 2px 0;
  }
  .events .offset {
    text-align: end;
    font-variant-numeric: tabular-nums;
    color: var(--aa-color-muted);
  }
  .events .data {
    color: var(--aa-color-muted);
    font-size: 12px;
    overflow-wrap: anywhere;
  }

  /* uPlot (1.6) */
  .uplot,
  .uplot *,
  .uplot *::before,
  .uplot *::after {
    box-sizing: border-box;
  }
  .uplot {
    font-family: inherit;
    line-height: 1.5;
    width: min-content;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under {
    position: absolute;
  }
  .u-under {
    overflow: hidden;
  }
  .uplot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .u-axis {
    position: absolute;
  }
  .u-legend {
    font-size: 12px;
    margin: auto;
    text-align: center;
  }
  .u-inline {
    display: block;
  }
  .u-inline * {
    display: inline-block;
  }
  .u-inline tr {
    margin-right: 16px;
  }
  .u-legend th {
    font-weight: 600;
  }
  .u-legend th > * {
    vertical-align: middle;
    display: inline-block;
  }
  .u-legend .u-marker {
    width: 1em;
    height: 1em;
    margin-right: 4px;
    background-clip: padding-box !important;
  }
  .u-inline.u-live th::after {
    content: ':';
    vertical-align: middle;
  }
  .u-inline:not(.u-live) .u-value {
    display: none;
  }
  .u-series > * {
    padding: 4px;
  }
  .u-select {
    background: rgba(0, 0, 0, 0.07);
    position: absolute;
    pointer-events: none;
  }
  .u-cursor-x,
  .u-cursor-y {
    position: absolute;
    left: 0;
    top: 0;
    pointer-events: none;
    will-change: transform;
  }
  .u-hz .u-cursor-x {
    height: 100%;
    border-right: 1px dashed var(--aa-color-muted);
  }
  .u-hz .u-cursor-y {
    width: 100%;
    border-bottom: 1px dashed var(--aa-color-muted);
  }
  .u-cursor-pt {
    position: absolute;
    top: 0;
    left: 0;
    border-radius: 50%;
    border: 0 solid;
    pointer-events: none;
    will-change: transform;
    background-clip: padding-box !important;
  }
  .u-axis.u-off,
  .u-select.u-off,
  .u-cursor-x.u-off,
  .u-cursor-y.u-off,
  .u-cursor-pt.u-off {
    display: none;
  }
  .more {
    margin: 8px 0 0;
  }
  .knowledge-health {
    margin: var(--aa-space) 0;
  }
  .knowledge-health summary {
    cursor: pointer;
    font-weight: 600;
  }
  .health-table {
    display: block;
    overflow-x: auto;
    border-collapse: collapse;
    font-size: 12px;
    margin: 6px 0;
  }
  .health-table caption {
    text-align: start;
    font-weight: 600;
  }
  .health-table th,
  .health-table td {
    border-bottom: 1px solid var(--aa-color-border);
    padding: 2px 6px;
    text-align: start;
  }
`;
