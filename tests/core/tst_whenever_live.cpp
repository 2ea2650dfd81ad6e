// "Record whenever it is live" (StartMode::WheneverLive) in-process with a
// scripted source: each time the stream appears a take is recorded into a
// file of its own, closed when the stream goes away, and the recording waits
// for the next time until it is stopped. Label "unit": no network.

#include "ScriptedSource.h"
#include "TestSupport.h"
#include "core/record/Engine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace testsupport;

namespace {

RecordParams paramsFor(const QString &outBase, ContainerType type)
{
    RecordParams p;
    p.source = QStringLiteral("scripted://test");
    p.type = type;
    p.outBase = outBase;
    p.startMode = StartMode::WheneverLive;
    p.retryInitialMs = 1;
    p.retryMaxMs = 5;
    p.fsyncIntervalMs = 0;
    return p;
}

RecordState waitEnd(RecordingSession *s, int timeoutMs = 60000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs && !isTerminalState(s->state()))
        QTest::qWait(5);
    return s->state();
}

int totalPackets(const QString &file)
{
    int n = 0;
    for (const auto &[stream, count] : ffprobePacketCounts(file))
        n += count;
    return n;
}

QString ext(ContainerType t) { return containerName(t); }

ScriptedConnection take(int packets)
{
    ScriptedConnection c;
    c.packets = packets;
    c.end = makeError(ErrorCode::EndOfStream, QStringLiteral("the publisher left"));
    return c;
}

ScriptedConnection refused()
{
    ScriptedConnection c;
    c.openError = makeError(ErrorCode::Network, QStringLiteral("nothing is published yet"));
    return c;
}

} // namespace

