/** The Members view's texts in both languages, added to the dictionaries when the view loads. */
import en from './strings.en.js';
import ru from './strings.ru.js';
import { addStrings } from '../../i18n/index.js';
// Import, export, merge and forget bring their own (strings.import.*.js).
import './strings.import.js';

addStrings({ en, ru });
