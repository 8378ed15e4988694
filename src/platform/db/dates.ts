/** A date column as YYYY-MM-DD whichever driver read it (pg gives a local-midnight Date, PGlite a string). */
export function dayOf(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
