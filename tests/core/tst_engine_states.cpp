// A recording's states under fire: starts, stops and failures from several
// threads at once, many times over. Every observer (one in the session's
// thread, one in a thread of its own) must see a legal sequence, in order,
// ending in exactly one terminal state that matches the session's.
// Label "unit": scripted sources, no network, no real time.

#include "ScriptedSource.h"
#include "core/record/RecordingSession.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <mutex>
#include <random>
#include <thread>

using namespace tapedeck;
using namespace testsupport;

namespace {

// The table as docs/architecture.md draws it, written out independently of
// the engine's own so that a wrong table there fails here.
bool legal(RecordState from, RecordState to)
{
    using S = RecordState;
    switch (from) {
    case S::Waiting:
        return to == S::Recording || to == S::Stopping || to == S::Finished || to == S::Failed;
    case S::Recording: // Waiting: a WheneverLive take ended, the next is awaited
        return to == S::Stopping || to == S::Waiting || to == S::Finished || to == S::Failed;
    case S::Stopping:
        return to == S::Finished || to == S::Failed;
    case S::Finished:
    case S::Failed:
        return false;
    }
    return false;
}

bool terminal(RecordState s) { return s == RecordState::Finished || s == RecordState::Failed; }

QString describe(const QVector<RecordState> &seq)
{
    QStringList names{QStringLiteral("waiting")};
    for (RecordState s : seq)
        names << recordStateName(s);
    return names.join(QStringLiteral(" -> "));
}

// Why a sequence (from the initial Waiting) is wrong, or "" when it is right.
QString checkSequence(const QVector<RecordState> &seq, RecordState final)
{
    RecordState at = RecordState::Waiting;
    for (RecordState s : seq) {
        if (!legal(at, s))
            return QStringLiteral("illegal step %1 -> %2 in %3")
                .arg(recordStateName(at), recordStateName(s), describe(seq));
        at = s;
    }
    if (!terminal(at))
        return QStringLiteral("no terminal state: %1").arg(describe(seq));
    if (at != final)
        return QStringLiteral("observer ended in %1, the session in %2")
            .arg(recordStateName(at), recordStateName(final));
    return QString();
}

class ThreadObserver : public QObject {
    Q_OBJECT
public slots:
    void onState(int, tapedeck::RecordState s, const QString &)
    {
        std::lock_guard lock(m_mutex);
        m_seq.push_back(s);
    }

public:
    QVector<RecordState> seq() const
    {
        std::lock_guard lock(m_mutex);
        return m_seq;
    }
    void clear()
    {
        std::lock_guard lock(m_mutex);
        m_seq.clear();
    }

private:
    mutable std::mutex m_mutex;
    QVector<RecordState> m_seq;
};

} // namespace

