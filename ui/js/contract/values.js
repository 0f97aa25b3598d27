// Generated from core's closed sets of values (its enums) and its limits (*_MAX)
// by src-tauri/src/commands/contract.rs. Do not edit: change the Rust side, then run
//   HEARTH_UPDATE_CONTRACT=1 cargo test -p hearth contract

/** @type {readonly import('./types.js').Locale[]} */
export const LOCALES = Object.freeze(["en", "ru"]);

/** @type {readonly import('./types.js').Kind[]} */
export const KINDS = Object.freeze(["technology", "industry", "functional", "geographic"]);

/** @type {readonly import('./types.js').Audience[]} */
export const AUDIENCES = Object.freeze(["newcomers", "mid_level", "experienced", "leaders"]);

/** @type {readonly import('./types.js').Format[]} */
export const FORMATS = Object.freeze(["online_groups", "offline_events", "webinars_conferences", "joint_projects"]);

/** @type {readonly import('./types.js').PlatformKind[]} */
export const PLATFORM_KINDS = Object.freeze(["telegram", "discord", "slack", "linkedin", "facebook", "discourse", "website", "other"]);

/** @type {readonly import('./types.js').TaskStatus[]} */
export const TASK_STATUSES = Object.freeze(["todo", "in_progress", "done"]);

/** @type {readonly import('./types.js').Level[]} */
export const LEVELS = Object.freeze(["newcomer", "mid_level", "experienced", "leader"]);

/** @type {readonly import('./types.js').Role[]} */
export const ROLES = Object.freeze(["member", "organizer", "moderator", "speaker", "volunteer", "sponsor"]);

/** @type {readonly import('./types.js').EngagementLevel[]} */
export const ENGAGEMENT_LEVELS = Object.freeze(["advocate", "contributor", "participant", "observer"]);

/** @type {readonly import('./types.js').ActivityKind[]} */
export const ACTIVITY_KINDS = Object.freeze(["talk", "content", "help", "joint_project", "recommendation", "kudos", "event_attended", "other"]);

/** @type {readonly import('./types.js').RosterSort[]} */
export const ROSTER_SORTS = Object.freeze(["name", "level", "joined", "engagement", "lastActivity"]);

/** @type {readonly import('./types.js').ImportField[]} */
export const IMPORT_FIELDS = Object.freeze(["name", "firstName", "middleName", "lastName", "email", "phone", "telegram", "linkedin", "github", "otherHandle", "company", "position", "city", "level", "roles", "tags", "joinedOn", "leftOn", "source", "consent", "notes", "uid"]);

/** @type {readonly import('./types.js').DuplicateAction[]} */
export const DUPLICATE_ACTIONS = Object.freeze(["merge", "skip", "add"]);

/** @type {readonly import('./types.js').ProblemKind[]} */
export const IMPORT_PROBLEM_KINDS = Object.freeze(["too_big", "too_many_rows", "binary", "unknown_encoding", "empty", "unbalanced_quote", "ragged_row", "bad_card", "no_name_column", "invalid_value", "unknown_date"]);

/** @type {readonly import('./types.js').ExportFormat[]} */
export const EXPORT_FORMATS = Object.freeze(["csv", "vcf"]);

/** @type {readonly import('./types.js').EventKind[]} */
export const EVENT_KINDS = Object.freeze(["meetup", "webinar", "conference", "workshop", "online_discussion", "joint_project_session", "other"]);

/** @type {readonly import('./types.js').EventFormat[]} */
export const EVENT_FORMATS = Object.freeze(["offline", "online", "hybrid"]);

/** @type {readonly import('./types.js').EventStatus[]} */
export const EVENT_STATUSES = Object.freeze(["draft", "planned", "confirmed", "done", "cancelled"]);

/** @type {readonly import('./types.js').Rsvp[]} */
export const RSVPS = Object.freeze(["going", "maybe", "declined", "waitlist"]);

/** @type {readonly import('./types.js').RoleKind[]} */
export const EVENT_ROLES = Object.freeze(["host", "mc", "timekeeper", "check_in", "photographer", "other"]);

/** @type {readonly import('./types.js').Repeat[]} */
export const REPEATS = Object.freeze(["weekly", "monthly_by_date", "monthly_by_weekday"]);

/** @type {readonly import('./types.js').Scope[]} */
export const SCOPES = Object.freeze(["this", "following", "all"]);

/** @type {readonly import('./types.js').IcsProblemKind[]} */
export const ICS_PROBLEM_KINDS = Object.freeze(["too_big", "not_text", "not_calendar", "malformed", "cut_short", "too_many", "unknown_zone", "endless_rule", "bad_rule", "bad_value", "ends_before_start", "repeated_uid", "no_series", "other_community"]);

