/**
 * What every view of the widget shares (the UI strings, the agent's language, the content pack, today's
 * date), carried from the root to the views through Lit context instead of through every element's
 * properties. The root provides it; each view reads it through a {@link WidgetContextConsumer} and
 * re-renders when it changes.
 */
import {ContextConsumer, createContext} from '@lit/context';
import type {ReactiveControllerHost} from 'lit';
import type {UiLang} from '../config/parse-attributes.js';
import type {ArticleLookup} from '../content/article-table.js';
import type {ContentPack} from '../content/pack-types.js';
import type {UiStrings} from '../i18n/strings.js';

export interface WidgetContext {
  strings: UiStrings;
  lang: UiLang;
  /** The pack in use, or null before one loaded. */
  pack: ContentPack | null;
  /** Its articles by id (the pack's table: a pack may hold 40k articles). */
  articlesById: ArticleLookup;
  /** Today's date (UTC, `YYYY-MM-DD`): articles past their review date are marked. */
  today: string;
  /** An article's HTML, read when it is opened (null: the pack has no such article). */
  articleBody(id: string): Promise<string | null>;
}

export const widgetContext = createContext<WidgetContext>(Symbol('agent-assist-widget'));

const NO_ARTICLES: ArticleLookup = new Map();
const NO_BODY = async () => null;

/** A view's window on the widget context (null/defaults until the root has answered). */
export class WidgetContextConsumer {
  private readonly _consumer: ContextConsumer<typeof widgetContext, ReactiveControllerHost & HTMLElement>;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this._consumer = new ContextConsumer(host, {context: widgetContext, subscribe: true});
  }

  get strings(): UiStrings | null {
    return this._consumer.value?.strings ?? null;
  }

  /** The agent's language. */
  get lang(): UiLang {
    return this._consumer.value?.lang ?? 'en';
  }

  get pack(): ContentPack | null {
    return this._consumer.value?.pack ?? null;
  }

  get articlesById(): ArticleLookup {
    return this._consumer.value?.articlesById ?? NO_ARTICLES;
  }

  get today(): string {
    return this._consumer.value?.today ?? '';
  }

  /** See {@link WidgetContext.articleBody}. */
  articleBody(id: string): Promise<string | null> {
    return (this._consumer.value?.articleBody ?? NO_BODY)(id);
  }
}