class TestWheneverLive : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qRegisterMetaType<tapedeck::RecordState>();
        QVERIFY(ScriptedSources::libraryPackets() > 100);
    }

    void eachAppearanceIsATakeOfItsOwn_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("ts") << int(ContainerType::MpegTs);
        QTest::newRow("flv") << int(ContainerType::Flv);
        QTest::newRow("mp4") << int(ContainerType::Mp4);
    }
    void eachAppearanceIsATakeOfItsOwn()
    {
        QFETCH(int, type);
        const auto t = ContainerType(type);
        QTemporaryDir dir;
        // Live twice, gone in between and after (the last connection repeats).
        ScriptedSources sources({{refused(), take(150), refused(), refused(), take(120), refused()}, /*live*/ true});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        QSignalSpy takes(&engine, &Engine::takeFinished);
        QSignalSpy states(&engine, &Engine::recordingStateChanged);
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/show"), t);
        p.reconnectWindowMs = 0; // the take ends at the drop
        auto id = engine.startRecording(p);
        QVERIFY2(id.ok(), qPrintable(id.message()));
        RecordingSession *s = engine.session(*id);

        QTRY_COMPARE_WITH_TIMEOUT(takes.count(), 2, 60000);
        // Still armed: waiting for the next time, both takes' files closed.
        QTRY_VERIFY_WITH_TIMEOUT(sources.opens() >= 8, 60000);
        QCOMPARE(s->state(), RecordState::Waiting);
        QCOMPARE(s->stats().takes, 2);
        const QString first = dir.filePath(QStringLiteral("show_take001.") + ext(t));
        const QString second = dir.filePath(QStringLiteral("show_take002.") + ext(t));
        QCOMPARE(takes.at(0).at(1).toStringList(), QStringList{first});
        QCOMPARE(takes.at(1).at(1).toStringList(), QStringList{second});
        QCOMPARE(s->files(), (QStringList{first, second}));
        // Closed while armed: no sidecar of either take is left.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name),
                 (QStringList{QFileInfo(first).fileName(), QFileInfo(second).fileName()}));
        for (const QString &f : {first, second})
            QCOMPARE(ffmpegDecodeErrors(f), QString());
        // Each take holds what its appearance carried, nothing of the other.
        QCOMPARE(totalPackets(first), 150);
        QCOMPARE(totalPackets(second), 120);

        // The states went Waiting -> Recording -> Waiting -> Recording -> Waiting.
        QList<RecordState> seq;
        for (const auto &args : std::as_const(states))
            seq << args.at(1).value<RecordState>();
        QCOMPARE(seq,
                 (QList<RecordState>{RecordState::Recording, RecordState::Waiting, RecordState::Recording,
                                     RecordState::Waiting}));

        s->stop();
        QCOMPARE(waitEnd(s), RecordState::Finished);
        QCOMPARE(s->endReason(), QString()); // a plain stop, not "no keyframe"
        QCOMPARE(s->files(), (QStringList{first, second}));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }

    void aBlipWithinTheWindowStaysInTheSameFile()
    {
        QTemporaryDir dir;
        ScriptedConnection back = take(120);
        back.stallUntilStop = true;
        ScriptedSources sources({{take(120), refused(), refused(), back}, /*live*/ true});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        QSignalSpy takes(&engine, &Engine::takeFinished);
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"), ContainerType::MpegTs);
        p.reconnectWindowMs = 600000; // far longer than the scripted outage
        auto id = engine.startRecording(p);
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QTRY_VERIFY_WITH_TIMEOUT(sources.packetsRead() == 240, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(s->stats().reconnects, 1, 60000);
        QCOMPARE(s->state(), RecordState::Recording);
        s->stop();
        QCOMPARE(waitEnd(s), RecordState::Finished);
        QCOMPARE(takes.count(), 0);
        const QString file = dir.filePath(QStringLiteral("r_take001.ts"));
        QCOMPARE(s->files(), QStringList{file});
        QCOMPARE(totalPackets(file), 240);
        QCOMPARE(ffmpegDecodeErrors(file), QString());
    }

    void noReconnectEndsTheTakeAtTheDrop()
    {
        QTemporaryDir dir;
        ScriptedSources sources({{take(100), take(100), refused()}, /*live*/ true});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        QSignalSpy takes(&engine, &Engine::takeFinished);
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"), ContainerType::Flv);
        p.reconnect = false; // whatever the window says
        p.reconnectWindowMs = 600000;
        auto id = engine.startRecording(p);
        QVERIFY(id.ok());
        QTRY_COMPARE_WITH_TIMEOUT(takes.count(), 2, 60000);
        RecordingSession *s = engine.session(*id);
        QCOMPARE(s->state(), RecordState::Waiting);
        s->stop();
        QCOMPARE(waitEnd(s), RecordState::Finished);
        QCOMPARE(s->files().size(), 2);
    }

    void takesNeverReplaceAnEarlierFile()
    {
        QTemporaryDir dir;
        // Left by an earlier run: a finished take and an unfinished MP4's sidecar.
        const QString kept = dir.filePath(QStringLiteral("r_take001.mp4"));
        const QString sidecar = dir.filePath(QStringLiteral("r_take002.mp4.info"));
        for (const QString &f : {kept, sidecar}) {
            QFile out(f);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("the user's");
        }
        ScriptedSources sources({{take(100), refused()}, /*live*/ true});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        QSignalSpy takes(&engine, &Engine::takeFinished);
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"), ContainerType::Mp4);
        p.reconnectWindowMs = 0;
        auto id = engine.startRecording(p); // existing names refuse nothing: takes pick free ones
        QVERIFY2(id.ok(), qPrintable(id.message()));
        QTRY_COMPARE_WITH_TIMEOUT(takes.count(), 1, 60000);
        RecordingSession *s = engine.session(*id);
        s->stop();
        QCOMPARE(waitEnd(s), RecordState::Finished);
        QCOMPARE(s->files(), QStringList{dir.filePath(QStringLiteral("r_take003.mp4"))});
        for (const QString &f : {kept, sidecar}) {
            QFile in(f);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QCOMPARE(in.readAll(), QByteArray("the user's"));
        }
    }

    void stopWhileWaitingBeforeAnyTakeMakesNoFile()
    {
        QTemporaryDir dir;
        ScriptedSources sources({{refused()}, /*live*/ true});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        auto id = engine.startRecording(paramsFor(dir.path() + QStringLiteral("/r"), ContainerType::MpegTs));
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QTRY_VERIFY_WITH_TIMEOUT(sources.opens() >= 3, 60000);
        QCOMPARE(s->state(), RecordState::Waiting);
        s->stop();
        QCOMPARE(waitEnd(s), RecordState::Finished);
        QCOMPARE(s->endReasonKind(), EndReason::NeverAppeared);
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWheneverLive)
#include "tst_whenever_live.moc"
