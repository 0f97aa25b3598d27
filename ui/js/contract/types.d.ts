// Generated from the Rust types that cross IPC between the shell and the interface
// by src-tauri/src/commands/contract.rs. Do not edit: change the Rust side, then run
//   HEARTH_UPDATE_CONTRACT=1 cargo test -p hearth contract

/**
 * An error as the interface and `--json` receive it. `field`, `rule` and `limit` are set for
 * invalid input, so the interface can show core's own message under the field it names.
 */
export type HearthError = {
  code: ErrorCode,
  /**
   * English, for logs and scripts; the interface shows its own words for `code` and `rule`.
   */
  message: string,
  /**
   * The field as the interface names it (camelCase).
   */
  field: string | null,
  rule: Rule | null,
  /**
   * The limit that was passed, e.g. 200 for a name that is too long.
   */
  limit: number | null,
};

/**
 * The stable code of an error: the part of it that scripts and the interface rely on.
 */
export type ErrorCode = "invalid_input" | "not_found" | "conflict" | "corrupt" | "io" | "internal";

/**
 * Why a piece of input was refused; the interface turns it into a localised sentence.
 * `control_character`: a line break, escape or text-direction control where it could
 * forge or disguise text.
 */
export type Rule = "required" | "too_long" | "unknown_value" | "invalid_format" | "control_character";

/**
 * Where the data lives, the chosen language (none until the person picks one), the
 * community opened last (while it exists), and what start-up found when the database
 * failed its check.
 */
export type AppStatus = {
  dataDir: string,
  dbPath: string,
  schemaVersion: number,
  language: Locale | null,
  selectedCommunity: number | null,
  recovery: Recovery | null,
};

/**
 * What start-up found when the database could not be used as it was.
 */
export type Recovery = {
  /**
   * Where the damaged file now lives.
   */
  damagedPath: string,
  /**
   * Backups that can replace it, the newest good one first.
   */
  backups: Array<BackupInfo>,
};

/**
 * The language of a community's documents and of the interface.
 */
export type Locale = "en" | "ru";

export type CommunitySummary = {
  id: number,
  uid: string,
  name: string,
  kind: Kind | null,
  locale: Locale,
  updatedAt: string,
  /**
   * The sample community ("Open the sample community"), there to look around in: the
   * interface says so and points to a community of one's own.
   */
  sample: boolean,
};

export type Community = {
  id: number,
  uid: string,
  /**
   * The organizer's own member record here: whose tasks "Mine" shows. None until chosen.
   */
  ownMemberId: number | null,
  createdAt: string,
  updatedAt: string,
  name: string,
  mission: string,
  kind: Kind | null,
  audiences: Array<Audience>,
  formats: Array<Format>,
  uniqueValue: string,
  expectedResults: string,
  rules: string,
  timeZone: string,
  locale: Locale,
};

/**
 * A checked charter: every field within its limits, every choice a known value.
 */
export type Charter = {
  name: string,
  mission: string,
  kind: Kind | null,
  audiences: Array<Audience>,
  formats: Array<Format>,
  uniqueValue: string,
  expectedResults: string,
  rules: string,
  timeZone: string,
  locale: Locale,
};

/**
 * The charter as submitted by the interface or a script: plain text, not yet checked.
 */
export type CharterInput = {
  name: string,
  mission: string,
  kind: string | null,
  audiences: Array<string>,
  formats: Array<string>,
  uniqueValue: string,
  expectedResults: string,
  rules: string,
  timeZone: string,
  locale: string,
};

/**
 * What it takes to start a community: the rest of the charter is filled in afterwards.
 */
export type NewCommunity = {
  name: string,
  /**
   * The language of the plan template, and of the community's documents.
   */
  locale: string,
  timeZone: string,
  /**
   * The target launch, `YYYY-MM-DD`: the template's tasks fall due counted from it.
   * None or empty: the tasks have no due dates.
   */
  launchDate?: string | null,
};

/**
 * One zone found, named in the asked language.
 */
export type TimeZoneMatch = {
  /**
   * The IANA id, the value a community stores ("Europe/Lisbon").
   */
  zone: string,
  /**
   * The zone's exemplar city ("Lisbon", "Лиссабон").
   */
  city: string,
  /**
   * The country the zone belongs to; empty for UTC and for ids outside the list.
   */
  country: string,
  /**
   * The zone's offset from UTC at the time of the search: "UTC+3", "UTC-3:30", "UTC+0".
   */
  offset: string,
};

/**
 * The note's "тематические сообщества": what the community gathers around.
 */
export type Kind = "technology" | "industry" | "functional" | "geographic";

/**
 * The note's target audiences, from newcomers to leaders.
 */
export type Audience = "newcomers" | "mid_level" | "experienced" | "leaders";

/**
 * The note's "форматы взаимодействия".
 */
export type Format = "online_groups" | "offline_events" | "webinars_conferences" | "joint_projects";

export type Platform = {
  id: number,
  uid: string,
  kind: PlatformKind,
  name: string,
  url: string,
  memberCount: number | null,
};

export type PlatformInput = {
  kind: string,
  name: string,
  url: string,
  /**
   * As typed: blank when not known. Core reads the number, so a person's "1.5" or "many"
   * gets core's answer under the field rather than being lost on the way.
   */
  memberCount: string | null,
};

export type PlatformKind = "telegram" | "discord" | "slack" | "linkedin" | "facebook" | "discourse" | "website" | "other";

/**
 * One community's sharing, as its charter shows it.
 */
