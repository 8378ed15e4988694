import { type Queryable, sql } from '../../platform/db/index.ts';
import type { ImageType } from '../../platform/http/index.ts';

/** A photo of the fitting, without its content. */
export interface DeliveryPhoto {
  readonly id: string;
  readonly contentType: ImageType;
  readonly bytes: number;
  readonly uploadedAt: Date;
}

/** At most this many photos per case, each at most this large: a record of the fitting, not an album. */
export const maxPhotosPerCase = 6;
export const maxPhotoBytes = 5 * 1024 * 1024;

export async function photosOf(db: Queryable, caseId: string): Promise<DeliveryPhoto[]> {
  const rows = await db.query<{ id: string; content_type: ImageType; bytes: number; uploaded_at: Date }>(
    sql`select id, content_type, bytes, uploaded_at from delivery_photo where case_id = ${caseId}
        order by uploaded_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    contentType: r.content_type,
    bytes: Number(r.bytes),
    uploadedAt: new Date(r.uploaded_at),
  }));
}

export async function insertPhoto(
  tx: Queryable,
  caseId: string,
  photo: { contentType: ImageType; bytes: number; contentSealed: string; uploadedBy: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into delivery_photo (case_id, content_type, bytes, content_sealed, uploaded_by)
        values (${caseId}, ${photo.contentType}, ${photo.bytes}, ${photo.contentSealed}, ${photo.uploadedBy})
        returning id`,
  );
  return (row as { id: string }).id;
}

/** One photo's sealed content, only if it belongs to the case named. */
export async function photoContent(
  db: Queryable,
  caseId: string,
  photoId: string,
): Promise<{ contentType: ImageType; contentSealed: string } | undefined> {
  const [row] = await db.query<{ content_type: ImageType; content_sealed: string }>(
    sql`select content_type, content_sealed from delivery_photo where case_id = ${caseId} and id = ${photoId}`,
  );
  return row && { contentType: row.content_type, contentSealed: row.content_sealed };
}
