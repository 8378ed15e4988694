import type { ComponentChildren, VNode } from 'preact';

export type NotificationBannerType = 'neutral' | 'success';

export interface NotificationBannerProps {
  /** Short title in the coloured bar, e.g. "重要" / "Important", "成功" / "Success". */
  title: string;
  /** Unique id of the title (the banner is labelled by it). */
  titleId: string;
  type?: NotificationBannerType;
  /** Main message, rendered as a bold paragraph. */
  heading?: string;
  /** Further content (paragraphs, links). */
  children?: ComponentChildren;
  id?: string;
  /** Heading level of the title; 2 by default. */
  titleHeadingLevel?: 2 | 3;
}

/**
 * Neutral banners are a labelled region (landmark) and are not announced. Success banners use
 * role="alert" so the result of the user's action is announced, and carry data-module so the page
 * script can focus them (tabindex=-1).
 */
export function NotificationBanner({
  title,
  titleId,
  type = 'neutral',
  heading,
  children,
  id,
  titleHeadingLevel = 2,
}: NotificationBannerProps): VNode {
  const success = type === 'success';
  const Title = titleHeadingLevel === 3 ? 'h3' : 'h2';
  const content = (
    <>
      <div class="fj-notification-banner__header">
        <Title class="fj-notification-banner__title" id={titleId}>
          {title}
        </Title>
      </div>
      <div class="fj-notification-banner__content">
        {heading !== undefined && heading !== '' ? (
          <p class="fj-notification-banner__heading">{heading}</p>
        ) : null}
        {children}
      </div>
    </>
  );
  if (success) {
    return (
      <div
        class="fj-notification-banner fj-notification-banner--success"
        id={id}
        role="alert"
        aria-labelledby={titleId}
        tabindex={-1}
        data-module="notification-banner"
      >
        {content}
      </div>
    );
  }
  // A <section> with an accessible name is a region landmark.
  return (
    <section
      class="fj-notification-banner"
      id={id}
      aria-labelledby={titleId}
      data-module="notification-banner"
    >
      {content}
    </section>
  );
}
