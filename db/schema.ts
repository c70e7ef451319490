// PushChart's clinical data model. Every instant is stored as UTC epoch
// milliseconds (`timestamp_ms`) and rendered in the facility's IANA zone.
// Doses and billing amounts are decimal strings so no float ever rounds a dose.
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

export const SETTINGS = ['facility', 'non-facility'] as const;
export const ROLES = ['nurse', 'coder', 'admin'] as const;
export const ENCOUNTER_STATUSES = ['open', 'ready-for-coding', 'coded'] as const;
export const QUERY_STATES = ['none', 'open', 'answered'] as const;
export const ADMINISTRATION_KINDS = ['push', 'infusion', 'hydration', 'injection'] as const;
export const CONTAINER_TYPES = ['single-dose', 'multiple-dose', 'pharmacy-bulk'] as const;
/** OPPS payment status of a HCPCS code (lib/formulary/starter-formulary.ts PaymentStatus). */
export const PAYMENT_STATUSES = ['separately-payable', 'packaged', 'unknown'] as const;
/** Where a product row came from: the starter formulary / an admin, or CMS's ASP NDC–HCPCS crosswalk. */
export const PRODUCT_SOURCES = ['formulary', 'cms-crosswalk'] as const;
export const PUMP_TYPES = ['portable', 'implantable'] as const;
export const DOSE_UNITS = ['mg', 'mcg', 'g', 'mL', 'mEq', 'units'] as const;

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const facilities = sqliteTable('facilities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  setting: text('setting', { enum: SETTINGS }).notNull(),
  lateEntryThresholdMinutes: integer('late_entry_threshold_minutes').notNull().default(60),
  // JW/JZ applies only to separately payable single-dose drugs; that depends on
  // the site and payer (drug-reference.md §2), so it is a per-facility setting.
  jwJzPolicy: text('jw_jz_policy', { enum: ['apply', 'none'] }).notNull().default('apply'),
  createdAt: createdAt(),
});

// Column names follow better-auth's user model so sign-in can adopt this table.
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
  image: text('image'),
  credentials: text('credentials').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
});

export const patients = sqliteTable(
  'patients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    facilityId: integer('facility_id')
      .notNull()
      .references(() => facilities.id),
    mrn: text('mrn').notNull(),
    familyName: text('family_name').notNull(),
    givenName: text('given_name').notNull(),
    birthDate: text('birth_date').notNull(), // YYYY-MM-DD, a calendar date, not an instant
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('patients_facility_mrn_uq').on(t.facilityId, t.mrn),
    // The coder queue's name search is `like 'prefix%'`, case-insensitive: NOCASE indexes serve it (issue 15 item 7).
    index('patients_family_name_idx').on(t.familyName),
    index('patients_family_name_nocase_idx').on(sql`${t.familyName} collate nocase`),
    index('patients_given_name_nocase_idx').on(sql`${t.givenName} collate nocase`),
  ],
);

export const encounters = sqliteTable(
  'encounters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    facilityId: integer('facility_id')
      .notNull()
      .references(() => facilities.id),
    // Copied at creation: a facility changing its setting later must not
    // re-code visits that already happened.
    setting: text('setting', { enum: SETTINGS }).notNull(),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    status: text('status', { enum: ENCOUNTER_STATUSES }).notNull().default('open'),
    queryState: text('query_state', { enum: QUERY_STATES }).notNull().default('none'),
    signedById: text('signed_by_id').references(() => users.id),
    // Snapshot at signing, as doses keep their performer's: a later change of
    // the signer's name or credentials must not rewrite a signed chart.
    signedByName: text('signed_by_name'),
    signedByCredentials: text('signed_by_credentials'),
    signedAt: integer('signed_at', { mode: 'timestamp_ms' }),
    // Derived from the chart by the coding engine whenever it changes, so the
    // coder queue can filter 100,000 encounters by index instead of recoding them.
    administrationCount: integer('administration_count').notNull().default(0),
    warningCount: integer('warning_count').notNull().default(0),
    gapCount: integer('gap_count').notNull().default(0),
    dateOfService: text('date_of_service'), // YYYY-MM-DD in the facility's zone
    createdAt: createdAt(),
  },
  (t) => [
    index('encounters_status_opened_idx').on(t.status, t.openedAt),
    index('encounters_status_facility_opened_idx').on(t.status, t.facilityId, t.openedAt),
    index('encounters_query_state_idx').on(t.queryState, t.openedAt),
    index('encounters_patient_idx').on(t.patientId),
    index('encounters_facility_opened_idx').on(t.facilityId, t.openedAt),
  ],
);

