// What modules use to read spreadsheets the same way.
export { cellText } from './cells.ts';