export type SharingStatus = {
  communityId: number,
  shared: boolean,
  /**
   * The code co-organizers join with; None until it is linked to a relay.
   */
  joinCode: string | null,
  connection: SyncConnection,
  /**
   * This copy and the relay hold the same.
   */
  inStep: boolean,
  /**
   * Why the relay cannot be reached, when it cannot.
   */
  problem: string | null,
};

/**
 * The connection to a shared community's relay.
 */
export type SyncConnection = "off" | "connecting" | "connected" | "offline";

/**
 * A field two co-organizers set differently while apart: every value, the one shown first.
 */
export type SharingConflict = {
  /**
   * `community` (the charter), or the table the record is in (`plan_tasks`, `members`…).
   */
  table: string,
  uid: string,
  /**
   * The record as a person knows it (a task's title, a member's name); None for the charter.
   */
  label: string | null,
  /**
   * The column, in snake_case as core names it.
   */
  field: string,
  values: Array<string | number | null>,
  /**
   * For a field that points at another record (a task's owner, an event's venue): the
   * name of the record each value names, as `values` orders them; None elsewhere.
   */
  names: Array<string | null>,
  /**
   * For a field of closed values (a task's status): the label catalogue's prefix, under
   * which each value's label is `<prefix>.<value>` (`plan.status.done`); None elsewhere.
   */
  labelPrefix: string | null,
};

/**
 * The whole plan of one community, stage by stage, as its screen and printed page show it.
 */
export type Plan = {
  communityId: number,
  locale: Locale,
  /**
   * The community's own date, in its time zone: what "overdue" is measured against.
   */
  today: string,
  stages: Array<StagePlan>,
  total: number,
  done: number,
  overdue: number,
  /**
   * The organizer's own member record in this community: whose tasks "Mine" shows.
   */
  ownMember: MemberRef | null,
};

export type StagePlan = {
  stage: number,
  title: string,
  total: number,
  done: number,
  tasks: Array<Task>,
};

export type Task = {
  id: number,
  uid: string,
  stage: number,
  title: string,
  notes: string,
  status: TaskStatus,
  due: string | null,
  /**
   * The member who owns the task, when it is linked to one.
   */
  ownerMemberId: number | null,
  /**
   * The owner's name: the member's when the task is linked to one, else the text typed
   * for it (an owner from before the roster, or someone who is not a member).
   */
  ownerName: string | null,
  /**
   * Not done and due before the community's today.
   */
  overdue: boolean,
};

/**
 * A task as submitted: plain text, not yet checked.
 */
export type TaskInput = {
  stage: number,
  title: string,
  notes: string,
  status: string,
  due: string | null,
  /**
   * The member who owns the task; when given, the typed name is not looked at.
   */
  ownerMemberId?: number | null,
  /**
   * An owner typed as text: linked to the member of that name when there is exactly one,
   * else kept as text.
   */
  ownerName: string | null,
};

export type TaskStatus = "todo" | "in_progress" | "done";

export type PlanSummary = {
  total: number,
  done: number,
  overdue: number,
  stages: Array<StageSummary>,
};

export type StageSummary = {
  stage: number,
  total: number,
  done: number,
};

/**
 * What restoring the template did: how many of its missing tasks came back.
 */
export type Restored = {
  added: number,
};

/**
 * A member as the plan names one: enough to show and to pick.
 */
export type MemberRef = {
  id: number,
  name: string,
};

/**
 * A member offered as a task's owner (or as the organizer's own record): enough to tell
 * two people of the same name apart.
 */
export type OwnerCandidate = {
  id: number,
  name: string,
  company: string,
  email: string,
};

/**
 * A member as stored, with what core derives from their activities.
 */
export type Member = {
  id: number,
  uid: string,
  communityId: number,
  name: string,
  email: string,
  phone: string,
  telegram: string,
  linkedin: string,
  github: string,
  otherHandle: string,
  company: string,
  position: string,
  city: string,
  level: Level | null,
  roles: Array<Role>,
  tags: Array<string>,
  joinedOn: string | null,
  leftOn: string | null,
  source: string,
  consent: boolean,
  notes: string,
  engagementScore: number,
  engagementLevel: EngagementLevel,
  lastActivityOn: string | null,
  createdAt: string,
  updatedAt: string,
};

/**
 * A member's fields as submitted: text as typed, not yet checked. Every field is optional:
 * creating treats a missing one as empty; editing changes only the fields that are present,
 * so an edit never writes back a whole record read earlier.
 */
export type MemberInput = {
  name?: string,
  email?: string,
  phone?: string,
  telegram?: string,
  linkedin?: string,
  github?: string,
  otherHandle?: string,
  company?: string,
  position?: string,
  city?: string,
  /**
   * Empty text clears the level.
   */
  level?: string,
  roles?: Array<string>,
  tags?: Array<string>,
  /**
   * `YYYY-MM-DD`; empty text clears the date.
   */
  joinedOn?: string,
  leftOn?: string,
  source?: string,
  consent?: boolean,
  notes?: string,
};

/**
 * How far along a member is: the charter's audiences, one person at a time.
 */
export type Level = "newcomer" | "mid_level" | "experienced" | "leader";

/**
 * What a member does in the community; a member may have several.
 */
export type Role = "member" | "organizer" | "moderator" | "speaker" | "volunteer" | "sponsor";

/**
 * Where a member stands by what they have done lately (see `engagement`), from the
 * most engaged down, in the spirit of the Orbit model's levels.
 */
export type EngagementLevel = "advocate" | "contributor" | "participant" | "observer";

/**
 * One thing a member did, as the timeline shows it.
 */