export const formularyDrugs = sqliteTable('formulary_drugs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  genericName: text('generic_name').notNull(),
  defaultDoseUnit: text('default_dose_unit', { enum: DOSE_UNITS }).notNull(),
  usualDose: text('usual_dose'),
  strength: text('strength'),
  chemo: integer('chemo', { mode: 'boolean' }).notNull().default(false),
  mgPerMeq: text('mg_per_meq'), // converts doses charted in mEq
  // DEA schedule for controlled substances ('II'..'V'); null = not controlled. Waste needs a witness.
  controlledSchedule: text('controlled_schedule', { enum: ['II', 'III', 'IV', 'V'] }),
  // Hydration fluids and carriers produce no drug supply line.
  supplyBilling: integer('supply_billing', { mode: 'boolean' }).notNull().default(true),
  // Brand names, synonyms and abbreviations a nurse may type (JSON array of strings).
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  // The kinds this drug is usually given by, most usual first (JSON array); the form picks the first.
  typicalKinds: text('typical_kinds', { mode: 'json' }).$type<Array<(typeof ADMINISTRATION_KINDS)[number]>>().notNull().default(sql`'[]'`),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
});

/**
 * One row whose value changes with every change to the formulary's tables
 * (drugs, dose limits, HCPCS codes, products): SQLite triggers bump it in the
 * writing transaction (migration 0010), so no code path can forget to. Readers
 * cache the formulary by this value (db/formulary.ts loadFormulary), in this
 * process and across processes sharing the database file.
 */
export const formularyRevision = sqliteTable('formulary_revision', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull(),
});

/** Dose limits of one dose by kind (issue 13 item 4): above softMax confirm with a reason, above hardMax refused. */
export const drugDoseLimits = sqliteTable(
  'drug_dose_limits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    drugId: integer('drug_id')
      .notNull()
      .references(() => formularyDrugs.id),
    kinds: text('kinds', { mode: 'json' }).$type<Array<(typeof ADMINISTRATION_KINDS)[number]>>().notNull(),
    unit: text('unit', { enum: DOSE_UNITS }).notNull(),
    usualDose: text('usual_dose').notNull(), // decimal strings in `unit`
    softMax: text('soft_max').notNull(),
    hardMax: text('hard_max'), // null = the source states no single-dose maximum
    source: text('source').notNull(), // short name shown to the nurse, e.g. "label"
  },
  (t) => [index('drug_dose_limits_drug_idx').on(t.drugId)],
);

// A drug's HCPCS code changes over time (J1170 → J1171): pick by date of service.
export const drugHcpcsCodes = sqliteTable(
  'drug_hcpcs_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    drugId: integer('drug_id')
      .notNull()
      .references(() => formularyDrugs.id),
    code: text('code').notNull(),
    billingAmount: text('billing_amount'), // decimal string; null for NOC codes (J3490)
    billingUnit: text('billing_unit', { enum: DOSE_UNITS }),
    descriptorKind: text('descriptor_kind', { enum: ['per', 'up to', 'noc'] }).notNull(),
    descriptor: text('descriptor').notNull(),
    effectiveFrom: text('effective_from'), // YYYY-MM-DD; null = since before any date we handle
    effectiveTo: text('effective_to'), // YYYY-MM-DD inclusive; null = still in effect
    // OPPS status (Addendum B): JW/JZ only on separately payable codes in facility encounters.
    paymentStatus: text('payment_status', { enum: PAYMENT_STATUSES }).notNull().default('unknown'),
    note: text('note'),
  },
  (t) => [index('drug_hcpcs_drug_idx').on(t.drugId, t.effectiveFrom)],
);

