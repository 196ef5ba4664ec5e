import helmet from 'helmet';

/**
 * Security headers on every response. The API answers JSON, so its policy allows nothing
 * to load or frame it; pages served beside it (GraphiQL) set their own policy.
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  referrerPolicy: { policy: 'no-referrer' },
  // Cross-origin API clients (the desk's hosts) read responses; CORS decides who may.
  crossOriginResourcePolicy: { policy: 'same-site' },
});
