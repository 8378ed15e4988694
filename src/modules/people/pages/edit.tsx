import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { signedIn } from '../../../platform/auth/index.ts';
import { PageQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import { CsrfField, type FieldErrors } from '../../../platform/ui/index.ts';
import { listDistricts } from '../../identity/index.ts';
import { commandContext } from '../context.ts';
import { checkPerson } from '../domain/person.ts';
import { findPerson, type PersonTarget, type PersonView, savedSealedValues } from '../peopleRepo.ts';
import { DuplicatePerson, editPerson, recordPersonRead } from '../peopleService.ts';
import { authorisedPerson, notFound, refuseUnservedDistrict } from '../scope.ts';
import { personFormMessages, problemText } from './formMessages.ts';
import { peopleMessages } from './messages.ts';
import {
  type FormValues,
  many,
  one,
  PersonFields,
  personErrors,
  personFormBody,
  personFormOf,
} from './personForm.tsx';
import { withoutNumbers } from './register.tsx';
import { districtsInReach, PeoplePage, SubmitOrCancel } from './shared.tsx';

const EditBody = StrictBody({
  ...personFormBody,
  version: Type.String({ maxLength: 12 }),
  clear: Type.Optional(
    Type.Union([Type.String({ maxLength: 10 }), Type.Array(Type.String({ maxLength: 10 }))]),
  ),
});

/** A saved day in the form's three boxes. */
const dayValues = (name: string, day: string | null): Record<string, string> => {
  if (day === null) return {};
  const [year = '', month = '', date = ''] = day.split('-');
  return {
    [`${name}-year`]: year,
    [`${name}-month`]: String(Number(month)),
    [`${name}-day`]: String(Number(date)),
  };
};

/** What the form starts with: everything saved in the clear. Sealed values start empty (kept if left so). */
function valuesOf(person: PersonView): FormValues {
  const c = person.certificate;
  return {
    districtCode: person.districtCode,
    street: person.street,
    community: person.community,
    localHousehold: person.localHousehold ? 'yes' : 'no',
    certificateGeneration: c === null ? 'none' : String(c.generation),
    category: c?.category ?? '',
    grade: c === null ? '' : String(c.grade),
    ...dayValues('validUntil', c?.validUntil ?? null),
    ...dayValues('gradeChangedOn', c?.gradeChangedOn ?? null),
    economicStatus: person.economicStatus,
    economicStatusSource: person.economicStatusSource ?? '',
    ...dayValues('economicStatusAsOf', person.economicStatusAsOf),
    version: String(person.version),
  };
}

/** GET and POST /people/:id/edit: the same fields as registration, saved only over the version shown. */
export function editPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, keyring, config, assets } = deps;

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    target: PersonTarget,
    state: { values?: FormValues; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = peopleMessages.for(ctx.locale);
    const person = await findPerson(db, keyring, target.id, { reveal: false });
    if (person === undefined) throw notFound();
    const actor = signedIn(request);
    const served = await districtsInReach(db, actor, 'person.register');
    // The person's own district stays offered even if the editor serves it through their record only.
    const districts = served.some((d) => d.code === person.districtCode)
      ? served
      : [...served, ...(await listDistricts(db)).filter((d) => d.code === person.districtCode)];
    const errors = state.errors ?? {};
    const base = `/people/${person.id}`;
    return sendPage(
      reply,
      <PeoplePage
        ctx={ctx}
        title={t('editTitle')}
        crumbs={[{ text: t('recordTitle'), href: base }, { text: t('editTitle') }]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{t('editTitle')}</h1>
        <p class="fj-body">{t('editLead')}</p>
        {errors.stale !== undefined && (
          <p class="fj-body" id="stale">
            <a href={base}>{t('backToRecord')}</a>
          </p>
        )}
        {Object.keys(errors).length > 0 && <p class="fj-body">{t('notEchoed')}</p>}
        <form method="post" action={`${base}/edit`} novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <input type="hidden" name="version" value={one((state.values ?? valuesOf(person)).version)} />
          <PersonFields
            locale={ctx.locale}
            values={state.values ?? valuesOf(person)}
            errors={errors}
            districts={districts}
            current={{
              name: person.name,
              residentId: person.residentId,
              phone: person.phone,
              address: person.address,
              certificateNumber: person.certificate?.number ?? null,
            }}
          />
          <SubmitOrCancel locale={ctx.locale} button={t('saveButton')} back={base} />
        </form>
      </PeoplePage>,
      status,
    );
  };

  const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });

  app.get(
    '/people/:id/edit',
    { config: { access: 'person.register' }, schema: { hide: true, params: Params, querystring: PageQuery } },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      await recordPersonRead(db, commandContext(request), 'person.read', target.id, { form: 'edit' });
      return editPage(request, reply, target, {});
    },
  );

  app.post(
    '/people/:id/edit',
    { config: { access: 'person.register' }, schema: { hide: true, params: Params, body: EditBody } },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      const actor = signedIn(request);
      const values = request.body as FormValues;
      const form = personFormOf(values);
      const districtCode = form.districtCode?.trim() ?? '';
      // The person's own district stays allowed: the editor may serve it through the record only.
      if (districtCode !== target.districtCode) await refuseUnservedDistrict(db, request, districtCode);
      const served = (await districtsInReach(db, actor, 'person.register')).map((d) => d.code);
      const saved = await savedSealedValues(db, keyring, target.id);
      if (saved === undefined) throw notFound();
      const clear = many(values.clear).filter(
        (f): f is 'phone' | 'address' => f === 'phone' || f === 'address',
      );
      const checked = checkPerson(form, {
        now: new Date(),
        districtCodes: [...served, target.districtCode],
        saved,
        clear,
      });
      const ft = personFormMessages.for(request.locale);
      const version = Number(one(values.version));
      if (!checked.ok || !Number.isSafeInteger(version)) {
        const errors = checked.ok ? {} : personErrors(ft, checked.problems);
        return editPage(request, reply, target, { values: withoutNumbers(values), errors }, 400);
      }
      try {
        const outcome = await editPerson(
          db,
          keyring,
          commandContext(request),
          target.id,
          version,
          checked.value,
        );
        if (outcome === 'stale') {
          return editPage(
            request,
            reply,
            target,
            { values: withoutNumbers(values), errors: { stale: ft('err_stale') } },
            409,
          );
        }
        return reply.redirect(`/people/${target.id}?done=updated`, 303);
      } catch (error) {
        if (!(error instanceof DuplicatePerson)) throw error;
        const message = problemText(ft, 'residentId', 'duplicate', { masked: error.maskedResidentId });
        return editPage(
          request,
          reply,
          target,
          { values: withoutNumbers(values), errors: { residentId: message } },
          409,
        );
      }
    },
  );
}
