import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/module.ts';
import { editPages } from './edit.tsx';
import { listPages } from './list.tsx';
import { myRecordPages } from './myRecord.tsx';
import { recordPages } from './record.tsx';
import { registerPages } from './register.tsx';
import { relationPages } from './relations.tsx';

/** The registry's pages: staff's list, registration, records and their parts; a resident's own record. */
export function peoplePages(app: FastifyInstance, deps: ModuleDeps): void {
  listPages(app, deps);
  // Before /people/:id, which would otherwise read "new" as an id (it is refused as not a uuid anyway).
  registerPages(app, deps);
  recordPages(app, deps);
  editPages(app, deps);
  relationPages(app, deps);
  myRecordPages(app, deps);
}
