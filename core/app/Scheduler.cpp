#include "core/app/Scheduler.h"

#include "core/app/Settings.h"

#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace tapedeck {

Scheduler::Scheduler(Settings &settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_clock(std::make_shared<ScheduleClock>()),
      m_runner(std::make_unique<ScheduleRunner>(*m_clock)), m_schedules(loadSchedules(settings)),
      m_timer(new QTimer(this))
{
    qRegisterMetaType<tapedeck::ScheduleAction>();
    // Once a second: a start is at most a second late while awake, and a
    // resume from sleep is noticed at the first look after it.
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &Scheduler::checkNow);
    m_timer->start();
    m_lastNext = next();
}

Scheduler::~Scheduler()
{
    // A clean end (quit, logout): the runs in progress ended with Tapedeck
    // and are not started again at the next start. After a crash this never
    // ran, the marks are still saved, and the next start records the rest.
    if (m_keepRuns)
        return;
    bool any = false;
    for (Schedule &s : m_schedules) {
        any = any || s.runningUntil.isValid();
        s.runningUntil = QDateTime();
    }
    if (any) {
        saveSchedules(m_settings, m_schedules);
        m_settings.sync();
    }
}

void Scheduler::releaseRun(const QString &sourceId)
{
    if (clearRunning(m_schedules, sourceId)) {
        saveSchedules(m_settings, m_schedules);
        m_settings.sync();
    }
}

void Scheduler::setClock(std::shared_ptr<ScheduleClock> clock)
{
    m_clock = clock ? std::move(clock) : std::make_shared<ScheduleClock>();
    m_runner = std::make_unique<ScheduleRunner>(*m_clock);
    m_lastNext = next();
    emit changed();
}

void Scheduler::setSchedules(std::vector<Schedule> schedules)
{
    const QDateTime now = m_clock->nowUtc();
    for (Schedule &s : schedules) {
        if (s.id.isEmpty())
            s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto old =
            std::find_if(m_schedules.begin(), m_schedules.end(), [&s](const Schedule &o) { return o.id == s.id; });
        if (old != m_schedules.end())
            s.runningUntil = old->runningUntil; // its run goes on (the runner keeps it)
        if (old == m_schedules.end() || !old->sameTiming(s)) {
            s.notBefore = now;
            // A changed once-schedule may run again; a weekly one keeps today's run if it had it.
            if (s.once())
                s.lastHandled = QDate();
        } else {
            s.notBefore = old->notBefore;
            s.lastHandled = old->lastHandled;
        }
    }
    m_schedules = std::move(schedules);
    saveSchedules(m_settings, m_schedules);
    m_settings.sync();
    m_lastNext = next();
    emit changed();
}

std::optional<Occurrence> Scheduler::next() const { return nextOfAll(m_schedules, m_clock->nowUtc(), m_clock->zone()); }

bool Scheduler::hasPending() const
{
    if (next())
        return true;
    for (const Schedule &s : m_schedules)
        if (m_runner->isActive(s.sourceId))
            return true;
    return false;
}

void Scheduler::recordingEnded(const QString &sourceId)
{
    m_runner->recordingEnded(sourceId);
    releaseRun(sourceId);
}

std::optional<qint64> Scheduler::recordingFailed(const QString &sourceId)
{
    const std::optional<qint64> wait = m_runner->recordingFailed(sourceId);
    if (!wait) {
        releaseRun(sourceId);
        emit changed(); // nothing more to do for this run
    }
    return wait;
}

void Scheduler::checkNow()
{
    bool handled = false;
    const std::vector<ScheduleAction> actions = m_runner->tick(m_schedules, &handled);
    if (handled) {
        saveSchedules(m_settings, m_schedules);
        m_settings.sync();
    }
    for (const ScheduleAction &a : actions)
        emit actionDue(a);
    const std::optional<Occurrence> n = next();
    const bool moved = n.has_value() != m_lastNext.has_value()
        || (n && (n->scheduleId != m_lastNext->scheduleId || n->start != m_lastNext->start));
    m_lastNext = n;
    if (moved || handled)
        emit changed();
}

} // namespace tapedeck