/** @type {readonly import('./types.js').MetricKey[]} */
export const METRIC_KEYS = Object.freeze(["members_total", "new_members", "growth_rate", "active_members", "engagement_rate", "interactions_per_member_per_month", "events_per_month", "average_attendance", "no_show_rate", "new_attendees", "returning_attendees", "satisfaction", "nps", "positive_reviews", "impact_career_growth", "impact_joint_projects", "impact_recommendations", "impact_new_skills"]);

/** @type {readonly import('./types.js').MetricCategory[]} */
export const METRIC_CATEGORIES = Object.freeze(["quantitative", "qualitative", "impact"]);

/** @type {readonly import('./types.js').GoalDirection[]} */
export const GOAL_DIRECTIONS = Object.freeze(["at_least", "at_most"]);

/** @type {readonly import('./types.js').ImpactKind[]} */
export const IMPACT_KINDS = Object.freeze(["career_growth", "joint_project", "recommendation", "new_skill"]);

/** @type {readonly import('./types.js').ErrorCode[]} */
export const ERROR_CODES = Object.freeze(["invalid_input", "not_found", "conflict", "corrupt", "io", "internal"]);

/** @type {readonly import('./types.js').Rule[]} */
export const RULES = Object.freeze(["required", "too_long", "unknown_value", "invalid_format", "control_character"]);

/**
 * The most characters core accepts in each field, under the name an error gives the field
 * (`field` in {@link import('./types.js').HearthError}).
 */
export const LIMITS = Object.freeze({
  community: Object.freeze({ name: 200, mission: 2000, uniqueValue: 2000, expectedResults: 4000, rules: 20000 }),
  platform: Object.freeze({ name: 200, url: 2000 }),
  task: Object.freeze({ title: 300, notes: 4000, ownerName: 200 }),
  member: Object.freeze({ name: 200, email: 254, phone: 40, telegram: 100, linkedin: 300, github: 100, otherHandle: 300, company: 200, position: 200, city: 100, source: 200, notes: 4000, tag: 50, tags: 50 }),
  activity: Object.freeze({ note: 500, weight: 100 }),
  event: Object.freeze({ title: 200, description: 10000, onlineUrl: 2000 }),
  venue: Object.freeze({ name: 200, address: 500, contact: 300, notes: 4000 }),
  series: Object.freeze({ name: 200, unit: 40, note: 500 }),
  goal: Object.freeze({ expectedResult: 500 }),
  impact: Object.freeze({ note: 500 }),
});

/** The plan's stages, in order. */
export const STAGES = Object.freeze([1, 2, 3, 4]);

/**
 * The lowest and highest whole number core accepts for each engagement setting (`threshold`
 * for each of the three thresholds, `weight` for each kind's weight).
 */
export const ENGAGEMENT_SETTING_RANGES = Object.freeze({ weight: Object.freeze([0, 100]), halfLifeDays: Object.freeze([1, 3650]), windowDays: Object.freeze([1, 3650]), threshold: Object.freeze([1, 100000]), graceDays: Object.freeze([0, 365]), losingTouchDays: Object.freeze([1, 3650]) });

/** The settings Hearth starts with. */
export const ENGAGEMENT_DEFAULTS = Object.freeze(/** @type {import('./types.js').EngagementSettings} */ ({"weights":[{"kind":"talk","weight":10},{"kind":"content","weight":6},{"kind":"help","weight":4},{"kind":"joint_project","weight":8},{"kind":"recommendation","weight":5},{"kind":"kudos","weight":3},{"kind":"event_attended","weight":2},{"kind":"other","weight":1}],"halfLifeDays":90,"windowDays":365,"thresholds":{"participant":3,"contributor":12,"advocate":30},"graceDays":30,"losingTouchDays":60}));

/** How each computed metric reads. @type {Readonly<Record<import('./types.js').MetricKey, import('./types.js').MetricUnit>>} */
export const METRIC_UNITS = Object.freeze({ members_total: 'count', new_members: 'count', growth_rate: 'share', active_members: 'count', engagement_rate: 'share', interactions_per_member_per_month: 'mean', events_per_month: 'mean', average_attendance: 'mean', no_show_rate: 'share', new_attendees: 'count', returning_attendees: 'count', satisfaction: 'mean', nps: 'score', positive_reviews: 'count', impact_career_growth: 'count', impact_joint_projects: 'count', impact_recommendations: 'count', impact_new_skills: 'count' });