export type Activity = {
  id: number,
  uid: string,
  /**
   * Null once the member was forgotten: the activity still counts, anonymously.
   */
  memberId: number | null,
  kind: ActivityKind,
  /**
   * The weight it counts with: its own when one was given, else its kind's from the
   * engagement settings.
   */
  weight: number,
  /**
   * True when this activity was given a weight of its own.
   */
  weightOverridden: boolean,
  occurredOn: string,
  note: string,
  /**
   * The member who gave the kudos, when a member did (and still exists).
   */
  fromMemberId: number | null,
  fromMemberName: string | null,
  createdAt: string,
};

/**
 * An activity as submitted: text as typed, not yet checked.
 */
export type ActivityInput = {
  kind: string,
  /**
   * `YYYY-MM-DD`; empty means today in the community's time zone.
   */
  occurredOn: string,
  /**
   * As typed: blank (or absent) counts the kind's weight; a whole number 0 to 100
   * overrides it for this activity.
   */
  weight?: string,
  note: string,
};

/**
 * What kind of thing a member did. Each kind has a weight in the engagement settings.
 */
export type ActivityKind = "talk" | "content" | "help" | "joint_project" | "recommendation" | "kudos" | "event_attended" | "other";

/**
 * The engagement model's settings (see docs/engagement.md).
 */
export type EngagementSettings = {
  /**
   * One per kind, in the order of `ActivityKind::ALL`.
   */
  weights: Array<KindWeight>,
  /**
   * After this many days an activity counts half; after twice as many, a quarter.
   */
  halfLifeDays: number,
  /**
   * Activities this many days old or older do not count at all.
   */
  windowDays: number,
  thresholds: Thresholds,
  /**
   * A level is kept while the score reached it within this many days.
   */
  graceDays: number,
  /**
   * "Losing touch": engaged members with no activity for this many days.
   */
  losingTouchDays: number,
};

/**
 * The settings as typed into the settings form: every number as text, so a person's "1.5"
 * or "" gets core's answer under the field it was typed in.
 */
export type EngagementSettingsInput = {
  /**
   * A kind left out keeps its weight.
   */
  weights: Array<KindWeightInput>,
  halfLifeDays: string,
  windowDays: string,
  participant: string,
  contributor: string,
  advocate: string,
  graceDays: string,
  losingTouchDays: string,
};

/**
 * The weight one kind of activity counts with.
 */
export type KindWeight = {
  kind: ActivityKind,
  weight: number,
};

export type KindWeightInput = {
  kind: string,
  weight: string,
};

/**
 * The lowest score of each level above observer.
 */
export type Thresholds = {
  participant: number,
  contributor: number,
  advocate: number,
};

/**
 * Why a member's engagement is what it is: the data for the member's page to render in
 * the person's language (numbers, days and levels; no sentences).
 */
export type Explanation = {
  memberId: number,
  /**
   * The day the score is for: today in the community's time zone.
   */
  on: string,
  score: number,
  /**
   * The member's level: `scoreLevel`, or higher while the grace period holds it.
   */
  level: EngagementLevel,
  /**
   * The level today's score earns on its own.
   */
  scoreLevel: EngagementLevel,
  /**
   * Set when the grace period holds the level above `scoreLevel`.
   */
  grace: GraceHold | null,
  /**
   * Every activity that counts today, newest first.
   */
  counted: Array<CountedActivity>,
  /**
   * How many of the member's activities are too old to count (outside the window).
   */
  notCounted: number,
  thresholds: Thresholds,
  halfLifeDays: number,
  windowDays: number,
  graceDays: number,
};

/**
 * One activity's part in a score.
 */
export type CountedActivity = {
  activityId: number,
  kind: ActivityKind,
  occurredOn: string,
  note: string,
  weight: number,
  weightOverridden: boolean,
  ageDays: number,
  /**
   * 0.5^(ageDays / halfLifeDays): how much of the weight still counts.
   */
  factor: number,
  /**
   * weight × factor.
   */
  contribution: number,
};

/**
 * The grace period holding a level: the score reached `peakScore` on `peakOn`, which
 * earns `level`; the level is kept through `until` unless the score earns it again.
 */
export type GraceHold = {
  peakOn: string,
  peakScore: number,
  level: EngagementLevel,
  until: string,
};

/**
 * The members who earned the most in a period.
 */
export type TopContributors = {
  from: string,
  to: string,
  rows: Array<Contributor>,
};

export type Contributor = {
  memberId: number,
  name: string,
  /**
   * The weights of their activities in the period, added up (no decay: what they did).
   */
  points: number,
  activities: number,
  engagementLevel: EngagementLevel,
};

/**
 * Members who drifted away, for a personal word from the organizer.
 */
export type LosingTouch = {
  /**
   * No activity for at least this many days (the setting).
   */
  days: number,
  /**
   * How many members are losing touch, of which `rows` holds the most engaged.
   */
  total: number,
  rows: Array<DriftingMember>,
};

export type DriftingMember = {
  memberId: number,
  name: string,
  email: string,
  lastActivityOn: string,
  daysSilent: number,
  /**
   * Their score on the day of their last activity: how engaged they were.
   */
  scoreThen: number,
  levelThen: EngagementLevel,
  /**
   * Their level now, as stored.
   */
  engagementLevel: EngagementLevel,
};

/**
 * What the roster shows: the search text as typed and the filters as picked. Within one
 * filter any value matches (level A or B); different filters all apply (level and tag).
 * An empty list is no filter.
 */
