import { hash, verify } from '@node-rs/argon2';
import { Length } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_DESCRIPTION = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not a common password.`;

/** The length a new password must have (input types state it; passwordProblem judges strength). */
export const PasswordLength = () =>
  Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
  });

/** argon2id with the library's defaults (OWASP's recommended parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** Spends the time a real verification would, so that unknown accounts answer as slowly. */
let decoy: Promise<string> | undefined;
export async function verifyNothing(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password for unknown accounts');
  await verifyPassword(await decoy, password);
  return false;
}

type Estimate = (password: string, personal: string[]) => { score: number; warning: string | null };

/** zxcvbn with its common-password and word lists, loaded on first use (they take a moment). */
let estimator: Promise<Estimate> | undefined;
function loadEstimator(): Promise<Estimate> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([{ default: core }, common]) => {
      const zxcvbn = new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary },
        graphs: common.adjacencyGraphs,
      });
      return (password, personal) => {
        const result = zxcvbn.check(password, personal);
        return { score: result.score, warning: result.feedback.warning };
      };
    },
  );
  return estimator;
}

/** Scores below this (0–4) are guessed by trying common passwords and their variations. */
export const MIN_PASSWORD_SCORE = 3;

/**
 * What makes a new password (of a length its input type allows) easy to guess, or null: a
 * common password, a variation of one, or one made of the user's own email or name.
 */
export async function passwordProblem(
  password: string,
  personal: string[],
): Promise<string | null> {
  const inputs = personal.flatMap((text) => [text, ...text.toLowerCase().split(/[@.\s_-]+/)]);
  const { score, warning } = (await loadEstimator())(password, inputs.filter(Boolean));
  if (score >= MIN_PASSWORD_SCORE) return null;
  const why =
    warning === 'userInputs'
      ? 'it is made of your email or name'
      : 'it is a common password or close to one';
  return `That password is too easy to guess: ${why}. A few unrelated words make a strong one.`;
}
