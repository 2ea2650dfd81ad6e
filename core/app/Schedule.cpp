#include "core/app/Schedule.h"

#include "core/app/Settings.h"

#include <QElapsedTimer>
#include <QVariantMap>

#include <algorithm>

namespace tapedeck {

namespace {

QDateTime utcAt(qint64 secs) { return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC); }

const QString kTimeFormat = QStringLiteral("HH:mm:ss");

} // namespace

bool Schedule::onDay(QDate date) const
{
    if (once())
        return date == onceDate;
    return (weekdays & weekdayBit(date.dayOfWeek())) != 0;
}

bool Schedule::sameTiming(const Schedule &o) const
{
    return sourceId == o.sourceId && enabled == o.enabled && start == o.start && stopKind == o.stopKind
        && (stopKind == ScheduleStop::AtTime ? stop == o.stop : durationSec == o.durationSec) && onceDate == o.onceDate
        && (once() || weekdays == o.weekdays);
}

QDateTime wallToInstant(QDate date, QTime time, const QTimeZone &zone)
{
    // The wall time read as if it were UTC; each candidate instant is that
    // minus an offset in force near it. Transitions are months apart, so the
    // offsets half a day either side are the only candidates.
    const qint64 wall = QDateTime(date, time, Qt::UTC).toSecsSinceEpoch();
    const int before = zone.offsetFromUtc(utcAt(wall - 12 * 3600));
    const int after = zone.offsetFromUtc(utcAt(wall + 12 * 3600));
    std::optional<qint64> first;
    for (int offset : {before, after}) {
        const qint64 instant = wall - offset;
        if (zone.offsetFromUtc(utcAt(instant)) == offset)
            first = first ? std::min(*first, instant) : instant;
    }
    if (first) // one instant, or the earlier of the two in a fold
        return utcAt(*first);
    // Skipped by a spring-forward: the moment the clock jumps past it.
    if (zone.hasTransitions()) {
        const QTimeZone::OffsetData t = zone.nextTransition(utcAt(wall - std::max(before, after)));
        if (t.atUtc.isValid())
            return t.atUtc.toUTC();
    }
    return utcAt(wall - before);
}

std::optional<Occurrence> occurrenceOn(const Schedule &s, QDate date, const QTimeZone &zone)
{
    if (!s.start.isValid() || !date.isValid() || !s.onDay(date))
        return std::nullopt;
    Occurrence o;
    o.scheduleId = s.id;
    o.sourceId = s.sourceId;
    o.date = date;
    o.start = wallToInstant(date, s.start, zone);
    if (s.stopKind == ScheduleStop::AtTime && s.stop.isValid())
        o.stop = wallToInstant(s.stop > s.start ? date : date.addDays(1), s.stop, zone);
    else
        o.stop = o.start.addSecs(std::max<qint64>(1, s.durationSec));
    if (o.stop <= o.start) // a stop inside a fold can land before its start; never a zero-length run
        o.stop = o.start.addSecs(1);
    return o;
}

std::optional<Occurrence> nextOccurrence(const Schedule &s, const QDateTime &after, const QTimeZone &zone,
                                         int searchDays)
{
    const QDate from = after.toTimeZone(zone).date().addDays(-1);
    for (int i = 0; i <= searchDays + 1; ++i) {
        const QDate d = from.addDays(i);
        if (s.lastHandled.isValid() && d <= s.lastHandled)
            continue;
        if (s.once() && d > s.onceDate)
            break;
        if (const std::optional<Occurrence> o = occurrenceOn(s, d, zone); o && o->start > after)
            return o;
    }
    return std::nullopt;
}

std::optional<Occurrence> nextOfAll(const std::vector<Schedule> &schedules, const QDateTime &after,
                                    const QTimeZone &zone)
{
    std::optional<Occurrence> best;
    for (const Schedule &s : schedules) {
        if (!s.enabled || s.done())
            continue;
        if (const std::optional<Occurrence> o = nextOccurrence(s, after, zone); o && (!best || o->start < best->start))
            best = o;
    }
    return best;
}

std::vector<Schedule> loadSchedules(const Settings &settings)
{
    std::vector<Schedule> out;
    for (const QVariant &v : settings.jsonValue(SettingKey::Schedules).toList()) {
        const QVariantMap m = v.toMap();
        Schedule s;
        s.id = m.value(QStringLiteral("id")).toString();
        s.sourceId = m.value(QStringLiteral("source")).toString();
        s.enabled = m.value(QStringLiteral("enabled"), true).toBool();
        s.start = QTime::fromString(m.value(QStringLiteral("start")).toString(), kTimeFormat);
        s.stopKind = m.value(QStringLiteral("stopKind")).toString() == QLatin1String("after") ? ScheduleStop::After
                                                                                              : ScheduleStop::AtTime;
        s.stop = QTime::fromString(m.value(QStringLiteral("stop")).toString(), kTimeFormat);
        s.durationSec = std::max<qint64>(1, m.value(QStringLiteral("durationSec"), 3600).toLongLong());
        s.onceDate = QDate::fromString(m.value(QStringLiteral("once")).toString(), Qt::ISODate);
        s.weekdays = m.value(QStringLiteral("weekdays")).toInt() & kEveryDay;
        s.lastHandled = QDate::fromString(m.value(QStringLiteral("lastHandled")).toString(), Qt::ISODate);
        s.notBefore = QDateTime::fromString(m.value(QStringLiteral("notBefore")).toString(), Qt::ISODateWithMs);
        s.runningUntil = QDateTime::fromString(m.value(QStringLiteral("runningUntil")).toString(), Qt::ISODateWithMs);
        if (s.id.isEmpty() || s.sourceId.isEmpty() || !s.start.isValid())
            continue; // not one of ours (hand-edited): ignored, not guessed at
        out.push_back(s);
    }
    return out;
}

