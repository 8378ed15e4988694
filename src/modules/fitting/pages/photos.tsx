import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { appendAudit, recordAudit } from '../../../platform/audit/index.ts';
import { auditActor, signedIn } from '../../../platform/auth/index.ts';
import {
  checkImageUpload,
  discardUpload,
  HttpError,
  registerUploads,
  StrictBody,
  takeUpload,
} from '../../../platform/http/index.ts';
import { formatDateTime, type Locale } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import { Button, CsrfField, FileUpload, shellMessages } from '../../../platform/ui/index.ts';
import { authorisedCase } from '../caseReads.ts';
import {
  type DeliveryPhoto,
  insertPhoto,
  maxPhotoBytes,
  maxPhotosPerCase,
  photoContent,
  photosOf,
} from '../photosRepo.ts';
import { fittingLabels } from './labels.ts';
import { caseHref } from './shared.tsx';

/** What the case page shows of the photos, and whether this reader may add one now. */
export interface PhotosView {
  readonly photos: readonly DeliveryPhoto[];
  readonly mayAdd: boolean;
}

/** The supplier adds photos while fitting, before the person confirms receipt. */
export async function photosView(
  db: ModuleDeps['db'],
  view: {
    readonly case: { readonly id: string; readonly status: string };
    readonly roles: readonly string[];
  },
): Promise<PhotosView> {
  const photos = await photosOf(db, view.case.id);
  return {
    photos,
    mayAdd:
      view.roles.includes('supplier') && view.case.status === 'fitting' && photos.length < maxPhotosPerCase,
  };
}

export function PhotosSection(props: {
  locale: Locale;
  caseId: string;
  photos: PhotosView;
  csrf: string;
  error: string | undefined;
}) {
  const l = fittingLabels.for(props.locale);
  const shell = shellMessages.for(props.locale);
  const { photos, mayAdd } = props.photos;
  if (photos.length === 0 && !mayAdd) return null;
  return (
    <section aria-labelledby="photos-heading">
      <h2 class="fj-heading-m" id="photos-heading">
        {l('photosHeading')}
      </h2>
      {photos.length === 0 ? (
        <p class="fj-body">{l('photosNone')}</p>
      ) : (
        <ul class="fj-list">
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <a href={`${caseHref(props.caseId)}/photos/${photo.id}`}>
                {l('photoLink', {
                  n: index + 1,
                  type: photo.contentType === 'image/png' ? 'PNG' : 'JPEG',
                  kb: Math.max(1, Math.round(photo.bytes / 1024)),
                  at: formatDateTime(photo.uploadedAt, props.locale),
                })}
              </a>
            </li>
          ))}
        </ul>
      )}
      {mayAdd && (
        <form
          method="post"
          action={`${caseHref(props.caseId)}/photos`}
          enctype="multipart/form-data"
          novalidate
        >
          <CsrfField token={props.csrf} />
          <FileUpload
            id="photo"
            name="photo"
            label={l('photoLabel')}
            hint={l('photoHint', { mb: maxPhotoBytes / (1024 * 1024), max: maxPhotosPerCase })}
            accept="image/jpeg,image/png"
            error={props.error}
            errorPrefix={shell('errorPrefix')}
          />
          <Button>{l('photoButton')}</Button>
        </form>
      )}
    </section>
  );
}

type Show = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  state: { problems: readonly { field: string; key: string }[]; status: number },
) => Promise<unknown>;

/**
 * POST /applications/:id/photos (the supplier, while fitting) and GET
 * /applications/:id/photos/:photoId (whoever may read the case). Photos may
 * show the person, so they are sealed at rest, served only through the case's
 * own access check, never cached, and every showing is audited.
 */
export function photoRoutes(app: FastifyInstance, deps: ModuleDeps, show: Show): void {
  const { db, keyring, config } = deps;

  app.register(async (scope) => {
    await registerUploads(scope, config.dataDir);
    scope.post(
      '/applications/:id/photos',
      {
        config: { access: 'case.act' },
        schema: {
          hide: true,
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: StrictBody({}),
        },
      },
      async (request, reply) => {
        const actor = signedIn(request);
        const { id } = request.params as { id: string };
        const upload = takeUpload(request);
        try {
          const found = await authorisedCase(db, request, actor, id, 'case.act');
          const view = await photosView(db, found);
          if (!view.mayAdd)
            throw new HttpError(409, 'conflict', 'photos are added by the supplier while fitting');
          const checked = await checkImageUpload(upload, maxPhotoBytes);
          if ('problem' in checked)
            return show(request, reply, id, {
              problems: [{ field: 'photo', key: checked.problem }],
              status: 400,
            });
          const content = await readFile(checked.upload.path);
          await db.transaction(async (tx) => {
            const photoId = await insertPhoto(tx, id, {
              contentType: checked.type,
              bytes: content.length,
              contentSealed: keyring.seal(content.toString('base64')),
              uploadedBy: actor.userId,
            });
            await appendAudit(tx, {
              actor: auditActor(actor),
              action: 'case.photo_add',
              object: { type: 'case', id },
              outcome: 'success',
              sourceAddress: request.ip,
              detail: { photoId, bytes: content.length, contentType: checked.type },
            });
          });
          return reply.redirect(`${caseHref(id)}?done=photo#photos-heading`, 303);
        } finally {
          if (upload) await discardUpload(upload);
        }
      },
    );
  });

  app.get(
    '/applications/:id/photos/:photoId',
    {
      config: { access: 'case.read' },
      schema: {
        hide: true,
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          photoId: Type.String({ format: 'uuid' }),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { id, photoId } = request.params as { id: string; photoId: string };
      await authorisedCase(db, request, actor, id);
      const photo = await photoContent(db, id, photoId);
      if (!photo) throw new HttpError(404, 'not_found', 'not found');
      await recordAudit(db, {
        actor: auditActor(actor),
        action: 'case.photo_read',
        object: { type: 'case', id },
        outcome: 'success',
        sourceAddress: request.ip,
        detail: { photoId },
      });
      return reply
        .type(photo.contentType)
        .header(
          'content-disposition',
          `inline; filename="photo-${photoId}.${photo.contentType === 'image/png' ? 'png' : 'jpg'}"`,
        )
        .send(Buffer.from(keyring.open(photo.contentSealed), 'base64'));
    },
  );
}
