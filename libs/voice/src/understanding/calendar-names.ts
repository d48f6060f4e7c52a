/** English month and weekday names as the rules match them: lower case, in calendar order. */
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Index 0 is Sunday, as in `Date.getUTCDay()`. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const MONTH_ALTERNATION = MONTHS.join('|');
export const WEEKDAY_ALTERNATION = WEEKDAYS.join('|');
