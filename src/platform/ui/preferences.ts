/**
 * Display preferences a resident can set without an account (ACCESSIBILITY.md):
 * kept in a cookie, applied as classes on <html> so they work without JavaScript.
 */
export const textSizes = ['standard', 'large', 'x-large'] as const;
export const contrasts = ['standard', 'high'] as const;
export const motions = ['standard', 'reduced'] as const;
export const readingModes = ['standard', 'easy'] as const;

export interface DisplayPreferences {
  textSize: (typeof textSizes)[number];
  contrast: (typeof contrasts)[number];
  motion: (typeof motions)[number];
  /** Easy read (易读): short sentences, key facts first, on resident-facing pages. */
  reading: (typeof readingModes)[number];
}

export const defaultPreferences: DisplayPreferences = {
  textSize: 'standard',
  contrast: 'standard',
  motion: 'standard',
  reading: 'standard',
};

export const preferencesCookie = 'fuju_display';

const pick = <T extends string>(allowed: readonly T[], value: string | null, fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/** Unknown or tampered values fall back to the default: a cookie is user input. */
export function parsePreferences(cookie: string | undefined): DisplayPreferences {
  const params = new URLSearchParams(cookie ?? '');
  return {
    textSize: pick(textSizes, params.get('text'), defaultPreferences.textSize),
    contrast: pick(contrasts, params.get('contrast'), defaultPreferences.contrast),
    motion: pick(motions, params.get('motion'), defaultPreferences.motion),
    reading: pick(readingModes, params.get('reading'), defaultPreferences.reading),
  };
}

export function serialisePreferences(prefs: DisplayPreferences): string {
  return new URLSearchParams({
    text: prefs.textSize,
    contrast: prefs.contrast,
    motion: prefs.motion,
    reading: prefs.reading,
  }).toString();
}

export function preferenceClasses(prefs: DisplayPreferences): string {
  return [
    prefs.textSize !== 'standard' && `fj-text-${prefs.textSize}`,
    prefs.contrast === 'high' && 'fj-contrast-high',
    prefs.motion === 'reduced' && 'fj-motion-reduced',
    prefs.reading === 'easy' && 'fj-easy-read',
  ]
    .filter(Boolean)
    .join(' ');
}
