// What modules use of the HTTP platform: page rendering, errors and the API error schema.
export type { Assets } from './assets.ts';
export { pageContext, preferenceCookieOptions, sendPage } from './context.ts';
export { HttpError } from './errors.tsx';
export { ApiError, DoneQuery, IdParams, PageQuery, ReturnTo, StrictBody, safeReturnTo } from './schemas.ts';
export type { ImageType, Upload, UploadProblem } from './uploads.ts';
export {
  checkImageUpload,
  checkSpreadsheetUpload,
  discardUpload,
  maxUploadBytes,
  megabytes,
  registerUploads,
  takeUpload,
} from './uploads.ts';