export type RosterQuery = {
  /**
   * Found anywhere in the name, email, company, handles or tags; case and "ё"/"е" do
   * not matter.
   */
  search: string,
  /**
   * `Level` values.
   */
  levels: Array<string>,
  /**
   * `Role` values.
   */
  roles: Array<string>,
  /**
   * Tags as `member_tags` lists them; case does not matter.
   */
  tags: Array<string>,
  /**
   * `EngagementLevel` values.
   */
  engagement: Array<string>,
  /**
   * `YYYY-MM-DD`: joined on or after this day. Members with no joined date are left out
   * while either bound is set.
   */
  joinedFrom?: string,
  /**
   * `YYYY-MM-DD`: joined on or before this day.
   */
  joinedTo?: string,
  /**
   * A `RosterSort` value; empty is `name`.
   */
  sort: string,
  descending: boolean,
};

/**
 * The orders the roster can be read in.
 */
export type RosterSort = "name" | "level" | "joined" | "engagement" | "lastActivity";

/**
 * A member as one line of the roster table shows them.
 */
export type RosterRow = {
  id: number,
  uid: string,
  name: string,
  email: string,
  company: string,
  position: string,
  city: string,
  level: Level | null,
  roles: Array<Role>,
  tags: Array<string>,
  engagementScore: number,
  engagementLevel: EngagementLevel,
  lastActivityOn: string | null,
  joinedOn: string | null,
};

/**
 * One page of the roster: `rows` start at `offset` among the `total` members that match.
 */
export type RosterPage = {
  total: number,
  offset: number,
  rows: Array<RosterRow>,
};

/**
 * A tag and how many members of the community carry it.
 */
export type TagCount = {
  tag: string,
  members: number,
};

/**
 * Everything Hearth holds about one person, for a person who asks (written out as JSON).
 */
export type PersonalData = {
  exportedAt: string,
  /**
   * The community whose roster holds them.
   */
  community: CommunityName,
  /**
   * Their profile, as stored.
   */
  member: Member,
  /**
   * What they did, newest first, with the weight each counts with.
   */
  activities: Array<Activity>,
  /**
   * What the community did for their working life (the impact log), newest first.
   */
  impact: Array<Impact>,
  /**
   * Kudos they gave other members.
   */
  kudosGiven: Array<KudosGiven>,
  /**
   * Plan tasks they own.
   */
  tasksOwned: Array<OwnedTask>,
  /**
   * Their answers to events, check-ins and feedback, the latest event first.
   */
  eventAnswers: Array<EventAnswer>,
  /**
   * What they do at events: talks on agendas, roles, checklist tasks they own.
   */
  eventParts: Array<EventPart>,
};

export type CommunityName = {
  id: number,
  name: string,
};

export type KudosGiven = {
  uid: string,
  /**
   * Who received it, while that member is on the roster.
   */
  toMemberName: string | null,
  occurredOn: string,
  note: string,
};

export type OwnedTask = {
  uid: string,
  stage: number,
  title: string,
  status: TaskStatus,
  due: string | null,
};

export type Event = {
  id: number,
  uid: string,
  communityId: number,
  title: string,
  kind: EventKind,
  format: EventFormat,
  /**
   * UTC, "2026-12-10T18:00:00Z".
   */
  startsAt: string,
  endsAt: string,
  /**
   * The IANA zone the event is held in.
   */
  timeZone: string,
  /**
   * Wall-clock start in `time_zone`: "2026-12-10T19:00", or the first day of a whole-day event.
   */
  start: string,
  /**
   * Wall-clock end in `time_zone`, or the last day of a whole-day event.
   */
  end: string,
  allDay: boolean,
  venueId: number | null,
  onlineUrl: string,
  capacity: number | null,
  status: EventStatus,
  description: string,
  /**
   * The series this event is an occurrence of.
   */
  seriesId: number | null,
  /**
   * The UTC start its series' rule gave it (its RECURRENCE-ID), which stays when this
   * occurrence alone is moved.
   */
  occurrenceStart: string | null,
  createdAt: string,
  updatedAt: string,
};

/**
 * An event as a form or the command line gives it: times are wall-clock times in
 * `time_zone` (the community's when blank), and whole-day events give their first and last
 * day instead.
 */
export type EventInput = {
  title: string,
  kind: string,
  format: string,
  /**
   * "2026-12-10T19:00", or "2026-12-10" for a whole-day event.
   */
  start: string,
  end: string,
  timeZone: string,
  allDay: boolean,
  venueId: number | null,
  onlineUrl: string,
  /**
   * As typed: blank when not planned. Core reads the number, so "many" gets core's answer.
   */
  capacity: string | null,
  /**
   * Blank: planned.
   */
  status: string,
  description: string,
};

export type EventKind = "meetup" | "webinar" | "conference" | "workshop" | "online_discussion" | "joint_project_session" | "other";

export type EventFormat = "offline" | "online" | "hybrid";

export type EventStatus = "draft" | "planned" | "confirmed" | "done" | "cancelled";

export type EventPage = {
  event: Event,
  series: SeriesSummary | null,
  venue: Venue | null,
  attendance: Array<Attendance>,
  turnout: Turnout,
  agenda: Array<AgendaItem>,
  roles: Array<EventRole>,
  checklist: Array<EventTask>,
  conflicts: Array<Conflict>,
};

/**
 * A series as the panel names it: its rule and how many occurrences it has.
 */
export type SeriesSummary = {
  id: number,
  uid: string,
  rrule: string,
  occurrences: number,
};

/**
 * How many answered each way, and how many came.
 */
