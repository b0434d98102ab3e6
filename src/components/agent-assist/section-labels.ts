/**
 * The section tabs' labels, for the element's render and for the frame the widget's entry paints before
 * it (which must not import Lit: this module imports nothing that does).
 */
import type {Section} from '../../config/parse-attributes.js';
import type {UiStrings} from '../../i18n/strings.js';

/** Each section's tab label in the strings' language. */
export function sectionLabels(s: UiStrings): Record<Section, string> {
  return {knowledge: s.tabKnowledge, script: s.tabScript, checklist: s.tabChecklist, qa: s.tabQa};
}
