/** Whether a time zone name is one this runtime knows (an IANA name such as "Europe/Helsinki"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