export type Turnout = {
  going: number,
  waitlist: number,
  maybe: number,
  declined: number,
  checkedIn: number,
};

export type Series = {
  id: number,
  uid: string,
  communityId: number,
  /**
   * The RFC 5545 RRULE, e.g. "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=12".
   */
  rrule: string,
  /**
   * The first occurrence's wall-clock start in `time_zone`: the rule's DTSTART.
   */
  firstStart: string,
  timeZone: string,
  /**
   * Occurrences removed one by one: the UTC starts the rule gave them (EXDATE).
   */
  exdates: string[],
  /**
   * Its occurrences, in the order they start.
   */
  occurrences: Array<Event>,
};

/**
 * Which occurrences an edit of one occurrence changes: this one, this one and those
 * after it (the series is split in two there), or every one.
 */
export type Scope = "this" | "following" | "all";

/**
 * A series as a form or the command line gives it.
 */
export type RecurrenceInput = {
  repeat: string,
  /**
   * Every how many weeks or months; blank or 0 is 1.
   */
  interval: number | null,
  /**
   * For monthly by weekday: the last such weekday of the month rather than its place
   * counted from the start (the fourth Thursday may also be the last).
   */
  lastWeekday: boolean,
  /**
   * How many occurrences, the first included.
   */
  count: number | null,
  /**
   * Or the last day an occurrence may fall on ("2027-06-30").
   */
  until: string | null,
};

/**
 * Weekly: on the first start's weekday, every `interval` weeks. Monthly by date: on
 * its day of the month (months without that day are skipped, as RFC 5545 says).
 * Monthly by weekday: on its weekday and place in the month ("second Thursday"), or
 * the last such weekday when asked.
 */
export type Repeat = "weekly" | "monthly_by_date" | "monthly_by_weekday";

export type Venue = {
  id: number,
  uid: string,
  communityId: number,
  name: string,
  address: string,
  capacity: number | null,
  contact: string,
  notes: string,
  updatedAt: string,
};

export type VenueInput = {
  name: string,
  address: string,
  /**
   * As typed: blank when not known.
   */
  capacity: string | null,
  contact: string,
  notes: string,
};

export type Attendance = {
  id: number,
  uid: string,
  eventId: number,
  /**
   * None once the member was forgotten.
   */
  memberId: number | null,
  /**
   * The member's name, as the list shows it; empty once forgotten.
   */
  memberName: string,
  rsvp: Rsvp,
  respondedAt: string,
  checkedInAt: string | null,
  walkIn: boolean,
  feedbackScore: number | null,
  nps: number | null,
  comment: string,
};

/**
 * Feedback as a form gives it: each part may be left out.
 */
export type FeedbackInput = {
  /**
   * 1 to 5.
   */
  score: number | null,
  /**
   * 0 to 10: how likely they are to recommend the community.
   */
  nps: number | null,
  comment: string,
};

export type AgendaItem = {
  id: number,
  uid: string,
  eventId: number,
  position: number,
  title: string,
  minutes: number,
  speakerMemberId: number | null,
  /**
   * The speaker's name while they are on the roster.
   */
  speakerName: string,
  notes: string,
  /**
   * Wall-clock start and end in the event's zone ("19:20"), counted from the event's start.
   */
  starts: string,
  ends: string,
};

export type AgendaItemInput = {
  title: string,
  minutes: number,
  speakerMemberId: number | null,
  notes: string,
};

export type EventRole = {
  id: number,
  uid: string,
  eventId: number,
  role: RoleKind,
  memberId: number | null,
  memberName: string,
  note: string,
};

export type EventRoleInput = {
  role: string,
  memberId: number | null,
  /**
   * What the role is, for "other"; a remark otherwise.
   */
  note: string,
};

export type RoleKind = "host" | "mc" | "timekeeper" | "check_in" | "photographer" | "other";

export type EventTask = {
  id: number,
  uid: string,
  eventId: number,
  title: string,
  /**
   * Days from the event's day: negative before it.
   */
  offsetDays: number,
  /**
   * The day it falls due, from the event's day as it is now.
   */
  due: string,
  done: boolean,
  ownerMemberId: number | null,
  /**
   * The owner's name as the roster has it now; empty without an owner.
   */
  ownerName: string,
};

export type EventTaskInput = {
  title: string,
  offsetDays: number,
  ownerMemberId: number | null,
};

export type Conflict = {
  kind: ConflictKind,
  otherEventId: number,
  otherTitle: string,
  /**
   * The other event's wall-clock start in its zone.
   */
  otherStart: string,
  /**
   * For a person: who is booked twice.
   */
  memberId: number | null,
  memberName: string,
};

export type ConflictKind = "venue" | "person";

/**
 * What an import does (or, before it is confirmed, would do).
 */
export type IcsImport = {
  /**
   * Single events in the file.
   */
  events: number,
  /**
   * Repeating events, each a series.
   */
  series: number,
  /**
   * The events the series make, their exceptions left out.
   */
  occurrences: number,
  /**
   * Occurrences the file changes alone, and those it cancels.
   */
  changedOccurrences: number,
  cancelledOccurrences: number,
  /**
   * Of the single events and series: new ones, and ones a UID already in the community
   * matched, which the file updates.
   */
  added: number,
  updated: number,
  /**
   * Venues made for LOCATIONs the community had no venue of that name for.
   */
  venuesAdded: number,
  /**
   * Components Hearth does not keep (tasks, journal entries), left out.
   */
  ignored: number,
  /**
   * What stops the file, the first 200 of them; nothing is written while there are any.
   */
  problems: Array<IcsProblem>,
  problemCount: number,
  /**
   * Whether the events were written (false for a preview or a refused file).
   */
  written: boolean,
};

