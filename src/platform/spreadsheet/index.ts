// What modules use to read and write spreadsheets the same way.
export { cellText } from './cells.ts';
export { csvLine, guardFormula } from './formula.ts';