export const drugProducts = sqliteTable(
  'drug_products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    drugId: integer('drug_id')
      .notNull()
      .references(() => formularyDrugs.id),
    ndc10: text('ndc10').notNull(),
    ndc11: text('ndc11').notNull().unique(),
    description: text('description').notNull(),
    containerType: text('container_type', { enum: CONTAINER_TYPES }).notNull(),
    amountPerContainer: text('amount_per_container').notNull(),
    amountUnit: text('amount_unit', { enum: DOSE_UNITS }).notNull(),
    amountPerMl: text('amount_per_ml'),
    placeholderNdc: integer('placeholder_ndc', { mode: 'boolean' }).notNull().default(false),
    // From CMS's ASP NDC–HCPCS crosswalk (issue 13 item 3): the code the NDC bills under and its units per package.
    source: text('source', { enum: PRODUCT_SOURCES }).notNull().default('formulary'),
    hcpcsCode: text('hcpcs_code'),
    billableUnitsPerPackage: text('billable_units_per_package'),
    labelerName: text('labeler_name'),
    // A product imported without a container type (CMS's file has none) until an admin confirms it.
    containerTypeConfirmed: integer('container_type_confirmed', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('drug_products_drug_idx').on(t.drugId)],
);

/** Ordering providers (physicians, NPs, PAs), kept by admins; every dose names who ordered it. */
export const providers = sqliteTable(
  'providers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    credentials: text('credentials').notNull(), // e.g. MD, DO, NP, PA-C
    npi: text('npi').notNull().unique(), // 10-digit National Provider Identifier (Luhn check with prefix 80840)
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('providers_name_idx').on(t.name)],
);

export const ORDER_TYPES = ['written', 'verbal', 'telephone', 'protocol'] as const;

