// Scheduled recordings' rules (core/app/Schedule.h) with a clock the test
// moves: weekdays, once, both DST changes of Europe/Berlin, a sleep that
// jumps the wall clock, a start before Tapedeck ran, a time-zone move, and
// two schedules of one source that overlap.
#include "core/app/Schedule.h"
#include "core/app/Scheduler.h"
#include "core/app/Settings.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

class FakeClock : public ScheduleClock {
public:
    QDateTime wall;
    qint64 mono = 0;
    QTimeZone tz = QTimeZone("Europe/Berlin");
    QDateTime nowUtc() const override { return wall; }
    qint64 monotonicMs() const override { return mono; }
    QTimeZone zone() const override { return tz; }
    // Time passes awake: both clocks move.
    void advance(qint64 secs)
    {
        wall = wall.addSecs(secs);
        mono += secs * 1000;
    }
};

QTimeZone berlin() { return QTimeZone("Europe/Berlin"); }

QDateTime local(int y, int m, int d, int h, int min, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s), berlin()).toUTC();
}

QDateTime utc(int y, int m, int d, int h, int min, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s), Qt::UTC);
}

Schedule daily(const QString &id, QTime start, QTime stop, const QString &source = QStringLiteral("demo"))
{
    Schedule s;
    s.id = id;
    s.sourceId = source;
    s.start = start;
    s.stop = stop;
    s.weekdays = kEveryDay;
    return s; // notBefore: when the test begins (run(), or by hand)
}

// Made when the test begins: what came before is not its own.
void madeAt(std::vector<Schedule> &schedules, const QDateTime &when)
{
    for (Schedule &s : schedules)
        if (!s.notBefore.isValid())
            s.notBefore = when;
}

struct Seen {
    ScheduleAction action;
    QDateTime at;
};

// Ticks from `from` to `to` every `stepSec`, awake, collecting every action.
std::vector<Seen> run(FakeClock &clock, ScheduleRunner &runner, std::vector<Schedule> &schedules, QDateTime from,
                      const QDateTime &to, qint64 stepSec)
{
    std::vector<Seen> out;
    madeAt(schedules, from);
    clock.wall = from;
    while (clock.wall <= to) {
        for (const ScheduleAction &a : runner.tick(schedules))
            out.push_back({a, clock.wall});
        clock.advance(stepSec);
    }
    return out;
}

std::vector<Seen> only(const std::vector<Seen> &all, ScheduleAction::Kind kind)
{
    std::vector<Seen> out;
    for (const Seen &s : all)
        if (s.action.kind == kind)
            out.push_back(s);
    return out;
}

QString list(const std::vector<Seen> &all)
{
    QStringList out;
    for (const Seen &s : all)
        out << QStringLiteral("%1@%2(start %3 stop %4)")
                   .arg(int(s.action.kind))
                   .arg(s.at.toString(Qt::ISODate), s.action.occurrence.start.toString(Qt::ISODate),
                        s.action.occurrence.stop.toString(Qt::ISODate));
    return out.join(QStringLiteral(", "));
}

} // namespace

