/** The database the app runs on (a DatabaseTarget), for what needs a connection of its own. */
export const DATABASE_TARGET = Symbol('DATABASE_TARGET');
