import type { FujuModule } from '../../platform/module.ts';
import { portalMessages } from './messages.ts';
import { portalPages } from './pages.tsx';

/** The public front: home page, accessibility statement and display settings. */
export const portalModule: FujuModule = {
  name: 'portal',
  routes: portalPages,
  messages: [portalMessages],
};
