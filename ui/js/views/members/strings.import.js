/** The texts of the Members view's import, export, merge and forget, in both languages. */
import en from './strings.import.en.js';
import ru from './strings.import.ru.js';
import { addStrings } from '../../i18n/index.js';

addStrings({ en, ru });