export const administrations = sqliteTable(
  'administrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    encounterId: integer('encounter_id')
      .notNull()
      .references(() => encounters.id),
    drugId: integer('drug_id')
      .notNull()
      .references(() => formularyDrugs.id),
    doseValue: text('dose_value').notNull(), // decimal string
    doseUnit: text('dose_unit', { enum: DOSE_UNITS }).notNull(),
    kind: text('kind', { enum: ADMINISTRATION_KINDS }).notNull(),
    startAt: integer('start_at', { mode: 'timestamp_ms' }).notNull(),
    stopAt: integer('stop_at', { mode: 'timestamp_ms' }),
    stopMissingReason: text('stop_missing_reason'),
    site: text('site').notNull(),
    rationale: text('rationale').notNull(),
    performerId: text('performer_id')
      .notNull()
      .references(() => users.id),
    // Snapshot at charting time: a later change of credentials must not
    // rewrite who signed this dose (e-signature integrity).
    performerName: text('performer_name').notNull(),
    performerCredentials: text('performer_credentials').notNull(),
    chartedAt: integer('charted_at', { mode: 'timestamp_ms' }).notNull(),
    lateEntryReason: text('late_entry_reason'),
    ndc: text('ndc'),
    lot: text('lot'),
    expiry: text('expiry'), // YYYY-MM-DD
    wastedValue: text('wasted_value'),
    wastedUnit: text('wasted_unit', { enum: DOSE_UNITS }),
    // Rows are never updated or deleted (triggers in the migrations). A
    // correction is a new row naming the version it replaces; its status
    // (active / amended / entered-in-error) is derived, never stored.
    amendsId: integer('amends_id').references((): AnySQLiteColumn => administrations.id),
    correctionReason: text('correction_reason'),
    // Made after the encounter was signed and sent to coding.
    isAddendum: integer('is_addendum', { mode: 'boolean' }).notNull().default(false),
    // Who ordered the dose and how (R-DOC-ORDER); null only on rows charted before migration 0007.
    orderingProviderId: integer('ordering_provider_id').references(() => providers.id),
    orderingProviderName: text('ordering_provider_name'), // snapshot "Name, credentials" at charting
    orderType: text('order_type', { enum: ORDER_TYPES }),
    // Witnessed waste of a controlled substance: the second clinician, authenticated at charting.
    witnessId: text('witness_id').references(() => users.id),
    witnessName: text('witness_name'),
    witnessCredentials: text('witness_credentials'),
    witnessedAt: integer('witnessed_at', { mode: 'timestamp_ms' }),
    // A product used past its expiry date, confirmed with this reason at the bedside.
    expiredProductReason: text('expired_product_reason'),
    // A dose outside the usual range (above the soft maximum or below a tenth of the usual dose), confirmed with this reason (issue 13 item 4).
    doseConfirmationReason: text('dose_confirmation_reason'),
    // An NDC the formulary does not know, confirmed with this reason at the bedside (issue 13 item 5); flagged for the coder.
    ndcConfirmationReason: text('ndc_confirmation_reason'),
    // Prolonged chemotherapy on a pump (R-CHEMO-PUMP, issue 14): 'portable' | 'implantable'.
    pump: text('pump', { enum: PUMP_TYPES }),
    // Given as an integral part of another procedure (R-INTEGRAL, issue 14), e.g. "blood transfusion".
    integralTo: text('integral_to'),
    // Client-generated per submission: a retried submission answers with the first result.
    idempotencyKey: text('idempotency_key'),
  },
  (t) => [
    index('administrations_encounter_start_idx').on(t.encounterId, t.startAt),
    uniqueIndex('administrations_idempotency_uq').on(t.encounterId, t.idempotencyKey),
    // One amendment per version: a second, concurrent amend of the same
    // version fails here instead of silently forking the record.
    uniqueIndex('administrations_amends_uq').on(t.amendsId),
  ],
);

/** "Entered in error": the entry stays on the chart, struck through, and drops out of coding. */
export const administrationVoids = sqliteTable('administration_voids', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  administrationId: integer('administration_id')
    .notNull()
    .unique()
    .references(() => administrations.id),
  reason: text('reason').notNull(),
  actorId: text('actor_id')
    .notNull()
    .references(() => users.id),
  actorName: text('actor_name').notNull(),
  actorCredentials: text('actor_credentials').notNull(),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  isAddendum: integer('is_addendum', { mode: 'boolean' }).notNull().default(false),
});

/** Free-text addenda to a signed encounter's documentation. */
export const encounterAddenda = sqliteTable(
  'encounter_addenda',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    encounterId: integer('encounter_id')
      .notNull()
      .references(() => encounters.id),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    authorName: text('author_name').notNull(),
    authorCredentials: text('author_credentials').notNull(),
    text: text('text').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('encounter_addenda_encounter_idx').on(t.encounterId)],
);

// Append-only: triggers in the migrations abort UPDATE and DELETE on this table.
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    event: text('event').notNull(),
    actorId: text('actor_id'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    encounterId: integer('encounter_id'),
    changes: text('changes', { mode: 'json' }).$type<Record<string, { old: unknown; new: unknown }>>().notNull(),
    reason: text('reason'),
    // Tamper evidence: SHA-256 (hex) of this event's canonical content and the
    // previous event's hash. Null only on rows written before migration 0006,
    // until start-up chains them.
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_encounter_idx').on(t.encounterId, t.at),
  ],
);

