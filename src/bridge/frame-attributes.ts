/**
 * The attributes of `<agent-assist>` that iframe mode carries, pure: as `frame.html`'s URL parameters when
 * the frame starts, and as `aa:set` messages afterwards (the element applies each one live). The frame's
 * side only: the host's helper (in the widget's entry) keeps a record typed by {@link FrameAttribute}, since
 * a module shared by both entries would become a chunk of its own, one more request before first render.
 */

/** The element's attributes, in the order the README lists them. */
export const FRAME_ATTRIBUTES = [
  'agent-id',
  'lang',
  'pack-url',
  'queue',
  'sync-url',
  'qa-url',
  'theme',
  'retention-days',
  'section',
] as const;

/** An attribute the frame's element takes from its host. */
export type FrameAttribute = (typeof FRAME_ATTRIBUTES)[number];

/** True when `name` is one of {@link FRAME_ATTRIBUTES} (exactly: attribute names are lower case). */
export const isFrameAttribute = (name: unknown): name is FrameAttribute =>
  (FRAME_ATTRIBUTES as readonly unknown[]).includes(name);
