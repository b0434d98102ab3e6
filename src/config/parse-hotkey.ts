/**
 * The `hotkey` attribute: a key combination on the host page that focuses the widget's search box
 * (`ctrl+/`, `alt+k`, `f2`). Pure parsing and matching; the element listens on the host's document only
 * while the attribute is set, since that document is the host's, not the widget's.
 */
import type {AttributeProblem, Parsed} from './parse-attributes.js';

/** A parsed hotkey. */
export interface Hotkey {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  /** The key, lower case: one character, or a name (`f2`, `arrowup`…). */
  key: string;
  /** As the agent reads it: `Ctrl+/`. */
  label: string;
}

const MODIFIERS = ['ctrl', 'alt', 'shift', 'meta'] as const;
const NAMED = /^(f([1-9]|1[0-9]|2[0-4])|insert|pause|scrolllock)$/;

function refused(raw: string): AttributeProblem {
  return {
    attribute: 'hotkey',
    value: raw,
    message:
      `agent-assist: hotkey="${raw}" is not valid; expected modifiers and one key joined by "+", ` +
      'with Ctrl, Alt or Meta unless the key is F1–F24 (e.g. "ctrl+/", "alt+k", "f2"). Using no hotkey.',
  };
}

/** Parses `hotkey`; absent or blank means none. A key a host page types with (a bare letter) is refused. */
export function parseHotkey(raw: string | null): Parsed<Hotkey | null> {
  const text = raw?.trim().toLowerCase() ?? '';
  if (text === '') return {value: null};
  // "ctrl++" names the plus key: split off the last key first.
  const plus = text.endsWith('++') ? '+' : null;
  const parts = (plus ? text.slice(0, -2) : text).split('+').filter((p) => p !== '');
  const key = plus ?? parts.pop() ?? '';
  const mods = new Set(parts);
  const known = [...mods].every((m) => (MODIFIERS as readonly string[]).includes(m));
  const hotkey: Hotkey = {
    ctrl: mods.has('ctrl'),
    alt: mods.has('alt'),
    shift: mods.has('shift'),
    meta: mods.has('meta'),
    key,
    label: '',
  };
  const named = NAMED.test(key);
  const valid = known && (key.length === 1 || named) && (named || hotkey.ctrl || hotkey.alt || hotkey.meta);
  if (!valid) return {value: null, problem: refused(raw!)};
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  hotkey.label = [...MODIFIERS.filter((m) => mods.has(m)).map(cap), named ? key.toUpperCase() : key].join(
    '+'
  );
  return {value: hotkey};
}

/** Whether a key press is the hotkey. Letters and digits match by physical key too (Alt+K on a Mac types "˚"). */
export function matchesHotkey(e: KeyboardEvent, h: Hotkey): boolean {
  if (e.ctrlKey !== h.ctrl || e.altKey !== h.alt || e.metaKey !== h.meta) return false;
  const key = e.key.toLowerCase();
  const byCode = /^[a-z]$/.test(h.key)
    ? e.code === `Key${h.key.toUpperCase()}`
    : /^[0-9]$/.test(h.key) && e.code === `Digit${h.key}`;
  // Shift is part of typing a symbol ("?" is Shift+/ on many layouts): only letters and names check it.
  if ((/^[a-z]$/.test(h.key) || h.key.length > 1) && e.shiftKey !== h.shift) return false;
  return key === h.key || byCode;
}
