import { ValidateBy } from 'class-validator';

const DIGIT_RUN = /\d(?:[ -]?\d)*/g;
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * The first payment card number in `text`: 13 to 19 digits, written together or in groups
 * split by spaces or dashes, that pass the Luhn check. Returns its last four digits. Only
 * a whole run of digits, or one unbroken group within it, is a candidate: trying every
 * window of a long run would find a "card" in most order numbers.
 */
export function findCardNumber(text: string): string | null {
  for (const [run] of text.matchAll(DIGIT_RUN)) {
    const groups = run.split(/[ -]/);
    const candidates = [groups.join(''), ...(groups.length > 1 ? groups : [])];
    for (const digits of candidates) {
      if (digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS && !/^0+$/.test(digits))
        if (passesLuhn(digits)) return digits.slice(-4);
    }
  }
  return null;
}

/** Refuses text holding a payment card number: agents type mid-call, and many read it. */
export const NoCardNumbers = () =>
  ValidateBy({
    name: 'noCardNumbers',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || findCardNumber(value) === null,
      defaultMessage: (args) =>
        `This looks like a payment card number (ending ${findCardNumber(String(args?.value)) ?? ''}). ` +
        'Remove it: questions are read by many colleagues. Write the last four digits at most.',
    },
  });
