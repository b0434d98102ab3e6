/**
 * What every view of the widget shares (the UI strings, the agent's language, the content pack, today's
 * date), carried from the root to the views through Lit context instead of through every element's
 * properties. The root provides it; each view consumes it and re-renders when it changes.
 */
import {createContext} from '@lit/context';
import type {UiLang} from '../config/parse-attributes.js';
import type {ContentPack} from '../content/pack-types.js';
import type {UiStrings} from '../i18n/strings.js';

export interface WidgetContext {
  strings: UiStrings;
  lang: UiLang;
  /** The pack in use, or null before one loaded. */
  pack: ContentPack | null;
  /** Today's date (UTC, `YYYY-MM-DD`): articles past their review date are marked. */
  today: string;
}

export const widgetContext = createContext<WidgetContext>(Symbol('agent-assist-widget'));