class TestSchedule : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(berlin().isValid(), "the Europe/Berlin time zone is needed (tzdata)"); }

    void wallTimesAcrossDst()
    {
        // An ordinary winter and summer day.
        QCOMPARE(wallToInstant(QDate(2026, 12, 7), QTime(9, 0), berlin()), utc(2026, 12, 7, 8, 0));
        QCOMPARE(wallToInstant(QDate(2026, 7, 7), QTime(9, 0), berlin()), utc(2026, 7, 7, 7, 0));
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC). 02:30 does
        // not exist: the run starts when the clock jumps past it.
        QCOMPARE(wallToInstant(QDate(2026, 3, 29), QTime(2, 30), berlin()), utc(2026, 3, 29, 1, 0));
        QCOMPARE(wallToInstant(QDate(2026, 3, 29), QTime(3, 0), berlin()), utc(2026, 3, 29, 1, 0));
        // 2026-10-25: 03:00 CEST goes back to 02:00 CET (01:00 UTC). 02:30
        // happens at 00:30 and 01:30 UTC: the first one.
        QCOMPARE(wallToInstant(QDate(2026, 10, 25), QTime(2, 30), berlin()), utc(2026, 10, 25, 0, 30));
        QCOMPARE(wallToInstant(QDate(2026, 10, 25), QTime(3, 0), berlin()), utc(2026, 10, 25, 2, 0));
    }

    void weekdays()
    {
        Schedule s = daily(QStringLiteral("w"), QTime(9, 0), QTime(10, 0));
        s.weekdays = weekdayBit(Qt::Monday) | weekdayBit(Qt::Wednesday) | weekdayBit(Qt::Friday);
        QVERIFY(s.onDay(QDate(2026, 12, 7)));                    // Monday
        QVERIFY(!s.onDay(QDate(2026, 12, 8)));                   // Tuesday
        QVERIFY(!occurrenceOn(s, QDate(2026, 12, 6), berlin())); // Sunday
        // From Saturday noon: Monday 09:00 local.
        std::optional<Occurrence> o = nextOccurrence(s, local(2026, 12, 5, 12, 0), berlin());
        QVERIFY(o);
        QCOMPARE(o->start, local(2026, 12, 7, 9, 0));
        QCOMPARE(o->stop, local(2026, 12, 7, 10, 0));
        QCOMPARE(o->date, QDate(2026, 12, 7));
        // During Monday's run: Wednesday's.
        o = nextOccurrence(s, local(2026, 12, 7, 9, 30), berlin());
        QVERIFY(o);
        QCOMPARE(o->start, local(2026, 12, 9, 9, 0));
        // A stop at or before the start is the next day; a duration is a duration.
        Schedule night = daily(QStringLiteral("n"), QTime(23, 0), QTime(1, 0));
        o = occurrenceOn(night, QDate(2026, 12, 7), berlin());
        QCOMPARE(o->stop, local(2026, 12, 8, 1, 0));
        night.stopKind = ScheduleStop::After;
        night.durationSec = 90 * 60;
        o = occurrenceOn(night, QDate(2026, 12, 7), berlin());
        QCOMPARE(o->stop, local(2026, 12, 8, 0, 30));
        // The next of several: the earliest enabled one.
        Schedule off = daily(QStringLiteral("off"), QTime(6, 0), QTime(7, 0));
        off.enabled = false;
        const std::optional<Occurrence> n = nextOfAll({s, night, off}, local(2026, 12, 7, 12, 0), berlin());
        QVERIFY(n);
        QCOMPARE(n->scheduleId, QStringLiteral("n"));
    }

    void onceStartsAndStopsOnce()
    {
        FakeClock clock;
        ScheduleRunner runner(clock);
        Schedule s = daily(QStringLiteral("once"), QTime(10, 0, 0), QTime(10, 0, 5));
        s.weekdays = 0;
        s.onceDate = QDate(2026, 12, 2);
        std::vector<Schedule> all{s};
        const auto seen = run(clock, runner, all, local(2026, 12, 2, 9, 59, 50), local(2026, 12, 2, 10, 1), 1);
        QCOMPARE(seen.size(), size_t(2));
        QCOMPARE(seen[0].action.kind, ScheduleAction::Kind::Start);
        QCOMPARE(seen[0].at, local(2026, 12, 2, 10, 0, 0));
        QCOMPARE(seen[0].action.lateBySec, qint64(0));
        QCOMPARE(seen[0].action.reason, LateReason::None);
        QCOMPARE(seen[1].action.kind, ScheduleAction::Kind::Stop);
        QCOMPARE(seen[1].at, local(2026, 12, 2, 10, 0, 5));
        QVERIFY(all[0].done());
        QVERIFY(!nextOccurrence(all[0], local(2026, 12, 2, 10, 1), berlin()));
        // A day later nothing more.
        QVERIFY(run(clock, runner, all, local(2026, 12, 3, 9, 59), local(2026, 12, 3, 10, 1), 10).empty());
    }

    void dstForward()
    {
        FakeClock clock;
        ScheduleRunner runner(clock);
        std::vector<Schedule> all{daily(QStringLiteral("night"), QTime(2, 30), QTime(3, 30)),
                                  daily(QStringLiteral("morning"), QTime(9, 0), QTime(9, 30), QStringLiteral("b"))};
        const auto seen = run(clock, runner, all, local(2026, 3, 28, 0, 0), local(2026, 3, 30, 12, 0), 60);
        std::vector<QDateTime> nightStarts, morningStarts, nightStops;
        for (const Seen &s : seen) {
            if (s.action.kind == ScheduleAction::Kind::Start) {
                QCOMPARE(s.action.reason, LateReason::None);
                (s.action.occurrence.scheduleId == QLatin1String("night") ? nightStarts : morningStarts)
                    .push_back(s.at);
            } else if (s.action.kind == ScheduleAction::Kind::Stop
                       && s.action.occurrence.sourceId == QLatin1String("demo")) {
                nightStops.push_back(s.at);
            }
        }
        // 28th 02:30 CET, 29th at the jump (03:00 CEST), 30th 02:30 CEST: one each night.
        QCOMPARE(nightStarts,
                 (std::vector<QDateTime>{utc(2026, 3, 28, 1, 30), utc(2026, 3, 29, 1, 0), utc(2026, 3, 30, 0, 30)}));
        QCOMPARE(nightStops,
                 (std::vector<QDateTime>{utc(2026, 3, 28, 2, 30), utc(2026, 3, 29, 1, 30), utc(2026, 3, 30, 1, 30)}));
        // 09:00 on the wall every day, an hour earlier in UTC after the change.
        QCOMPARE(morningStarts,
                 (std::vector<QDateTime>{utc(2026, 3, 28, 8, 0), utc(2026, 3, 29, 7, 0), utc(2026, 3, 30, 7, 0)}));
        QVERIFY2(only(seen, ScheduleAction::Kind::Missed).empty(), qPrintable(list(seen)));
    }

    void dstBackward()
    {
        FakeClock clock;
        ScheduleRunner runner(clock);
        std::vector<Schedule> all{daily(QStringLiteral("night"), QTime(2, 30), QTime(3, 0))};
        const auto seen = run(clock, runner, all, local(2026, 10, 24, 12, 0), local(2026, 10, 26, 12, 0), 60);
        const auto starts = only(seen, ScheduleAction::Kind::Start);
        const auto stops = only(seen, ScheduleAction::Kind::Stop);
        // 02:30 comes twice on the 25th (00:30 and 01:30 UTC): it fires at the first only.
        QCOMPARE(starts.size(), size_t(2));
        QCOMPARE(starts[0].at, utc(2026, 10, 25, 0, 30));
        QCOMPARE(starts[1].at, utc(2026, 10, 26, 1, 30));
        QCOMPARE(stops.size(), size_t(2));
        QCOMPARE(stops[0].at, utc(2026, 10, 25, 2, 0)); // 03:00 CET, after both 02:30s
        QCOMPARE(stops[1].at, utc(2026, 10, 26, 2, 0));
        QCOMPARE(seen.size(), size_t(4));
    }

    void sleepJumpStartsLate()
    {
        FakeClock clock;
        ScheduleRunner runner(clock);
        std::vector<Schedule> all{daily(QStringLiteral("d"), QTime(9, 0), QTime(10, 0))};
        clock.wall = local(2026, 12, 2, 8, 59, 50);
        madeAt(all, clock.wall);
        QVERIFY(runner.tick(all).empty());
        // Asleep for 12 min 10 s: the monotonic clock moved one second.
        clock.wall = local(2026, 12, 2, 9, 12, 0);
        clock.mono += 1000;
        auto actions = runner.tick(all);
        QCOMPARE(actions.size(), size_t(1));
        QCOMPARE(actions[0].kind, ScheduleAction::Kind::Start);
        QCOMPARE(actions[0].lateBySec, qint64(12 * 60));
        QCOMPARE(actions[0].reason, LateReason::Asleep);
        QCOMPARE(actions[0].occurrence.stop, local(2026, 12, 2, 10, 0));
        QCOMPARE(runner.activeStop(QStringLiteral("demo")), local(2026, 12, 2, 10, 0));
        // Awake and a little slow: on time within the grace.
        clock.advance(5);
        QVERIFY(runner.tick(all).empty());
    }

    void sleepPastTheStopIsMissed()
    {
        FakeClock clock;
        ScheduleRunner runner(clock);
        std::vector<Schedule> all{daily(QStringLiteral("d"), QTime(9, 0), QTime(10, 0))};
        clock.wall = local(2026, 12, 2, 8, 59, 50);
        madeAt(all, clock.wall);
        QVERIFY(runner.tick(all).empty());
        clock.wall = local(2026, 12, 2, 10, 30, 0);
        clock.mono += 1000;
        bool changed = false;
        const auto actions = runner.tick(all, &changed);
        QCOMPARE(actions.size(), size_t(1));
        QCOMPARE(actions[0].kind, ScheduleAction::Kind::Missed);
        QCOMPARE(actions[0].reason, LateReason::Asleep);
        QCOMPARE(actions[0].occurrence.start, local(2026, 12, 2, 9, 0));
        QCOMPARE(actions[0].missedCount, 1);
        QVERIFY(changed);
        QCOMPARE(all[0].lastHandled, QDate(2026, 12, 2));
        QVERIFY(!runner.isActive(QStringLiteral("demo")));
        // Said once.
        clock.advance(1);
        QVERIFY(runner.tick(all).empty());
    }

    void notRunningAtTheStart()
    {
        FakeClock clock;
        clock.wall = local(2026, 12, 2, 9, 20, 0);
        std::vector<Schedule> all{daily(QStringLiteral("d"), QTime(9, 0), QTime(10, 0))};
        all[0].lastHandled = QDate(2026, 11, 30); // the 1st was missed too, while Tapedeck was off
        ScheduleRunner runner(clock);
        const auto actions = runner.tick(all);
        QCOMPARE(actions.size(), size_t(2));
        QCOMPARE(actions[0].kind, ScheduleAction::Kind::Missed);
        QCOMPARE(actions[0].occurrence.date, QDate(2026, 12, 1));
        QCOMPARE(actions[0].reason, LateReason::NotRunning);
        QCOMPARE(actions[1].kind, ScheduleAction::Kind::Start);
        QCOMPARE(actions[1].lateBySec, qint64(20 * 60));
        QCOMPARE(actions[1].reason, LateReason::NotRunning);
    }

    void timeZoneMoveDoesNotRepeat()
    {
        FakeClock clock;
        ScheduleRunner runner(clock);
        std::vector<Schedule> all{daily(QStringLiteral("d"), QTime(9, 0), QTime(9, 30))};
        auto seen = run(clock, runner, all, local(2026, 12, 2, 8, 58), local(2026, 12, 2, 9, 5), 60);
        QCOMPARE(only(seen, ScheduleAction::Kind::Start).size(), size_t(1));
        // The computer moves to London: 09:00 on its wall comes round again an hour later.
        clock.tz = QTimeZone("Europe/London");
        std::vector<Seen> later;
        while (clock.wall <= utc(2026, 12, 2, 12, 0)) {
            for (const ScheduleAction &a : runner.tick(all))
                later.push_back({a, clock.wall});
            clock.advance(60);
        }
        QVERIFY2(only(later, ScheduleAction::Kind::Start).empty(), qPrintable(list(later)));
        QCOMPARE(only(later, ScheduleAction::Kind::Stop).size(), size_t(1));
        QCOMPARE(only(later, ScheduleAction::Kind::Stop)[0].at, local(2026, 12, 2, 9, 30));
    }

    void overlapOfOneSource()
    {
        FakeClock clock;
        ScheduleRunner runner(clock);
        std::vector<Schedule> all{daily(QStringLiteral("a"), QTime(10, 0), QTime(11, 0)),
                                  daily(QStringLiteral("b"), QTime(10, 30), QTime(12, 0)),
                                  daily(QStringLiteral("inside"), QTime(10, 15), QTime(10, 45))};
        const auto seen = run(clock, runner, all, local(2026, 12, 2, 9, 55), local(2026, 12, 2, 12, 5), 60);
        QCOMPARE(seen.size(), size_t(3));
        QCOMPARE(seen[0].action.kind, ScheduleAction::Kind::Start);
        QCOMPARE(seen[0].at, local(2026, 12, 2, 10, 0));
        QCOMPARE(seen[1].action.kind, ScheduleAction::Kind::Extend);
        QCOMPARE(seen[1].at, local(2026, 12, 2, 10, 30));
        QCOMPARE(seen[1].action.occurrence.stop, local(2026, 12, 2, 12, 0));
        QCOMPARE(seen[2].action.kind, ScheduleAction::Kind::Stop);
        QCOMPARE(seen[2].at, local(2026, 12, 2, 12, 0));

        // Back to back: one recording, not closed and reopened at 11:00.
        FakeClock clock2;
        ScheduleRunner runner2(clock2);
        std::vector<Schedule> two{daily(QStringLiteral("a"), QTime(10, 0), QTime(11, 0)),
                                  daily(QStringLiteral("b"), QTime(11, 0), QTime(12, 0))};
        const auto seen2 = run(clock2, runner2, two, local(2026, 12, 2, 9, 55), local(2026, 12, 2, 12, 5), 60);
        QCOMPARE(seen2.size(), size_t(3));
        QCOMPARE(seen2[1].action.kind, ScheduleAction::Kind::Extend);
        QCOMPARE(seen2[2].at, local(2026, 12, 2, 12, 0));

        // Stopped by hand in between: the second schedule starts its own.
        FakeClock clock3;
        ScheduleRunner runner3(clock3);
        std::vector<Schedule> three{daily(QStringLiteral("a"), QTime(10, 0), QTime(11, 0)),
                                    daily(QStringLiteral("b"), QTime(10, 30), QTime(12, 0))};
        auto seen3 = run(clock3, runner3, three, local(2026, 12, 2, 9, 59), local(2026, 12, 2, 10, 10), 60);
        QCOMPARE(seen3.size(), size_t(1));
        runner3.recordingEnded(QStringLiteral("demo"));
        seen3 = run(clock3, runner3, three, clock3.wall, local(2026, 12, 2, 12, 5), 60);
        QCOMPARE(seen3.size(), size_t(2));
        QCOMPARE(seen3[0].action.kind, ScheduleAction::Kind::Start);
        QCOMPARE(seen3[0].action.occurrence.scheduleId, QStringLiteral("b"));
        QCOMPARE(seen3[1].action.kind, ScheduleAction::Kind::Stop);
        QCOMPARE(seen3[1].at, local(2026, 12, 2, 12, 0));
    }

    // Saved in the settings as plain fields (a source id, never its URL);
    // a schedule saved during its own time starts now and is not "late",
    // one whose time passed before it was saved is not "missed".
    // A scheduled recording that fails inside its window is started again
    // after a bounded back-off (5, 10, 20, 40, 60, 60 s), shorter again
    // after a restart that recorded for a while, never past the stop; one
    // stopped by hand is not.
    void failedRunRestartsUntilTheStop()
    {
        FakeClock clock;
        ScheduleRunner runner(clock);
        std::vector<Schedule> all{daily(QStringLiteral("d"), QTime(10, 0), QTime(10, 30))};
        madeAt(all, local(2026, 12, 2, 9, 0));
        clock.wall = local(2026, 12, 2, 10, 0, 0);
        auto tickKinds = [&] {
            std::vector<ScheduleAction> out = runner.tick(all);
            return out;
        };
        std::vector<ScheduleAction> first = tickKinds();
        QCOMPARE(first.size(), size_t(1));
        QCOMPARE(first[0].kind, ScheduleAction::Kind::Start);
        QCOMPARE(runner.restarts(QStringLiteral("demo")), 0);

        // Fails at once, again and again: the waits grow and stay bounded.
        const qint64 expected[] = {5, 10, 20, 40, 60, 60, 60};
        int n = 0;
        for (qint64 wait : expected) {
            ++n;
            clock.advance(1);
            QCOMPARE(runner.recordingFailed(QStringLiteral("demo")), std::optional<qint64>(wait));
            QVERIFY(runner.isActive(QStringLiteral("demo")));
            clock.advance(wait - 1);
            QVERIFY2(tickKinds().empty(), "restarted before its wait was over");
            clock.advance(1);
            const std::vector<ScheduleAction> again = tickKinds();
            QCOMPARE(again.size(), size_t(1));
            QCOMPARE(again[0].kind, ScheduleAction::Kind::Restart);
            QCOMPARE(again[0].restart, n);
            QCOMPARE(again[0].occurrence.sourceId, QStringLiteral("demo"));
            QCOMPARE(again[0].occurrence.stop, local(2026, 12, 2, 10, 30));
            QVERIFY(tickKinds().empty()); // once per failure
        }
        // A restart that recorded for a while: the next wait is short again.
        clock.advance(ScheduleRunner::kRetryHealthySec);
        QCOMPARE(runner.recordingFailed(QStringLiteral("demo")), std::optional<qint64>(5));
        clock.advance(5);
        QCOMPARE(tickKinds().size(), size_t(1));

        // Failing so near the stop that the wait would pass it: let go.
        clock.wall = local(2026, 12, 2, 10, 29, 57);
        QVERIFY(!runner.recordingFailed(QStringLiteral("demo")));
        QVERIFY(!runner.isActive(QStringLiteral("demo")));
        clock.advance(10);
        QVERIFY(tickKinds().empty()); // neither a restart nor a stop for it

        // The next day: a run that is restarted still stops on time.
        clock.wall = local(2026, 12, 3, 10, 0, 0);
        QCOMPARE(tickKinds().size(), size_t(1));
        QCOMPARE(runner.restarts(QStringLiteral("demo")), 0);
        clock.advance(60);
        QCOMPARE(runner.recordingFailed(QStringLiteral("demo")), std::optional<qint64>(5));
        clock.advance(5);
        QCOMPARE(tickKinds().front().kind, ScheduleAction::Kind::Restart);
        clock.wall = local(2026, 12, 3, 10, 30, 0);
        const std::vector<ScheduleAction> stop = tickKinds();
        QCOMPARE(stop.size(), size_t(1));
        QCOMPARE(stop[0].kind, ScheduleAction::Kind::Stop);

        // Stopped by hand: no restart.
        clock.wall = local(2026, 12, 4, 10, 0, 0);
        QCOMPARE(tickKinds().size(), size_t(1));
        runner.recordingEnded(QStringLiteral("demo"));
        QVERIFY(!runner.recordingFailed(QStringLiteral("demo")));
        clock.advance(120);
        QVERIFY(tickKinds().empty());
    }

    // A run cut short by Tapedeck's end (a crash: the "recording" mark stays
    // saved) records the rest of its time at the next start, into new files;
    // a run whose stop passed while Tapedeck was down is let go; a run that
    // ended (its stop, by hand, a clean quit) is not started again.
    void aRunCutShortByACrashStartsAgain()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        FakeClock clock;
        std::vector<Schedule> all{daily(QStringLiteral("d"), QTime(9, 0), QTime(10, 30))};
        madeAt(all, local(2026, 12, 1, 12, 0));
        clock.wall = local(2026, 12, 2, 9, 0);
        {
            ScheduleRunner runner(clock);
            bool changed = false;
            const auto actions = runner.tick(all, &changed);
            QCOMPARE(actions.size(), size_t(1));
            QCOMPARE(actions[0].kind, ScheduleAction::Kind::Start);
            QVERIFY(changed);
            QCOMPARE(all[0].runningUntil, local(2026, 12, 2, 10, 30));
            saveSchedules(settings, all); // what the Scheduler saves at once
        }                                 // the process dies: nothing else is saved

        // Started again at 09:20, within the run's time.
        clock.wall = local(2026, 12, 2, 9, 20);
        clock.mono = 5'000'000; // a new process: another monotonic reference
        std::vector<Schedule> loaded = loadSchedules(settings);
        QCOMPARE(loaded[0].runningUntil, local(2026, 12, 2, 10, 30));
        ScheduleRunner after(clock);
        auto actions = after.tick(loaded);
        QCOMPARE(actions.size(), size_t(1));
        QCOMPARE(actions[0].kind, ScheduleAction::Kind::Start);
        QCOMPARE(actions[0].reason, LateReason::Interrupted);
        QCOMPARE(actions[0].occurrence.stop, local(2026, 12, 2, 10, 30));
        QCOMPARE(actions[0].occurrence.start, local(2026, 12, 2, 9, 0));
        QCOMPARE(actions[0].occurrence.sourceId, QStringLiteral("demo"));
        QVERIFY(after.isActive(QStringLiteral("demo")));
        // Once, not at every look.
        clock.advance(1);
        QVERIFY(after.tick(loaded).empty());
        // Its stop ends it and clears the mark.
        clock.wall = local(2026, 12, 2, 10, 30);
        bool changed = false;
        actions = after.tick(loaded, &changed);
        QCOMPARE(actions.size(), size_t(1));
        QCOMPARE(actions[0].kind, ScheduleAction::Kind::Stop);
        QVERIFY(changed);
        QVERIFY(!loaded[0].runningUntil.isValid());

        // Down until after the stop: nothing starts, the mark goes.
        std::vector<Schedule> late{daily(QStringLiteral("d"), QTime(9, 0), QTime(10, 30))};
        late[0].lastHandled = QDate(2026, 12, 2);
        late[0].runningUntil = local(2026, 12, 2, 10, 30);
        clock.wall = local(2026, 12, 2, 11, 0);
        ScheduleRunner tooLate(clock);
        changed = false;
        QVERIFY(tooLate.tick(late, &changed).empty());
        QVERIFY(changed);
        QVERIFY(!late[0].runningUntil.isValid());
    }

    // Through the Scheduler: the mark is saved when the run starts and
    // cleared when it is stopped by hand or Tapedeck quits cleanly.
    void schedulerKeepsTheRunningMarkUntilTheRunEnds()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        auto clock = std::make_shared<FakeClock>();
        clock->wall = local(2026, 12, 2, 8, 59, 59);
        {
            Scheduler scheduler(settings);
            scheduler.setClock(clock);
            scheduler.setSchedules({daily(QString(), QTime(9, 0), QTime(10, 0))});
            clock->advance(1);
            scheduler.checkNow();
            QVERIFY(loadSchedules(settings)[0].runningUntil.isValid());
            scheduler.recordingEnded(QStringLiteral("demo")); // stopped by hand
            QVERIFY(!loadSchedules(settings)[0].runningUntil.isValid());
        }
        QVERIFY(!loadSchedules(settings)[0].runningUntil.isValid());

        // Running when the Scheduler goes (a clean quit): cleared, so the
        // next start does not take it up again.
        std::vector<Schedule> list = loadSchedules(settings);
        list[0].lastHandled = QDate();
        saveSchedules(settings, list);
        {
            Scheduler scheduler(settings);
            scheduler.setClock(clock);
            scheduler.checkNow();
            QVERIFY(scheduler.isActive(QStringLiteral("demo")));
            QVERIFY(loadSchedules(settings)[0].runningUntil.isValid());
        }
        QVERIFY(!loadSchedules(settings)[0].runningUntil.isValid());
        Scheduler again(settings);
        again.setClock(clock);
        QSignalSpy spy(&again, &Scheduler::actionDue);
        again.checkNow();
        QCOMPARE(spy.size(), 0);
    }

    void schedulerSavesAndCountsFromNow()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        auto clock = std::make_shared<FakeClock>();
        clock->wall = local(2026, 12, 2, 10, 15);
        Scheduler scheduler(settings);
        scheduler.setClock(clock);
        Schedule past = daily(QString(), QTime(9, 0), QTime(10, 0));
        Schedule now = daily(QString(), QTime(10, 0), QTime(11, 0), QStringLiteral("b"));
        now.stopKind = ScheduleStop::After;
        now.durationSec = 3600;
        Schedule once = daily(QString(), QTime(20, 0), QTime(21, 0), QStringLiteral("c"));
        once.onceDate = QDate(2026, 12, 3);
        scheduler.setSchedules({past, now, once});
        QSignalSpy spy(&scheduler, &Scheduler::actionDue);
        scheduler.checkNow();
        QCOMPARE(spy.size(), 1);
        const auto a = spy.at(0).at(0).value<ScheduleAction>();
        QCOMPARE(a.kind, ScheduleAction::Kind::Start);
        QCOMPARE(a.occurrence.sourceId, QStringLiteral("b"));
        QCOMPARE(a.reason, LateReason::None);
        QVERIFY(scheduler.hasPending());
        // Tomorrow 09:00 comes before the once-schedule's 20:00.
        QCOMPARE(scheduler.next()->start, local(2026, 12, 3, 9, 0));
        QCOMPARE(nextOfAll({scheduler.schedules()[2]}, clock->wall, berlin())->sourceId, QStringLiteral("c"));

        settings.sync();
        QFile f(settings.fileName());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("schedules"));
        QVERIFY(!text.contains("://"));
        const std::vector<Schedule> loaded = loadSchedules(settings);
        QCOMPARE(loaded.size(), size_t(3));
        QVERIFY(!loaded[0].id.isEmpty());
        QCOMPARE(loaded[1].stopKind, ScheduleStop::After);
        QCOMPARE(loaded[1].durationSec, qint64(3600));
        QCOMPARE(loaded[1].lastHandled, QDate(2026, 12, 2));
        QCOMPARE(loaded[2].onceDate, QDate(2026, 12, 3));
        QCOMPARE(loaded[0].notBefore, local(2026, 12, 2, 10, 15));
        for (size_t i = 0; i < loaded.size(); ++i)
            QVERIFY(loaded[i].sameTiming(scheduler.schedules()[i]));
    }
};

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
