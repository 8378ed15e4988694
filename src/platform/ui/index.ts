// What modules use to build pages: the layout, the shell's words, display preferences and components.
export * from './components/index.ts';
export { CountedTable, type CountedTableProps } from './countedTable.tsx';
export { doneText, FormPage, type FormPageProps } from './formPage.tsx';
export { Layout, type PageContext } from './layout.tsx';
export { shellMessages } from './messages.ts';
export {
  contrasts,
  type DisplayPreferences,
  motions,
  preferencesCookie,
  readingModes,
  serialisePreferences,
  textSizes,
} from './preferences.ts';
