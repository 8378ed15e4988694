import type { FujuModule } from '../../platform/module.ts';
import { accountsApi } from './accountsApi.ts';
import { identityApi } from './api.ts';
import { seedDemoAccounts, seedIdentityDemo } from './demo.ts';
import { accountPages } from './pages/account/index.ts';
import { accountMessages } from './pages/account/messages.ts';
import { adminPages } from './pages/admin/index.ts';
import { adminMessages } from './pages/admin/messages.ts';
import { residentsMessages } from './pages/residentsMessages.ts';
import { residentsPages } from './pages/residentsPages.tsx';
import { signInPages } from './pages/signIn/index.ts';
import { signInMessages } from './pages/signIn/messages.ts';
import { outboxSender } from './residentSignIn.ts';

export { issueToken } from './admin.ts';
export type { District, Organisation, OrganisationType } from './repo.ts';
export { listDistricts, listOrganisations, organisationTypes } from './repo.ts';
export type { MessageSender } from './residentSignIn.ts';
export { actorResolver } from './session.ts';
export type { StaffMember } from './staffDirectory.ts';
export { staffHoldingRoles } from './staffDirectory.ts';
export { findAccountByUsername } from './usersRepo.ts';
export { outboxSender };

/** Personal data and secrets this module seals. */
const identityEncryptedColumns = [
  { table: 'app_user', idColumn: 'id', column: 'phone_sealed' },
  { table: 'app_user', idColumn: 'id', column: 'resident_id_sealed' },
  { table: 'app_user', idColumn: 'id', column: 'totp_secret_sealed' },
  { table: 'outbox_message', idColumn: 'id', column: 'recipient_sealed' },
  { table: 'outbox_message', idColumn: 'id', column: 'body_sealed' },
  { table: 'correction_request', idColumn: 'id', column: 'message_sealed' },
] as const;

/** Users, organisations, roles and district scope; sign-in, sessions and tokens. */
export const identityModule: FujuModule = {
  name: 'identity',
  routes(app, { config, db, assets, keyring, ownData }) {
    identityApi(app, db);
    accountsApi(app, { db, keyring });
    const sender = outboxSender({ keyring, demo: config.demo, log: (line) => app.log.warn(line) });
    const pageDeps = { config, db, keyring, assets, sender, ownData };
    signInPages(app, pageDeps);
    accountPages(app, pageDeps);
    adminPages(app, pageDeps);
    residentsPages(app, pageDeps);
  },
  async seedDemo(tx, context) {
    return { ...(await seedIdentityDemo(tx)), ...(await seedDemoAccounts(tx, context)) };
  },
  messages: [signInMessages, accountMessages, adminMessages, residentsMessages],
  encryptedColumns: identityEncryptedColumns,
};
