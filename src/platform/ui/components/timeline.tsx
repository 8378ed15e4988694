import type { ComponentChildren, VNode } from 'preact';

export interface TimelineEntry {
  /** Unique within the timeline. */
  key: string | number;
  /** The step in words: when, what and by whom. */
  text: string;
  /** Said after the step where there is more to say (a note, a score). */
  detail?: ComponentChildren;
}

export interface TimelineProps {
  heading: string;
  headingId?: string;
  /** Oldest first. */
  entries: readonly TimelineEntry[];
}

/** Every step a record has been through, oldest first, as a numbered list under its heading. */
export function Timeline({ heading, headingId = 'timeline-heading', entries }: TimelineProps): VNode {
  return (
    <section aria-labelledby={headingId}>
      <h2 class="fj-heading-m" id={headingId}>
        {heading}
      </h2>
      <ol class="fj-list">
        {entries.map((entry) => (
          <li key={entry.key}>
            {entry.text}
            {entry.detail}
          </li>
        ))}
      </ol>
    </section>
  );
}