/**
 * One thing that stops a calendar file from being imported, where a person would look.
 */
export type IcsProblem = {
  kind: IcsProblemKind,
  /**
   * The line of the file (from 1), as a text editor numbers it.
   */
  line: number | null,
  /**
   * The event's UID, when one event is at fault.
   */
  uid: string | null,
  /**
   * The event field at fault (camelCase, as errors name fields).
   */
  field: string | null,
  /**
   * English, complete (line and reason), for logs and the command line.
   */
  message: string,
};

/**
 * What is wrong with a calendar file, in a word the interface turns into a sentence
 * of its own language. The first five stop the whole file; the others name the event.
 */
export type IcsProblemKind = "too_big" | "not_text" | "not_calendar" | "malformed" | "cut_short" | "too_many" | "unknown_zone" | "endless_rule" | "bad_rule" | "bad_value" | "ends_before_start" | "repeated_uid" | "no_series" | "other_community";

/**
 * What an export wrote.
 */
export type IcsExport = {
  path: string,
  /**
   * VEVENTs written: single events, series, and occurrences changed alone.
   */
  entries: number,
};

export type EventAnswer = {
  uid: string,
  eventTitle: string,
  eventStartsAt: string,
  rsvp: Rsvp,
  checkedInAt: string | null,
  feedbackScore: number | null,
  nps: number | null,
  comment: string,
};

export type EventPart = {
  uid: string,
  eventTitle: string,
  eventStartsAt: string,
  /**
   * "talk", "role" or "task".
   */
  part: string,
  /**
   * The talk's title, the role ("host", "mc", …) or the task's title.
   */
  what: string,
  note: string,
};

export type Rsvp = "going" | "maybe" | "declined" | "waitlist";

/**
 * Where an import reads from: the path of a file the person chose or dropped on the
 * window, or a file's bytes (with its name, which tells a contacts file by its ending).
 */
export type ImportSource = {
  path?: string,
  fileName?: string,
  bytes?: Array<number>,
};

/**
 * How to read a file. Everything is optional: by default core detects it all.
 */
export type ImportOptions = {
  /**
   * The field of each column, in the file's order (null: not imported); absent: detected
   * from the headers.
   */
  mapping?: Array<ImportField | null>,
  /**
   * Dates written with slashes are month first (`03/25/2026`), as in the US; otherwise
   * day first (`25/03/2026`).
   */
  usDates?: boolean,
  delimiter?: Delimiter,
  encoding?: TextEncoding,
  /**
   * The person's choice for duplicates, by row; a duplicate not listed gets the
   * proposed action.
   */
  decisions?: Array<DuplicateDecision>,
};

/**
 * What a column of a file can fill. Besides the member's own fields: the parts of a
 * name that some exports keep apart (joined into the name), and the uid of a member
 * exported by Hearth (so a re-import finds the member it came from).
 */
export type ImportField = "name" | "firstName" | "middleName" | "lastName" | "email" | "phone" | "telegram" | "linkedin" | "github" | "otherHandle" | "company" | "position" | "city" | "level" | "roles" | "tags" | "joinedOn" | "leftOn" | "source" | "consent" | "notes" | "uid";

/**
 * What separates the cells of a CSV row.
 */
export type Delimiter = "comma" | "semicolon" | "tab";

/**
 * How the file's text was encoded: UTF-8 (with or without the byte-order mark Excel
 * writes), UTF-16 with a mark (Excel's "Unicode text"), or Windows-1251 (Russian
 * Excel's "CSV").
 */
export type TextEncoding = "utf8" | "utf8_bom" | "utf16le" | "utf16be" | "windows1251";

export type DuplicateDecision = {
  row: number,
  action: DuplicateAction,
};

/**
 * What becomes of a row that duplicates a member (or an earlier row): its details fill
 * what the member lacks (`merge`), it is left out (`skip`), or it becomes a member of
 * its own (`add`).
 */
export type DuplicateAction = "merge" | "skip" | "add";

/**
 * What a file holds and what importing it would do; nothing is written to make it.
 */
export type ImportPreview = {
  fileName: string,
  format: FileFormat,
  /**
   * Null when the file could not be decoded.
   */
  encoding: TextEncoding | null,
  /**
   * CSV only.
   */
  delimiter: Delimiter | null,
  usDates: boolean,
  /**
   * Some dates with slashes can only be read month first (`03/25/2026`), and none only
   * day first: the interface offers to switch US dates on.
   */
  usDatesSuggested: boolean,
  columns: Array<ImportColumn>,
  /**
   * Rows (or cards) that hold anything.
   */
  rowCount: number,
  /**
   * The first rows as members, as they would be written.
   */
  sample: Array<ImportSampleRow>,
  /**
   * The first 500 problems (`MAX_LISTED`); `problemCount` counts them all.
   */
  problems: Array<ImportProblem>,
  problemCount: number,
  /**
   * The first 500 duplicates; `duplicateCount` counts them all.
   */
  duplicates: Array<ImportDuplicate>,
  duplicateCount: number,
  /**
   * What confirming would do with the decisions given (proposed ones for the rest).
   */
  add: number,
  merge: number,
  skip: number,
};

/**
 * The kind of file, detected from its name and content.
 */
export type FileFormat = "csv" | "vcard";

export type ImportColumn = {
  index: number,
  header: string,
  /**
   * The field it fills as mapped now (null: not imported).
   */
  field: ImportField | null,
  /**
   * The field core recognised from the header.
   */
  detected: ImportField | null,
  /**
   * Up to three values from the column, for the person to recognise it.
   */
  samples: Array<string>,
};

