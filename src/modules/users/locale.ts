export const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const LOCALE_MESSAGE = 'The locale must be a language tag such as "en", "fa" or "fi-FI".';
