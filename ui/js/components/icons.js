/**
 * Symbolic icons, drawn as strokes on a 16×16 grid in the current text colour
 * (CSS sets stroke and fill), so they follow the theme without image files.
 */
export const ICONS = Object.freeze({
  charter: ['M3.5 1.5h6l3 3v10h-9z', 'M9.5 1.5v3h3', 'M6 8h4', 'M6 11h4'],
  plan: ['M1.8 3.6l1.3 1.3 2.3-2.6', 'M7.5 4h6.5', 'M1.8 8.6l1.3 1.3 2.3-2.6', 'M7.5 9h6.5', 'M2 13.5h3', 'M7.5 13.5h6.5'],
  members: [
    'M6 7.5a2.6 2.6 0 1 0 0-5.2 2.6 2.6 0 0 0 0 5.2z',
    'M1.5 14c0-2.6 2-4.4 4.5-4.4s4.5 1.8 4.5 4.4',
    'M10.6 2.5a2.5 2.5 0 0 1 0 4.8',
    'M12.4 9.9c1.3.6 2.1 2.1 2.1 4.1',
  ],
  calendar: ['M2.5 3.5h11v10h-11z', 'M2.5 6.8h11', 'M5.5 1.5v3.5', 'M10.5 1.5v3.5'],
  metrics: ['M2 14h12', 'M4.5 14v-4', 'M8 14v-9', 'M11.5 14v-6'],
  settings: [
    'M2 4.5h1.5',
    'M7 4.5h7',
    'M7 4.5a1.75 1.75 0 1 1-3.5 0 1.75 1.75 0 1 1 3.5 0z',
    'M2 11.5h7',
    'M12.5 11.5h1.5',
    'M12.5 11.5a1.75 1.75 0 1 1-3.5 0 1.75 1.75 0 1 1 3.5 0z',
  ],
  warning: ['M8 1.8l6.5 12h-13z', 'M8 6v3.6', 'M8 11.8v.2'],
  close: ['M4 4l8 8', 'M12 4l-8 8'],
  check: ['M3 8.5l3.2 3 6.8-7'],
  add: ['M8 2.5v11', 'M2.5 8h11'],
  info: ['M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13z', 'M8 7.2v4.3', 'M8 4.6v.2'],
  export: ['M8 10V2', 'M4.8 5.2L8 2l3.2 3.2', 'M2.5 10.5v3h11v-3'],
  print: ['M4.5 6V1.5h7V6', 'M4.5 12H2.5V6h11v6h-2', 'M4.5 9.5h7v5h-7z'],
});