export type ImportSampleRow = {
  row: number,
  member: MemberInput,
};

/**
 * One thing that stops a file from being imported, where a person would look for it.
 */
export type ImportProblem = {
  kind: ProblemKind,
  /**
   * For CSV the row as a spreadsheet numbers it (the header is row 1); for vCard the
   * card's number (the first card is 1). None: the whole file.
   */
  row: number | null,
  /**
   * The column's position, from 0, when one column is at fault.
   */
  column: number | null,
  /**
   * The column's header as the file names it (for vCard, the property, e.g. `EMAIL`).
   */
  header: string | null,
  /**
   * The member field at fault (camelCase, as errors name fields), for invalid values.
   */
  field: string | null,
  rule: Rule | null,
  limit: number | null,
  /**
   * English, complete (row, column and reason), for logs and the command line.
   */
  message: string,
};

/**
 * What is wrong, in a word the interface turns into a sentence of its own language.
 * File-wide problems (`too_big`, `binary`, `unknown_encoding`, `empty`, `no_name_column`)
 * stop the whole file; the others name a row and usually a column.
 */
export type ProblemKind = "too_big" | "too_many_rows" | "binary" | "unknown_encoding" | "empty" | "unbalanced_quote" | "ragged_row" | "bad_card" | "no_name_column" | "invalid_value" | "unknown_date";

export type ImportDuplicate = {
  row: number,
  name: string,
  email: string,
  reason: DuplicateReason,
  /**
   * Who it duplicates: a member of the roster, or an earlier row of the file.
   */
  duplicates: DuplicateOf,
  proposed: DuplicateAction,
  /**
   * What will happen: the person's decision, else the proposal.
   */
  action: DuplicateAction,
};

/**
 * Why two records are taken for the same person.
 */
export type DuplicateReason = "uid" | "email" | "namePhone";

export type DuplicateOf = {
  memberId: number | null,
  row: number | null,
  name: string,
  email: string,
};

/**
 * How far a running import is: `done` of `total` members written.
 */
export type ImportProgress = {
  done: number,
  total: number,
};

/**
 * What an import did.
 */
export type ImportReport = {
  rows: number,
  added: number,
  merged: number,
  skipped: number,
};

/**
 * The kinds of file members are exported to.
 */
export type ExportFormat = "csv" | "vcf";

/**
 * What an export wrote.
 */
export type ExportReport = {
  path: string,
  members: number,
  bytes: number,
};

export type BackupInfo = {
  fileName: string,
  createdAt: string,
  sizeBytes: number,
  revision: number,
  /**
   * Taken just before a restore replaced the data: the one copy of what was replaced.
   */
  beforeRestore: boolean,
  /**
   * What it holds, read from the file itself, so a person can tell backups apart by
   * their data rather than their size. Null when the file could not be read.
   */
  contents: BackupContents | null,
};

/**
 * What a backup holds, in an organizer's terms.
 */
export type BackupContents = {
  /**
   * The communities' names, oldest first.
   */
  communities: Array<string>,
  /**
   * Plan tasks, across all its communities.
   */
  taskCount: number,
};

export type CheckReport = {
  ok: boolean,
  schemaVersion: number,
  expectedSchemaVersion: number,
  /**
   * An older schema is sound; Hearth upgrades it the next time it opens the file.
   */
  needsUpgrade: boolean,
  /**
   * The tables, indexes and triggers are exactly those of Hearth's schema version.
   */
  schemaMatches: boolean,
  quickCheck: string,
  integrityCheck: Array<string>,
  foreignKeyViolations: number,
};

/**
 * The metrics of one community over a range: the dashboard's cards, its monthly series,
 * each event's turnout and the retention cohorts.
 */
export type Dashboard = {
  communityId: number,
  range: MetricsRange,
  previousRange: MetricsRange,
  metrics: Array<Metric>,
  months: Array<Month>,
  events: Array<EventTurnout>,
  cohorts: Array<Cohort>,
};

/**
 * From `from` to `to`, both days included.
 */
export type MetricsRange = {
  from: string,
  to: string,
};

/**
 * One metric over the range, beside its value over the range just before it (as long).
 */
export type Metric = {
  key: MetricKey,
  category: MetricCategory,
  unit: MetricUnit,
  /**
   * True when a fall is good news (no-shows).
   */
  lowerIsBetter: boolean,
  current: Measure,
  previous: Measure,
};

/**
 * A computed metric, by the key the JSON, the CSV and goals name it with. Never renamed:
 * goals and exported files keep it.
 */
export type MetricKey = "members_total" | "new_members" | "growth_rate" | "active_members" | "engagement_rate" | "interactions_per_member_per_month" | "events_per_month" | "average_attendance" | "no_show_rate" | "new_attendees" | "returning_attendees" | "satisfaction" | "nps" | "positive_reviews" | "impact_career_growth" | "impact_joint_projects" | "impact_recommendations" | "impact_new_skills";

/**
 * The source note's three ways of measuring success.
 */
export type MetricCategory = "quantitative" | "qualitative" | "impact";

/**
 * How a value is read: a count, a share (0–1, shown as a percentage), a mean, or a
 * score on its own scale (NPS, −100 to 100).
 */
export type MetricUnit = "count" | "share" | "mean" | "score";

/**
 * One metric's value and what it rests on.
 */
