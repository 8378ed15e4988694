import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Action, actions, mayEver } from '../auth/index.ts';

/** The largest spreadsheet a supplier may upload (SECURITY.md 17: size caps). */
export const maxUploadBytes = 50 * 1024 * 1024;
export const megabytes = (bytes: number): number => Math.round(bytes / (1024 * 1024));

/** A file received with a form, saved under a generated name; the original name is only shown. */
export interface Upload {
  readonly path: string;
  /** The name the person's computer gave, without any folder; never used as a path. */
  readonly fileName: string;
  readonly bytes: number;
  /** Larger than the route allows: nothing was kept. */
  readonly tooLarge: boolean;
}

interface Held extends Upload {
  claimed: boolean;
}

const uploads = new WeakMap<FastifyRequest, Held>();

const isAction = (value: unknown): value is Action => (actions as readonly unknown[]).includes(value);

/**
 * Multipart forms for the routes registered in `scope`: the one file of a
 * form is streamed to a temporary file under `<dataDir>/imports` as it
 * arrives (never held in memory), and the other fields become the body, so
 * the schema and the CSRF check see `_csrf` as on any form. The file is only
 * written for someone who may use the route at all; it is deleted after the
 * response unless the handler took it (`takeUpload`).
 */
export async function registerUploads(scope: FastifyInstance, dataDir: string): Promise<void> {
  const folder = join(dataDir, 'imports');
  await mkdir(folder, { recursive: true });
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    // A file over the limit is cut short and reported on the form, not answered with an error page.
    throwFileSizeLimit: false,
    limits: { fileSize: maxUploadBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12, headerPairs: 100 },
    async onFile(part) {
      const access = this.routeOptions.config.access;
      const actor = this.actor;
      const allowed = actor?.kind === 'user' && isAction(access) && mayEver(actor, access);
      if (!allowed || uploads.has(this)) {
        // Read and dropped: the route's own check refuses the request after parsing.
        part.file.resume();
        await finished(part.file);
        return;
      }
      const path = join(folder, `${randomUUID()}.upload`);
      try {
        await pipeline(part.file, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
      const tooLarge = part.file.truncated;
      if (tooLarge) await rm(path, { force: true });
      uploads.set(this, {
        path,
        fileName: basename(part.filename.replace(/\\/g, '/')).slice(-200),
        bytes: tooLarge ? 0 : (await stat(path)).size,
        tooLarge,
        claimed: false,
      });
    },
  });
  // Whatever a handler did not take is removed once the answer is sent (a refused CSRF token included).
  scope.addHook('onResponse', async (request) => {
    const held = uploads.get(request);
    if (held && !held.claimed) await rm(held.path, { force: true });
  });
}

/** The request's file, if one came; the caller now owns the temporary file and must delete it. */
export function takeUpload(request: FastifyRequest): Upload | undefined {
  const held = uploads.get(request);
  if (held === undefined) return undefined;
  held.claimed = true;
  return held;
}

/** A file the handler took but does not keep. */
export const discardUpload = (upload: Upload): Promise<void> => rm(upload.path, { force: true });

/**
 * The spreadsheet format, judged by the content, not by the name alone
 * (SECURITY.md 17): an .xlsx is a zip archive; a CSV is text without NUL bytes.
 */
export async function spreadsheetFormat(upload: Upload): Promise<'xlsx' | 'csv' | undefined> {
  const extension = /\.([A-Za-z]+)$/.exec(upload.fileName)?.[1]?.toLowerCase();
  const handle = await open(upload.path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, bytesRead);
    const zip = start.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    if (extension === 'xlsx') return zip ? 'xlsx' : undefined;
    if (extension === 'csv' || extension === 'txt') return !zip && !start.includes(0) ? 'csv' : undefined;
    return undefined;
  } finally {
    await handle.close();
  }
}

export type UploadProblem = 'fileMissing' | 'fileTooLarge' | 'fileEmpty' | 'fileType';

/**
 * An uploaded spreadsheet as a form receives it: its format when it can be
 * read, or why not (no file chosen, over the route's limit, empty, or not a
 * spreadsheet of an accepted format). Each page words the problem itself.
 */
export async function checkSpreadsheetUpload(
  upload: Upload | undefined,
  accepted: readonly ('xlsx' | 'csv')[],
): Promise<{ upload: Upload; format: 'xlsx' | 'csv' } | { problem: UploadProblem }> {
  if (upload === undefined || (upload.fileName === '' && upload.bytes === 0))
    return { problem: 'fileMissing' };
  if (upload.tooLarge) return { problem: 'fileTooLarge' };
  if (upload.bytes === 0) return { problem: 'fileEmpty' };
  const format = await spreadsheetFormat(upload);
  return format !== undefined && accepted.includes(format) ? { upload, format } : { problem: 'fileType' };
}

export type ImageType = 'image/jpeg' | 'image/png';

/** A photo's type, judged by its first bytes (SECURITY.md 17): JPEG or PNG, or nothing accepted. */
async function imageType(upload: Upload): Promise<ImageType | undefined> {
  const handle = await open(upload.path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead >= 3 && head.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
    if (bytesRead === 8 && head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
      return 'image/png';
    return undefined;
  } finally {
    await handle.close();
  }
}

/** An uploaded photo as a form receives it: its type, or why it cannot be kept. */
export async function checkImageUpload(
  upload: Upload | undefined,
  maxBytes: number,
): Promise<{ upload: Upload; type: ImageType } | { problem: UploadProblem }> {
  if (upload === undefined || (upload.fileName === '' && upload.bytes === 0))
    return { problem: 'fileMissing' };
  if (upload.tooLarge || upload.bytes > maxBytes) return { problem: 'fileTooLarge' };
  if (upload.bytes === 0) return { problem: 'fileEmpty' };
  const type = await imageType(upload);
  return type === undefined ? { problem: 'fileType' } : { upload, type };
}
