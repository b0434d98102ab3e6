/**
 * The embeddable entry, built to `dist/agent-assist.js`: loading it defines `<agent-assist>`.
 * This is the only module of the widget bundle with side effects.
 */
import {defineElements} from './define-elements.js';

defineElements();

export {AgentAssist} from '../src/components/agent-assist/agent-assist.js';
export type {AgentAssistSettings} from '../src/components/agent-assist/agent-assist.js';
export type {AaEventDetailMap, AaEventName, AdherenceReport} from '../src/events/aa-event.js';
