#pragma once
// Scheduled recordings (docs/schedules.md): a source records from a start
// time to a stop time (or for a duration), once on a date or on chosen
// weekdays. Everything here is pure: the clock and the time zone come in,
// what to do comes out, so the rules can be tested across DST changes, clock
// jumps and time-zone moves without waiting for them.
//
// Times are local wall times ("09:00 every Monday" means 09:00 on the wall
// clock, whatever the UTC offset is that day). Each occurrence is computed
// from its own date with QTimeZone, never by adding 24 h to the previous one,
// so a DST change neither shifts nor repeats a schedule:
//  - a start in the spring-forward gap (02:30 when 02:00 jumps to 03:00)
//    starts at the moment of the jump;
//  - a start in the autumn fold (02:30 happens twice) starts at the first
//    02:30 only.
// A schedule has at most one occurrence per local date, and remembers the
// date of the last one it handled (started or reported missed): an
// occurrence never fires twice, even when the clock is set back or the time
// zone changes so that its wall time comes round again.

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QTime>
#include <QTimeZone>

#include <optional>
#include <vector>

namespace tapedeck {

class Settings;

enum class ScheduleStop { AtTime, After };

struct Schedule {
    QString id;       // stable, generated when it is made
    QString sourceId; // the source it records (an id of the studio's sources; never a URL)
    bool enabled = true;
    QTime start; // local wall time
    ScheduleStop stopKind = ScheduleStop::AtTime;
    QTime stop;                // AtTime: local wall time (at or before start: the next day)
    qint64 durationSec = 3600; // After: how long
    QDate onceDate;            // valid: once on that date; otherwise on `weekdays`
    int weekdays = 0;          // bit (d - 1) for Qt::DayOfWeek d (Monday = bit 0)
    QDate lastHandled;         // the date of the last occurrence started or reported missed
    QDateTime notBefore;       // occurrences starting earlier are not its own (made or changed then)
    // A run of it is recording until then (saved as soon as it starts,
    // cleared when it stops, is stopped by hand, gives up or Tapedeck
    // quits): still set when Tapedeck starts, the run was cut short by a
    // crash (or a power cut) and starts again if its stop is ahead.
    QDateTime runningUntil;

    bool once() const { return onceDate.isValid(); }
    bool onDay(QDate date) const;
    // A once-schedule whose occurrence was started or missed.
    bool done() const { return once() && lastHandled.isValid() && lastHandled >= onceDate; }
    // Whether a, b start and stop alike (an edit that changes these is a new schedule for missed starts).
    bool sameTiming(const Schedule &other) const;
};

inline int weekdayBit(int dayOfWeek) { return 1 << (dayOfWeek - 1); }
inline constexpr int kEveryDay = 0x7f;
inline constexpr int kMondayToFriday = 0x1f;

// One run of a schedule: start and stop as instants (UTC).
struct Occurrence {
    QString scheduleId;
    QString sourceId;
    QDate date; // the local date it belongs to
    QDateTime start;
    QDateTime stop;
};

// The instant the wall clock of `zone` shows `time` on `date`: the first of
// two in a fold, the end of the gap when the time is skipped.
QDateTime wallToInstant(QDate date, QTime time, const QTimeZone &zone);

// The occurrence of `s` on local `date`, if it has one (disabled schedules too).
std::optional<Occurrence> occurrenceOn(const Schedule &s, QDate date, const QTimeZone &zone);
// The first occurrence of `s` starting after `after`, within `searchDays`.
std::optional<Occurrence> nextOccurrence(const Schedule &s, const QDateTime &after, const QTimeZone &zone,
                                         int searchDays = 400);
// The first of all enabled schedules' next occurrences (the tray shows it).
std::optional<Occurrence> nextOfAll(const std::vector<Schedule> &schedules, const QDateTime &after,
                                    const QTimeZone &zone);

std::vector<Schedule> loadSchedules(const Settings &settings);
// Clears the "recording" mark of the source's schedules (their run is over);
// whether one was set.
bool clearRunning(std::vector<Schedule> &schedules, const QString &sourceId);
void saveSchedules(Settings &settings, const std::vector<Schedule> &schedules);

// The scheduler's view of time. monotonicMs does not count a suspend (Linux
// CLOCK_MONOTONIC), so wall time racing ahead of it means the machine slept
// (or its clock was set forward).
class ScheduleClock {
public:
    virtual ~ScheduleClock() = default;
    virtual QDateTime nowUtc() const;
    virtual qint64 monotonicMs() const;
    virtual QTimeZone zone() const;
};

// Why a scheduled start came late.
enum class LateReason {
    None,            // on time
    Asleep,          // the wall clock jumped ahead of the monotonic clock: the computer slept
    NotRunning,      // the start passed before Tapedeck was started
    TimeZoneChanged, // the wall time came round sooner because the zone changed
    Delayed,         // Tapedeck itself was slow to look (a very busy machine)
    Interrupted,     // Tapedeck ended during the run (a crash, a power cut): the rest of it is recorded
};

struct ScheduleAction {
    // Restart: the recording a schedule started failed before its stop
    // time; it is started again (into new files) after a back-off.
    enum class Kind { Start, Extend, Stop, Missed, Restart };
    Kind kind = Kind::Start;
    Occurrence occurrence; // Stop, Restart: the source and the stop instant (sourceId, stop)
    qint64 lateBySec = 0;  // Start: how late (0 when on time)
    LateReason reason = LateReason::None;
    int missedCount = 1; // Missed: occurrences of this schedule missed together (the latest is `occurrence`)
    int restart = 0;     // Restart: 1 for the first restart of this run, 2 for the second...
};

// The decisions, one tick at a time. It keeps which source the schedules
// are recording and until when; which dates were handled lives in the
// schedules themselves (saved with them).
class ScheduleRunner {
public:
    // A start later than this is reported as late.
    static constexpr qint64 kGraceSec = 60;
    // A wall-clock step this much ahead of the monotonic clock is a sleep (or a clock change).
    static constexpr qint64 kJumpSec = 30;
    // Missed starts are looked for this many days back.
    static constexpr int kLookBackDays = 8;

