export { type Assets, assetRoutes, loadAssets } from './assets.ts';
export { languageCookie, pageContext, preferenceCookieOptions, requestContext, sendPage } from './context.ts';
export { type ApiErrorBody, HttpError, isApiRequest, sendApiError } from './errors.tsx';
export { apiDocsMessages } from './messages.ts';
export { ApiError } from './schemas.ts';
