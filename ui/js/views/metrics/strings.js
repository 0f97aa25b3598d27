/** The Metrics view's texts in both languages, added to the dictionaries when the view loads. */
import en from './strings.en.js';
import ru from './strings.ru.js';
import { addStrings } from '../../i18n/index.js';

addStrings({ en, ru });
