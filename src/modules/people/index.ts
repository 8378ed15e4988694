import { disabilityWords } from '../../platform/ids/index.ts';
import type { FujuModule } from '../../platform/module.ts';
import { peopleApi } from './api.ts';
import { seedPeople } from './demo.ts';
import { peopleOwnData } from './ownData.ts';
import { personFormMessages } from './pages/formMessages.ts';
import { peoplePages } from './pages/index.ts';
import { peopleLabels } from './pages/labels.ts';
import { peopleMessages } from './pages/messages.ts';

export type { DisabilityCategory, DisabilityGrade } from '../../platform/ids/index.ts';
export { demoPersonIds } from './demo.ts';
export type { EconomicStatus } from './domain/vocabulary.ts';
export type { PersonFacts } from './facts.ts';
export { bindAccountToPerson, personContact, personFacts, personLabels, personOfUser } from './facts.ts';
export { findPersonByResidentId } from './search.ts';

/** Sealed columns of the registry, re-encrypted by `fuju keys rotate`. */
const peopleEncryptedColumns = [
  { table: 'person', idColumn: 'id', column: 'resident_id_sealed' },
  { table: 'person', idColumn: 'id', column: 'name_sealed' },
  { table: 'person', idColumn: 'id', column: 'phone_sealed' },
  { table: 'person', idColumn: 'id', column: 'address_sealed' },
  { table: 'person', idColumn: 'id', column: 'certificate_sealed' },
  { table: 'person_guardian', idColumn: 'id', column: 'name_sealed' },
  { table: 'person_guardian', idColumn: 'id', column: 'phone_sealed' },
] as const;

/**
 * The residents' registry (人员库): people with disabilities and children the
 * programme serves, their certificates, household and economic status,
 * guardians and consent; personal fields sealed, masked everywhere by default.
 */
export const peopleModule: FujuModule = {
  name: 'people',
  routes(app, deps) {
    peopleApi(app, deps);
    peoplePages(app, deps);
  },
  async seedDemo(tx, { keyring }) {
    return seedPeople(tx, keyring, new Date());
  },
  // The platform's disability words go with the registry's catalogs, where the completeness test finds them.
  messages: [peopleMessages, personFormMessages, peopleLabels, disabilityWords],
  encryptedColumns: peopleEncryptedColumns,
  ownData: peopleOwnData,
};