class TestEngineStates : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qRegisterMetaType<tapedeck::RecordState>();
        QVERIFY(ScriptedSources::libraryPackets() > 100);
    }

    void hammerStartStopFail()
    {
        QTemporaryDir dir;
        QThread observerThread;
        // Stopped on every way out, a failed check included.
        const std::unique_ptr<QThread, void (*)(QThread *)> stopObserver(&observerThread, [](QThread *t) {
            t->quit();
            t->wait();
        });
        auto *other = new ThreadObserver; // lives in observerThread, deleted there
        other->moveToThread(&observerThread);
        connect(&observerThread, &QThread::finished, other, &QObject::deleteLater);
        observerThread.start();
        const unsigned seed = std::random_device{}();
        qInfo("seed %u", seed);
        std::mt19937 rng(seed);
        auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
        const int rounds = 300;
        int failures = 0;
        int recorded = 0;
        for (int round = 0; round < rounds; ++round) {
            ScriptedConnection c;
            c.openDelayUs = pick(0, 600);
            c.packets = pick(0, 40);
            c.packetDelayUs = pick(0, 30);
            const int ending = pick(0, 5);
            bool live = true;
            bool wheneverLive = false;
            SessionHooks hooks;
            switch (ending) {
            case 0: // the source ends
                live = false;
                break;
            case 1: // the source fails to open: the recording fails
                c.openError = makeError(ErrorCode::NotFound, QStringLiteral("scripted: not found"));
                break;
            case 2: // the disk fails
                live = false;
                c.packets = 200;
                hooks.ioFaults = std::make_shared<IoFaultInjector>(pick(0, 20000), ErrorCode::DiskFull);
                break;
            case 4: // armed for good: each connection is a take, ended by the source (Recording -> Waiting)
                wheneverLive = true;
                break;
            default: // a live source that stays: only a stop ends it
                c.stallUntilStop = true;
                break;
            }
            ScriptedSources sources({{c}, live});
            hooks.sourceFactory = sources.factory();
            RecordParams p;
            p.source = QStringLiteral("scripted://hammer");
            p.type = ContainerType::MpegTs;
            p.outBase = dir.path() + QStringLiteral("/r%1").arg(round);
            p.reconnect = false;
            p.fsyncIntervalMs = -1;
            if (wheneverLive) {
                p.startMode = StartMode::WheneverLive;
                p.retryInitialMs = 0;
                p.retryMaxMs = 1;
            }
            auto session = std::make_unique<RecordingSession>(round, p, nullptr, hooks);
            QVector<RecordState> mainSeq;
            int endSignals = 0;
            connect(session.get(), &RecordingSession::stateChanged, this,
                    [&](int, RecordState s, const QString &) { mainSeq.push_back(s); });
            connect(session.get(), &RecordingSession::finished, this, [&] { ++endSignals; });
            connect(session.get(), &RecordingSession::failed, this, [&] { ++endSignals; });
            other->clear();
            connect(session.get(), &RecordingSession::stateChanged, other, &ThreadObserver::onState);

            RecordingSession *s = session.get();
            const int stopDelay1 = pick(0, 1500);
            const int stopDelay2 = pick(0, 1500);
            std::atomic<int> startedOk{0};
            // Two starts race: exactly one of them starts the recording.
            std::thread starter([s, &startedOk] { startedOk += s->start().ok(); });
            std::thread starter2([s, &startedOk] { startedOk += s->start().ok(); });
            std::thread stopper1([s, stopDelay1] {
                std::this_thread::sleep_for(std::chrono::microseconds(stopDelay1));
                s->stop();
            });
            std::thread stopper2([s, stopDelay2] {
                std::this_thread::sleep_for(std::chrono::microseconds(stopDelay2));
                s->stop();
                s->stop();
            });
            starter.join();
            starter2.join();
            stopper1.join();
            stopper2.join();
            QCOMPARE(startedOk.load(), 1);
            QVERIFY2(s->wait(60000), "the session ends after a stop");
            const RecordState final = s->state();
            QVERIFY(terminal(final));
            QTRY_VERIFY_WITH_TIMEOUT(!mainSeq.isEmpty() && terminal(mainSeq.last()), 30000);
            QTRY_VERIFY_WITH_TIMEOUT(!other->seq().isEmpty() && terminal(other->seq().last()), 30000);
            QTest::qWait(1); // anything late would show up after the terminal state
            QCoreApplication::processEvents();
            for (const QVector<RecordState> &seq : {mainSeq, other->seq()}) {
                const QString why = checkSequence(seq, final);
                QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("round %1: %2").arg(round).arg(why)));
            }
            QCOMPARE(endSignals, 1);
            failures += final == RecordState::Failed;
            recorded += mainSeq.contains(RecordState::Recording);
            session.reset();
            QCoreApplication::processEvents();
        }
        qInfo("%d rounds: %d failed, %d reached recording", rounds, failures, recorded);
        // The mix must have exercised each kind of end.
        QVERIFY(failures > 0);
        QVERIFY(recorded > 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineStates)
#include "tst_engine_states.moc"
