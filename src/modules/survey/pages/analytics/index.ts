// The need analytics' pages, downloads and the survey API (registered from here, with the pages).
export { analyticsPages } from './routes.tsx';