void saveSchedules(Settings &settings, const std::vector<Schedule> &schedules)
{
    QVariantList list;
    for (const Schedule &s : schedules) {
        QVariantMap m{
            {QStringLiteral("id"), s.id},
            {QStringLiteral("source"), s.sourceId},
            {QStringLiteral("enabled"), s.enabled},
            {QStringLiteral("start"), s.start.toString(kTimeFormat)},
            {QStringLiteral("stopKind"),
             s.stopKind == ScheduleStop::After ? QStringLiteral("after") : QStringLiteral("at")},
            {QStringLiteral("stop"), s.stop.isValid() ? s.stop.toString(kTimeFormat) : QString()},
            {QStringLiteral("durationSec"), s.durationSec},
            {QStringLiteral("weekdays"), s.weekdays},
        };
        if (s.onceDate.isValid())
            m.insert(QStringLiteral("once"), s.onceDate.toString(Qt::ISODate));
        if (s.lastHandled.isValid())
            m.insert(QStringLiteral("lastHandled"), s.lastHandled.toString(Qt::ISODate));
        if (s.notBefore.isValid())
            m.insert(QStringLiteral("notBefore"), s.notBefore.toUTC().toString(Qt::ISODateWithMs));
        if (s.runningUntil.isValid())
            m.insert(QStringLiteral("runningUntil"), s.runningUntil.toUTC().toString(Qt::ISODateWithMs));
        list << m;
    }
    settings.setJsonValue(SettingKey::Schedules, list);
}

QDateTime ScheduleClock::nowUtc() const { return QDateTime::currentDateTimeUtc(); }

qint64 ScheduleClock::monotonicMs() const
{
    // QElapsedTimer's reference is CLOCK_MONOTONIC on Linux, which stands
    // still while the machine is suspended.
    QElapsedTimer t;
    t.start();
    return t.msecsSinceReference();
}

QTimeZone ScheduleClock::zone() const { return QTimeZone::systemTimeZone(); }

bool clearRunning(std::vector<Schedule> &schedules, const QString &sourceId)
{
    bool any = false;
    for (Schedule &s : schedules)
        if (s.sourceId == sourceId && s.runningUntil.isValid()) {
            s.runningUntil = QDateTime();
            any = true;
        }
    return any;
}

qint64 ScheduleRunner::retryDelaySec(int n)
{
    qint64 wait = kRetryFirstSec;
    for (int i = 1; i < n && wait < kRetryMaxSec; ++i)
        wait *= 2;
    return std::min(wait, kRetryMaxSec);
}

std::optional<qint64> ScheduleRunner::recordingFailed(const QString &sourceId)
{
    if (!m_active.contains(sourceId))
        return std::nullopt;
    const QDateTime now = m_clock.nowUtc();
    Retry &r = m_retry[sourceId];
    // A restart that recorded for a good while failed on its own account:
    // its wait starts short again, so a rare drop costs seconds, not a minute.
    if (r.startedAt.isValid() && r.startedAt.secsTo(now) >= kRetryHealthySec)
        r.inRow = 0;
    ++r.inRow;
    const qint64 wait = retryDelaySec(r.inRow);
    const QDateTime due = now.addSecs(wait);
    if (due >= m_active.value(sourceId)) {
        recordingEnded(sourceId);
        return std::nullopt;
    }
    r.due = due;
    return wait;
}

