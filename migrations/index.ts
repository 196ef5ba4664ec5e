import { Foundation1764200000000 } from './1764200000000-foundation.js';
import { TipsAndSearch1764300000000 } from './1764300000000-tips-and-search.js';
import { SearchTiers1764400000000 } from './1764400000000-search-tiers.js';
import { SearchIndexTuning1764500000000 } from './1764500000000-search-index-tuning.js';
import { SearchStatements1764600000000 } from './1764600000000-search-statements.js';
import { GinPendingLists1764700000000 } from './1764700000000-gin-pending-lists.js';
import { VocabularyByOrganization1764800000000 } from './1764800000000-vocabulary-by-organization.js';
import { SearchDocumentsByOrganization1764900000000 } from './1764900000000-search-documents-by-organization.js';
import { TenantScopedChildRows1765000000000 } from './1765000000000-tenant-scoped-child-rows.js';
import { UserDeactivatedAt1765100000000 } from './1765100000000-user-deactivated-at.js';
import { EffectivePresence1765200000000 } from './1765200000000-effective-presence.js';
import { ExpertQuestions1765300000000 } from './1765300000000-expert-questions.js';
import { RecognitionLedger1765400000000 } from './1765400000000-recognition-ledger.js';
import { MentoringAndInsights1765500000000 } from './1765500000000-mentoring-and-insights.js';
import { SearchRanking1765600000000 } from './1765600000000-search-ranking.js';
import { SearchOutboxClaims1765700000000 } from './1765700000000-search-outbox-claims.js';
import { EventConsumerFailures1765800000000 } from './1765800000000-event-consumer-failures.js';

/** Every migration, oldest first. */
export const migrations = [
  Foundation1764200000000,
  TipsAndSearch1764300000000,
  SearchTiers1764400000000,
  SearchIndexTuning1764500000000,
  SearchStatements1764600000000,
  GinPendingLists1764700000000,
  VocabularyByOrganization1764800000000,
  SearchDocumentsByOrganization1764900000000,
  TenantScopedChildRows1765000000000,
  UserDeactivatedAt1765100000000,
  EffectivePresence1765200000000,
  ExpertQuestions1765300000000,
  RecognitionLedger1765400000000,
  MentoringAndInsights1765500000000,
  SearchRanking1765600000000,
  SearchOutboxClaims1765700000000,
  EventConsumerFailures1765800000000,
];
