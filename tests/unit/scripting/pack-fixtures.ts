/** Builders for shipped (pack) scripts in tests: a required body step by default, overridable field by field. */
import type {PackScript, PackStep} from '../../../src/content/pack-types.js';

export function packStep(id: string, extra: Partial<PackStep> = {}): PackStep {
  return {
    id,
    title: id,
    phase: 'body',
    say: [],
    guidance: [],
    required: true,
    branches: [],
    next: null,
    articles: [],
    checklistItems: [],
    ...extra,
  };
}

export function packScript(steps: PackStep[], extra: Partial<PackScript> = {}): PackScript {
  return {
    id: 's',
    version: 'v1',
    title: 'S',
    lang: 'en',
    queues: [],
    checklists: [],
    variables: [],
    steps,
    ...extra,
  };
}
