import type { FujuModule } from '../../platform/module.ts';
import { outboxSender } from '../identity/index.ts';
import { fittingApi } from './api.ts';
import { CaseService } from './caseService.ts';
import { seedFittingDemo } from './demo.ts';
import { fittingOwnData } from './ownData.ts';
import { fittingOwnDataMessages } from './ownDataMessages.ts';

export { rebuildTally } from './caseRepo.ts';
export type { FollowUpOutcome } from './followUpOutcomes.ts';
export { followUpOutcomes } from './followUpOutcomes.ts';

import { fittingPages } from './pages/index.ts';
import { fittingLabels } from './pages/labels.ts';
import { fittingPageMessages } from './pages/messages.ts';

/**
 * The fitting-subsidy case, from a person's application through
 * eligibility, assessment, prescription, approval, fitting, delivery,
 * training and follow-up (plan task 3; DOMAIN.md "The fitting process").
 */
export const fittingModule: FujuModule = {
  name: 'fitting',
  routes(app, deps) {
    const sender = outboxSender({
      keyring: deps.keyring,
      demo: deps.config.demo,
      log: (line) => app.log.warn(line),
    });
    const cases = new CaseService({ db: deps.db, keyring: deps.keyring, sender });
    fittingApi(app, { db: deps.db, cases });
    fittingPages(app, { ...deps, cases });
  },
  async seedDemo(tx, context) {
    return seedFittingDemo(tx, context);
  },
  // What people wrote about themselves and what assessors and fitters found: health data.
  encryptedColumns: [
    { table: 'fitting_action', idColumn: 'id', column: 'note_sealed' },
    { table: 'fitting_application', idColumn: 'case_id', column: 'reason_sealed' },
    { table: 'assessment', idColumn: 'case_id', column: 'findings_sealed' },
    { table: 'delivery', idColumn: 'case_id', column: 'fitting_notes_sealed' },
    { table: 'delivery', idColumn: 'case_id', column: 'training_notes_sealed' },
    { table: 'delivery_photo', idColumn: 'id', column: 'content_sealed' },
  ],
  messages: [fittingLabels, fittingPageMessages, fittingOwnDataMessages],
  ownData: fittingOwnData,
};