std::vector<ScheduleAction> ScheduleRunner::tick(std::vector<Schedule> &schedules, bool *changed)
{
    const QDateTime now = m_clock.nowUtc();
    const qint64 mono = m_clock.monotonicMs();
    const QTimeZone zone = m_clock.zone();
    if (changed)
        *changed = false;

    // Why whatever became due since the last look is late, if it is.
    LateReason why = LateReason::Delayed;
    if (m_first)
        why = LateReason::NotRunning;
    else if (m_lastWall.secsTo(now) - (mono - m_lastMono) / 1000 > kJumpSec)
        why = LateReason::Asleep;
    else if (zone.id() != m_lastZone)
        why = LateReason::TimeZoneChanged;

    std::vector<ScheduleAction> out;
    struct Due {
        Occurrence occurrence;
        bool madeDuringIt = false; // the schedule was saved while this run was on
        bool resumed = false;      // a run Tapedeck's end cut short: the rest of it
    };
    std::vector<Due> due;
    const QDate today = now.toTimeZone(zone).date();
    // At the first look: a run still marked as recording was cut short by
    // Tapedeck's end (a clean quit clears the mark). Its rest is recorded
    // while its stop is ahead; a mark whose stop has passed is dropped.
    if (m_first) {
        for (Schedule &s : schedules) {
            if (!s.runningUntil.isValid())
                continue;
            if (s.enabled && s.runningUntil > now) {
                Occurrence o;
                o.scheduleId = s.id;
                o.sourceId = s.sourceId;
                o.date = s.lastHandled;
                o.stop = s.runningUntil;
                if (const std::optional<Occurrence> own = occurrenceOn(s, s.lastHandled, zone);
                    own && own->stop == s.runningUntil)
                    o.start = own->start;
                due.push_back(Due{o, false, true});
            } else {
                s.runningUntil = QDateTime();
                if (changed)
                    *changed = true;
            }
        }
    }
    for (Schedule &s : schedules) {
        if (!s.enabled)
            continue;
        std::optional<Due> start;
        std::optional<Occurrence> lastMissed;
        int missed = 0;
        for (QDate d = today.addDays(-kLookBackDays); d <= today; d = d.addDays(1)) {
            if (s.lastHandled.isValid() && d <= s.lastHandled)
                continue;
            const std::optional<Occurrence> o = occurrenceOn(s, d, zone);
            if (!o || o->start > now)
                continue;
            const bool before = s.notBefore.isValid() && o->start < s.notBefore;
            if (before && o->stop <= s.notBefore)
                continue; // over before the schedule existed: neither started nor missed
            s.lastHandled = d;
            if (changed)
                *changed = true;
            if (o->stop <= now) {
                ++missed;
                lastMissed = o;
            } else {
                start = Due{*o, before};
            }
        }
        if (lastMissed) {
            ScheduleAction a;
            a.kind = ScheduleAction::Kind::Missed;
            a.occurrence = *lastMissed;
            a.lateBySec = lastMissed->start.secsTo(now);
            a.reason = why;
            a.missedCount = missed;
            out.push_back(a);
        }
        if (start)
            due.push_back(*start);
    }

    // Starts before stops: a run that takes over from one ending now on the
    // same source extends that recording rather than closing and reopening it.
    std::sort(due.begin(), due.end(),
              [](const Due &a, const Due &b) { return a.occurrence.start < b.occurrence.start; });
    const auto markRunning = [&schedules, changed](const QString &scheduleId, const QDateTime &until) {
        for (Schedule &s : schedules)
            if (s.id == scheduleId && s.runningUntil != until) {
                s.runningUntil = until;
                if (changed)
                    *changed = true;
            }
    };
    for (const Due &d : due) {
        ScheduleAction a;
        a.occurrence = d.occurrence;
        if (d.resumed) {
            a.reason = LateReason::Interrupted;
        } else {
            a.lateBySec = d.madeDuringIt ? 0 : d.occurrence.start.secsTo(now);
            a.reason = a.lateBySec > kGraceSec ? why : LateReason::None;
            if (a.reason == LateReason::None)
                a.lateBySec = 0;
        }
        markRunning(d.occurrence.scheduleId, d.occurrence.stop);
        const QString &source = d.occurrence.sourceId;
        if (m_active.contains(source)) {
            // Two schedules of one source overlap: one recording, to the later stop.
            if (d.occurrence.stop <= m_active.value(source))
                continue;
            m_active.insert(source, d.occurrence.stop);
            a.kind = ScheduleAction::Kind::Extend;
        } else {
            m_active.insert(source, d.occurrence.stop);
            m_retry.remove(source); // a new run counts its own restarts
            a.kind = ScheduleAction::Kind::Start;
        }
        out.push_back(a);
    }

    // Failed runs whose wait is over start again, while their stop is ahead.
    for (auto it = m_retry.begin(); it != m_retry.end(); ++it) {
        Retry &r = it.value();
        if (!r.due.isValid() || r.due > now || !m_active.contains(it.key()) || m_active.value(it.key()) <= now)
            continue;
        r.due = QDateTime();
        r.startedAt = now;
        ++r.count;
        ScheduleAction a;
        a.kind = ScheduleAction::Kind::Restart;
        a.occurrence.sourceId = it.key();
        a.occurrence.stop = m_active.value(it.key());
        a.restart = r.count;
        out.push_back(a);
    }

    for (auto it = m_active.begin(); it != m_active.end();) {
        if (it.value() > now) {
            ++it;
            continue;
        }
        ScheduleAction a;
        a.kind = ScheduleAction::Kind::Stop;
        a.occurrence.sourceId = it.key();
        a.occurrence.stop = it.value();
        out.push_back(a);
        if (clearRunning(schedules, it.key()) && changed)
            *changed = true;
        m_retry.remove(it.key());
        it = m_active.erase(it);
    }

    m_first = false;
    m_lastWall = now;
    m_lastMono = mono;
    m_lastZone = zone.id();
    return out;
}

} // namespace tapedeck
