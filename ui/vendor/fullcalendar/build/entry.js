// What Hearth uses of FullCalendar 7: the calendar, its month, week/day and list views,
// dragging and resizing, the classic theme, and the Russian locale (English is built in).
export { Calendar } from 'fullcalendar';
export { default as dayGridPlugin } from 'fullcalendar/daygrid';
export { default as timeGridPlugin } from 'fullcalendar/timegrid';
export { default as listPlugin } from 'fullcalendar/list';
export { default as interactionPlugin } from 'fullcalendar/interaction';
export { default as classicThemePlugin } from 'fullcalendar/themes/classic';
export { default as ruLocale } from 'fullcalendar/locales/ru';
