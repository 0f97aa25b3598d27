// The types the interface's checker sees for the vendored bundle: its exports, loosely.
// FullCalendar's own declarations live in its npm package, which the app does not ship.
export const Calendar: any;
export const dayGridPlugin: any;
export const timeGridPlugin: any;
export const listPlugin: any;
export const interactionPlugin: any;
export const classicThemePlugin: any;
export const ruLocale: any;