    explicit ScheduleRunner(const ScheduleClock &clock) : m_clock(clock) {}

    // What is due now. Updates the schedules' lastHandled (the caller saves
    // them when `changed` comes back true).
    std::vector<ScheduleAction> tick(std::vector<Schedule> &schedules, bool *changed = nullptr);
    // Restarts after a failure wait kRetryFirstSec, doubling up to
    // kRetryMaxSec; a restart that recorded kRetryHealthySec counts from
    // the first wait again.
    static constexpr qint64 kRetryFirstSec = 5;
    static constexpr qint64 kRetryMaxSec = 60;
    static constexpr qint64 kRetryHealthySec = 120;
    // The wait before the n-th restart in a row (n >= 1).
    static qint64 retryDelaySec(int n);

    // A recording the schedules started ended by itself (stopped by hand):
    // the schedule lets go of it until its next occurrence.
    void recordingEnded(const QString &sourceId)
    {
        m_active.remove(sourceId);
        m_retry.remove(sourceId);
    }
    // The recording a schedule started failed (or its stream went away for
    // good) before the stop time: it is restarted after a back-off, while
    // the stop time is ahead. Returns the wait in seconds, or nothing when
    // the stop comes first (the schedule then lets go, as recordingEnded).
    std::optional<qint64> recordingFailed(const QString &sourceId);
    // Restarts of the source's current scheduled run so far.
    int restarts(const QString &sourceId) const { return m_retry.value(sourceId).count; }
    // The stop instant of the source's scheduled recording (invalid: none).
    QDateTime activeStop(const QString &sourceId) const { return m_active.value(sourceId); }
    bool isActive(const QString &sourceId) const { return m_active.contains(sourceId); }

private:
    const ScheduleClock &m_clock;
    QHash<QString, QDateTime> m_active; // source id -> when its scheduled recording stops
    struct Retry {
        int count = 0;       // restarts of this run so far
        int inRow = 0;       // failures since the last healthy stretch (sets the wait)
        QDateTime due;       // when the next restart is due (invalid: none pending)
        QDateTime startedAt; // when the last (re)start was asked for
    };
    QHash<QString, Retry> m_retry; // source id -> restarts of its scheduled run
    bool m_first = true;
    QDateTime m_lastWall;
    qint64 m_lastMono = 0;
    QByteArray m_lastZone;
};

} // namespace tapedeck
