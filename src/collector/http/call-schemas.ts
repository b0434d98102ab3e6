/**
 * JSON Schemas of what the QA read APIs answer: a call row, a page of them, the aggregates. Declared so
 * Fastify serializes them fast and the API documents itself; they mirror store/collector-store.ts.
 */

const str = {type: 'string'} as const;
const nullableStr = {type: ['string', 'null']} as const;
const int = {type: 'integer'} as const;
const nullableNum = {type: ['number', 'null']} as const;

export const CALL_ROW_PROPERTIES = {
  callId: str,
  agentId: str,
  team: nullableStr,
  scriptId: nullableStr,
  scriptTitle: nullableStr,
  startedAt: str,
  endedAt: nullableStr,
  outcome: nullableStr,
  status: {type: 'string', enum: ['intact', 'incomplete', 'broken']},
  verifiedSeq: int,
  maxSeq: int,
  eventCount: int,
  brokenAt: nullableStr,
  brokenReason: nullableStr,
  score: nullableNum,
  criticalFailed: {type: ['boolean', 'null']},
  clockOffsetMs: {type: ['integer', 'null']},
} as const;

export const CALL_PAGE_SCHEMA = {
  type: 'object',
  properties: {
    calls: {type: 'array', items: {type: 'object', properties: CALL_ROW_PROPERTIES}},
    nextCursor: nullableStr,
  },
} as const;

export const CALL_DETAIL_SCHEMA = {
  type: 'object',
  properties: {
    call: {
      type: 'object',
      properties: {
        ...CALL_ROW_PROPERTIES,
        report: {type: ['object', 'null'], additionalProperties: true},
        reportSource: nullableStr,
      },
    },
    events: {type: 'array', items: {type: 'object', additionalProperties: true}},
  },
} as const;

const STATS = {count: int, meanScore: nullableNum, criticalFailures: int} as const;

export const AGGREGATES_SCHEMA = {
  type: 'object',
  properties: {
    ...STATS,
    trend: {
      type: 'array',
      items: {type: 'object', properties: {day: str, meanScore: {type: 'number'}, count: int}},
    },
    byCategory: {
      type: 'object',
      properties: {etiquette: {type: 'number'}, knowledge: {type: 'number'}, procedure: {type: 'number'}},
    },
    mostMissed: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str,
          kind: str,
          title: str,
          missed: int,
          late: int,
          skipped: int,
          applicable: int,
        },
      },
    },
    byAgent: {type: 'array', items: {type: 'object', properties: {agentId: str, ...STATS}}},
    byScript: {
      type: 'array',
      items: {type: 'object', properties: {scriptId: nullableStr, title: nullableStr, ...STATS}},
    },
  },
} as const;
