/**
 * The JSON Schema of an exported log file (format `agent-assist-log`, version 1), as data: the import
 * checks every file against it before anything is written (src/qa/check-json.ts), and
 * `log-file.schema.json` beside this file is the same schema for other tools. Unknown properties are
 * allowed, so files from newer builds and the collector's exports (which add `chain`, `eventCount`,
 * `report` to a call) still read; what the widget reads is typed, bounded and required where it needs it.
 */
import type {JsonSchema} from './check-json.js';

/** Ids, names, hashes and times: short text. */
const ID: JsonSchema = {type: 'string', maxLength: 1_000};
/** Titles and words to say: longer text. */
const TEXT: JsonSchema = {type: 'string', maxLength: 100_000};
const IDS: JsonSchema = {type: 'array', items: ID, maxItems: 10_000};
const TEXTS: JsonSchema = {type: 'array', items: TEXT, maxItems: 10_000};
/** Seconds, offsets, weights: finite numbers (JSON.parse turns `1e400` into Infinity, refused too). */
const NUMBER: JsonSchema = {type: 'number'};

const step: JsonSchema = {
  type: 'object',
  title: 'a script step',
  required: ['id', 'title', 'required', 'branches', 'next'],
  properties: {
    id: ID,
    title: TEXT,
    phase: ID,
    say: TEXTS,
    guidance: TEXTS,
    required: {type: 'boolean'},
    branches: {
      type: 'array',
      maxItems: 1_000,
      items: {
        type: 'object',
        title: 'a branch',
        required: ['label', 'target'],
        properties: {label: TEXT, target: ID},
      },
    },
    next: {type: ['string', 'null'], maxLength: 1_000},
    articles: IDS,
    checklistItems: IDS,
  },
};

const script: JsonSchema = {
  type: 'object',
  title: 'a call script',
  required: ['id', 'version', 'title', 'steps'],
  properties: {
    id: ID,
    version: ID,
    title: TEXT,
    lang: ID,
    queues: IDS,
    checklists: IDS,
    variables: IDS,
    steps: {type: 'array', items: step, maxItems: 10_000},
  },
};

const item: JsonSchema = {
  type: 'object',
  title: 'a checklist item',
  required: ['id', 'text', 'weight', 'category', 'critical', 'deadline', 'appliesTo'],
  properties: {
    id: ID,
    text: TEXT,
    weight: {type: 'number', minimum: 0, maximum: 1_000_000},
    category: {enum: ['etiquette', 'knowledge', 'procedure']},
    critical: {type: 'boolean'},
    deadline: {
      anyOf: [
        {type: 'null'},
        {type: 'object', title: '{"seconds": …}', required: ['seconds'], properties: {seconds: NUMBER}},
        {type: 'object', title: '{"beforeStep": …}', required: ['beforeStep'], properties: {beforeStep: ID}},
      ],
    },
    appliesTo: IDS,
    checklistId: ID,
    checklistTitle: TEXT,
  },
};

const call: JsonSchema = {
  type: 'object',
  title: 'a call',
  required: ['callId', 'agentId', 'startedAt'],
  properties: {
    callId: ID,
    agentId: ID,
    status: {enum: ['active', 'ended']},
    startedAt: ID,
    startedMono: NUMBER,
    endedAt: ID,
    packHash: ID,
    scriptId: {type: ['string', 'null'], maxLength: 1_000},
    script: {anyOf: [{type: 'null'}, script]},
    items: {type: 'array', items: item, maxItems: 10_000},
    outcome: TEXT,
    // Written by the exporting side and recomputed on import: any JSON, only checked to be plain data.
    report: {type: 'object'},
    eventCount: NUMBER,
    chain: {type: 'object'},
  },
};

const event: JsonSchema = {
  type: 'object',
  title: 'a logged event',
  required: ['eventId', 'callId', 'agentId', 'seq', 'type', 'data', 'clientTs', 'offset', 'prevHash', 'hash'],
  properties: {
    eventId: ID,
    callId: ID,
    agentId: ID,
    seq: {type: 'integer', minimum: 1, maximum: 2_147_483_647},
    type: ID,
    // What the report is recomputed from is typed; other fields are any JSON (hashed as they are).
    data: {
      type: 'object',
      properties: {
        stepId: ID,
        itemId: ID,
        branch: ID,
        reason: TEXT,
        source: ID,
        fromStepId: {type: ['string', 'null'], maxLength: 1_000},
        pinHash: ID,
      },
    },
    clientTs: ID,
    clientMono: NUMBER,
    offset: NUMBER,
    packVersion: ID,
    prevHash: ID,
    hash: ID,
  },
};

/** The log file, version 1. */
export const LOG_FILE_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://agent-assist.example/schemas/log-file-1.json',
  title: 'agent-assist exported log file, version 1',
  type: 'object',
  required: ['format', 'version', 'calls', 'events'],
  properties: {
    format: {const: 'agent-assist-log'},
    version: {const: 1},
    exportedAt: ID,
    calls: {type: 'array', items: call},
    events: {type: 'array', items: event},
  },
};
