/** The texts of conflicts marked at their fields, in both languages, added when first needed. */
import en from './strings.en.js';
import ru from './strings.ru.js';
import { addStrings } from '../../i18n/index.js';

addStrings({ en, ru });