export type Measure = {
  /**
   * None when it cannot be computed (a share of nothing): shown as "—".
   */
  value: number | null,
  /**
   * How many observations it rests on (members, events, answers), for a share or a mean.
   */
  sample: number,
  /**
   * True when `sample` is below [`SMALL_SAMPLE`] for a share or a mean.
   */
  small: boolean,
};

/**
 * Every metric for one calendar month (cut to the range at its ends).
 */
export type Month = {
  /**
   * "2027-03".
   */
  month: string,
  values: Array<Valued>,
};

/**
 * A metric's key with its value.
 */
export type Valued = {
  key: MetricKey,
  /**
   * None when it cannot be computed (a share of nothing): shown as "—".
   */
  value: number | null,
  /**
   * How many observations it rests on (members, events, answers), for a share or a mean.
   */
  sample: number,
  /**
   * True when `sample` is below [`SMALL_SAMPLE`] for a share or a mean.
   */
  small: boolean,
};

/**
 * Who came to one event: first-timers and people who had come before.
 */
export type EventTurnout = {
  eventId: number,
  title: string,
  day: string,
  came: number,
  new: number,
  returning: number,
};

/**
 * The people whose first event was in one month, and the share of them who came to
 * another event within 30, 60 and 90 days of it (None until that many days have passed
 * for the whole cohort).
 */
export type Cohort = {
  month: string,
  size: number,
  within30: number | null,
  within60: number | null,
  within90: number | null,
  small: boolean,
};

/**
 * What an export wrote.
 */
export type MetricsExport = {
  path: string,
  /**
   * Metrics written, each over the range, the range before it and every month.
   */
  metrics: number,
};

/**
 * The members at each level at the end of one month (today, for the month under way).
 */
export type LevelMonth = {
  /**
   * "2027-03".
   */
  month: string,
  /**
   * The day counted: the month's last, or today for the month under way.
   */
  day: string,
  advocate: number,
  contributor: number,
  participant: number,
  observer: number,
};

/**
 * A recorded series with its points, oldest first.
 */
export type MetricSeries = {
  id: number,
  uid: string,
  communityId: number,
  name: string,
  category: MetricCategory,
  unit: string,
  /**
   * The platform whose member count this is, while it exists.
   */
  platformId: number | null,
  points: Array<MetricPoint>,
};

/**
 * One value of a series, on one day.
 */
export type MetricPoint = {
  id: number,
  onDay: string,
  value: number,
  note: string,
};

/**
 * A series as typed.
 */
export type MetricSeriesInput = {
  name: string,
  category: string,
  unit: string,
};

/**
 * A point as typed: the value as text, so "4,5" and "1 200" get core's reading, and
 * "many" gets core's answer under the field.
 */
export type MetricPointInput = {
  /**
   * `YYYY-MM-DD`; empty means today in the community's time zone.
   */
  onDay: string,
  value: string,
  note: string,
};

/**
 * A goal with its progress as of `today`.
 */
export type Goal = {
  id: number,
  uid: string,
  communityId: number,
  /**
   * The computed metric it is on, or None for a recorded series.
   */
  metric: MetricKey | null,
  seriesId: number | null,
  /**
   * The series' name and unit, for a goal on a series.
   */
  seriesName: string | null,
  seriesUnit: string | null,
  /**
   * How its values read: the metric's unit; a series counts in its own unit.
   */
  unit: MetricUnit,
  direction: GoalDirection,
  /**
   * In the metric's own terms: a share as 0–1, even though it is typed as a percentage.
   */
  target: number,
  setOn: string,
  dueOn: string,
  expectedResult: string,
  today: string,
  progress: GoalProgress,
};

/**
 * A goal as typed.
 */
export type GoalInput = {
  /**
   * A computed metric's key; empty when `series_id` is given.
   */
  metric: string,
  seriesId?: number,
  /**
   * `at_least` or `at_most`; empty takes the metric's own way (lower is better for
   * no-shows).
   */
  direction: string,
  /**
   * As typed; a share (engagement, no-shows) in percent.
   */
  target: string,
  /**
   * `YYYY-MM-DD`, today or later.
   */
  dueOn: string,
  expectedResult: string,
};

/**
 * Whether the target is a floor ("at least 50 members") or a ceiling ("no-shows at
 * most 10 %").
 */
export type GoalDirection = "at_least" | "at_most";

/**
 * Where a goal stands today: reached; keeping the pace to reach it by its due date;
 * behind that pace; past its due date unreached; or nothing to read yet.
 */
export type GoalStatus = "met" | "on_track" | "behind" | "missed" | "no_data";

/**
 * How far a goal has come.
 */
export type GoalProgress = {
  /**
   * The value on the day the goal was set, or the first one read after it (None:
   * nothing to read yet).
   */
  start: number | null,
  /**
   * The value today; once the due date has passed, the value on it.
   */
  current: number | null,
  /**
   * Where the pace from start to target puts the value today.
   */
  expected: number | null,
  /**
   * The share of the way from start to target covered, 0 to 1.
   */
  share: number | null,
  status: GoalStatus,
};

/**
 * One record of the log.
 */
export type Impact = {
  id: number,
  uid: string,
  /**
   * Null once the member was forgotten.
   */
  memberId: number | null,
  kind: ImpactKind,
  occurredOn: string,
  note: string,
};

/**
 * A record as typed.
 */
export type ImpactInput = {
  kind: string,
  /**
   * `YYYY-MM-DD`; empty means today in the community's time zone.
   */
  occurredOn: string,
  note: string,
};

/**
 * The kinds of impact the source note names.
 */
export type ImpactKind = "career_growth" | "joint_project" | "recommendation" | "new_skill";
