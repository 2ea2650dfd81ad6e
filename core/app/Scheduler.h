#pragma once
// The clockwork around ScheduleRunner (core/app/Schedule.h): looks once a
// second, saves what it handled, and says what is due. It starts nothing
// itself: a front end resolves the source (secrets, options) and records it,
// and tells the scheduler when such a recording ended early. It lives as long
// as the application (not a window), so a window rebuilt for a language
// switch keeps its scheduled recordings and their stop times.

#include "core/app/Schedule.h"

#include <QObject>

#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace tapedeck {

class Settings;

class Scheduler : public QObject {
    Q_OBJECT
public:
    explicit Scheduler(Settings &settings, QObject *parent = nullptr);
    ~Scheduler() override;

    // Tests: another clock (the system's by default). Forgets the runs in progress.
    void setClock(std::shared_ptr<ScheduleClock> clock);
    const ScheduleClock &clock() const { return *m_clock; }

    const std::vector<Schedule> &schedules() const { return m_schedules; }
    // Replaces the list and saves it. A new schedule, or one whose times
    // changed, gets an id and counts from now: what it would have recorded
    // before it was saved is not reported as missed.
    void setSchedules(std::vector<Schedule> schedules);
    // The first enabled schedule's next start after now.
    std::optional<Occurrence> next() const;
    // Something is still to happen: a start ahead or a scheduled recording running.
    bool hasPending() const;
    // Whether a scheduled recording of `sourceId` runs, and until when.
    bool isActive(const QString &sourceId) const { return m_runner->isActive(sourceId); }
    QDateTime activeStop(const QString &sourceId) const { return m_runner->activeStop(sourceId); }
    // The recording a schedule started was stopped by hand: the schedule lets go.
    void recordingEnded(const QString &sourceId);
    // It failed (or its stream went away for good) before the stop time:
    // the wait until actionDue(Restart), or nothing when the stop comes first
    // (ScheduleRunner::recordingFailed).
    std::optional<qint64> recordingFailed(const QString &sourceId);
    int restarts(const QString &sourceId) const { return m_runner->restarts(sourceId); }
    // Looks now instead of at the next second (tests, after a resume).
    void checkNow();
    // Tapedeck is ended by the system (SIGTERM at a logout or shutdown), not
    // by the user: the runs in progress keep their mark and go on at the
    // next start, as after a crash. By default, the end of the Scheduler (a
    // Quit) lets them go.
    void keepRunsForNextStart() { m_keepRuns = true; }

signals:
    // Missed, Start, Extend, Restart and Stop, in that order within one look.
    void actionDue(const tapedeck::ScheduleAction &action);
    // The list, or the next start, changed (the tray shows the next one).
    void changed();

private:
    // The source's run is over: its schedules' "recording" mark is cleared and saved.
    void releaseRun(const QString &sourceId);

    Settings &m_settings;
    std::shared_ptr<ScheduleClock> m_clock;
    std::unique_ptr<ScheduleRunner> m_runner;
    std::vector<Schedule> m_schedules;
    QTimer *m_timer;
    std::optional<Occurrence> m_lastNext;
    bool m_keepRuns = false;
};

} // namespace tapedeck

Q_DECLARE_METATYPE(tapedeck::ScheduleAction)
