/** The calendar's texts in both languages (the event panel's apart), added when the view loads. */
import en from './strings.en.js';
import ru from './strings.ru.js';
import panelEn from './strings.panel.en.js';
import panelRu from './strings.panel.ru.js';
import { addStrings } from '../../i18n/index.js';

addStrings({ en: { ...en, ...panelEn }, ru: { ...ru, ...panelRu } });