/** Which facilities a user works at: a clinician or coder sees only these; an admin manages all. */
export const userFacilities = sqliteTable(
  'user_facilities',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    facilityId: integer('facility_id')
      .notNull()
      .references(() => facilities.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.facilityId] }), index('user_facilities_facility_idx').on(t.facilityId)],
);

/**
 * Password attempts, for throttling: sign-in (per account and per client) and
 * re-authentication at an e-signature or a witness. Each attempt is also an
 * audit event; this table only keeps the counters cheap to read.
 */
export const authAttempts = sqliteTable(
  'auth_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    kind: text('kind', { enum: ['sign-in', 're-auth'] }).notNull(),
    email: text('email').notNull(), // lower case
    userId: text('user_id'),
    client: text('client').notNull(), // client address, or 'unknown'
    // 'cleared': an admin cleared the account's lockout; counting starts after it.
    outcome: text('outcome', { enum: ['succeeded', 'failed', 'refused', 'cleared'] }).notNull(),
  },
  (t) => [index('auth_attempts_email_idx').on(t.kind, t.email, t.at), index('auth_attempts_client_idx').on(t.kind, t.client, t.at)],
);

// --- Sign-in (better-auth's session, account, verification and rate-limit models) ---

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    token: text('token').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: integer('access_token_expires_at', { mode: 'timestamp_ms' }),
    refreshTokenExpiresAt: integer('refresh_token_expires_at', { mode: 'timestamp_ms' }),
    scope: text('scope'),
    password: text('password'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('accounts_user_idx').on(t.userId)],
);

export const verifications = sqliteTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

export const rateLimits = sqliteTable('rate_limits', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: integer('last_request').notNull(),
});

// --- Coder workspace ---

/** One coder decision on the engine's suggestion; append-only, replayed in order. */
export const codingOverrides = sqliteTable(
  'coding_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    encounterId: integer('encounter_id')
      .notNull()
      .references(() => encounters.id),
    // 'accept-all' starts over from the engine's suggestion.
    op: text('op', { enum: ['change', 'remove', 'add', 'initial', 'accept-all'] }).notNull(),
    lineKey: text('line_key'),
    value: text('value', { mode: 'json' }).$type<Record<string, unknown>>(),
    reason: text('reason'),
    coderId: text('coder_id')
      .notNull()
      .references(() => users.id),
    coderName: text('coder_name').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('coding_overrides_encounter_idx').on(t.encounterId, t.id)],
);

/** Final lines frozen by "Mark coded"; earlier results stay as history. */
export const codingResults = sqliteTable(
  'coding_results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    encounterId: integer('encounter_id')
      .notNull()
      .references(() => encounters.id),
    engineVersion: text('engine_version').notNull(),
    lines: text('lines', { mode: 'json' }).$type<import('@/lib/claim-lines').FinalLine[]>().notNull(),
    coderId: text('coder_id')
      .notNull()
      .references(() => users.id),
    coderName: text('coder_name').notNull(),
    coderCredentials: text('coder_credentials').notNull(),
    codedAt: integer('coded_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('coding_results_encounter_idx').on(t.encounterId, t.id), index('coding_results_coded_at_idx').on(t.codedAt)],
);

export const coderQueries = sqliteTable(
  'coder_queries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    encounterId: integer('encounter_id')
      .notNull()
      .references(() => encounters.id),
    administrationId: integer('administration_id').references(() => administrations.id),
    question: text('question').notNull(),
    askedById: text('asked_by_id')
      .notNull()
      .references(() => users.id),
    askedByName: text('asked_by_name').notNull(),
    askedAt: integer('asked_at', { mode: 'timestamp_ms' }).notNull(),
    answer: text('answer'),
    answeredByName: text('answered_by_name'),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    status: text('status', { enum: ['open', 'answered', 'closed'] }).notNull().default('open'),
  },
  (t) => [index('coder_queries_encounter_idx').on(t.encounterId)],
);
