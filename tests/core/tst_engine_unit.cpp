// The engine in-process with a scripted source (SessionHooks): packets, drops,
// reconnects, open and write failures and stops, in milliseconds and without
// real time or network. Label "unit".

#include "ScriptedSource.h"
#include "TestSupport.h"
#include "core/record/Engine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <functional>

#include <netdb.h>
#include <mutex>

using namespace tapedeck;
using namespace testsupport;

namespace {

RecordParams paramsFor(const QString &outBase, ContainerType type = ContainerType::MpegTs)
{
    RecordParams p;
    p.source = QStringLiteral("scripted://test");
    p.type = type;
    p.outBase = outBase;
    p.retryInitialMs = 1;
    p.retryMaxMs = 5;
    p.fsyncIntervalMs = 0;
    return p;
}

RecordState waitEnd(RecordingSession *s, int timeoutMs = 60000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        const RecordState st = s->state();
        if (st == RecordState::Finished || st == RecordState::Failed)
            return st;
        QTest::qWait(5);
    }
    return s->state();
}

// A name server that never answers: every lookup blocks for good. Leaked on
// purpose: abandoned lookups wait in it until the test process ends.
struct DeadResolver {
    std::mutex mutex;
    std::condition_variable never;
    std::atomic<int> asked{0};
};

SourceFactory withResolver(std::function<int(const QByteArray &)> resolve)
{
    return [resolve](const QString &spec, const SourceOptions &so) {
        SourceOptions o = so;
        o.resolveHost = resolve;
        return makeSource(spec, o);
    };
}

SourceFactory withDeadResolver(DeadResolver *dead)
{
    return withResolver([dead](const QByteArray &) {
        dead->asked.fetch_add(1);
        std::unique_lock lock(dead->mutex);
        dead->never.wait(lock, [] { return false; });
        return 0;
    });
}

int totalPackets(const QString &file)
{
    int n = 0;
    for (const auto &[stream, count] : ffprobePacketCounts(file))
        n += count;
    return n;
}

} // namespace

class TestEngineUnit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(ScriptedSources::libraryPackets() > 100); }

    void fileKeepsEveryPacket_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("ts") << int(ContainerType::MpegTs);
        QTest::newRow("flv") << int(ContainerType::Flv);
        QTest::newRow("mp4") << int(ContainerType::Mp4);
    }
    void fileKeepsEveryPacket()
    {
        QFETCH(int, type);
        QTemporaryDir dir;
        ScriptedConnection c;
        c.packets = ScriptedSources::libraryPackets();
        ScriptedSources sources({{c}, /*live*/ false});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        auto id = engine.startRecording(paramsFor(dir.path() + QStringLiteral("/r"), ContainerType(type)));
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QCOMPARE(waitEnd(s), RecordState::Finished);
        QCOMPARE(s->files().size(), 1);
        QCOMPARE(s->stats().droppedPackets, 0);
        // A file read as fast as possible waits for the disk and loses nothing.
        QCOMPARE(totalPackets(s->files().first()), c.packets);
        QCOMPARE(sources.opens(), 1);
    }

    void liveDropReconnectsAndMarksTheGap()
    {
        QTemporaryDir dir;
        ScriptedConnection first;
        first.packets = 120;
        first.end = makeError(ErrorCode::Network, QStringLiteral("the scripted peer hung up"));
        ScriptedConnection refused;
        refused.openError = makeError(ErrorCode::Network, QStringLiteral("connection refused"));
        ScriptedConnection back;
        back.packets = 120;
        back.stallUntilStop = true;
        ScriptedSources sources({{first, refused, refused, back}, /*live*/ true});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        auto id = engine.startRecording(paramsFor(dir.path() + QStringLiteral("/r")));
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QTRY_VERIFY_WITH_TIMEOUT(sources.packetsRead() == 240, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(s->stats().reconnects == 1, 60000);
        QCOMPARE(sources.opens(), 4);
        s->stop();
        QCOMPARE(waitEnd(s), RecordState::Finished);
        const QString notes = s->notes().join(u'\n');
        QVERIFY2(notes.contains(QStringLiteral("the scripted peer hung up")), qPrintable(notes));
        QCOMPARE(s->files().size(), 1);
    }

    void openFailureFailsWithItsReason()
    {
        QTemporaryDir dir;
        ScriptedConnection c;
        c.openError = makeError(ErrorCode::NotFound, QStringLiteral("stream not found at scripted://test"));
        ScriptedSources sources({{c}, true});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        QSignalSpy failed(&engine, &Engine::recordingFailed);
        auto id = engine.startRecording(paramsFor(dir.path() + QStringLiteral("/r")));
        QVERIFY(id.ok());
        QCOMPARE(waitEnd(engine.session(*id)), RecordState::Failed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QCOMPARE(failed.first().at(1).toString(), QStringLiteral("stream not found at scripted://test"));
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    void writeFailureFailsAndKeepsWhatWasWritten()
    {
        QTemporaryDir dir;
        ScriptedConnection c;
        c.packets = ScriptedSources::libraryPackets();
        ScriptedSources sources({{c}, false});
        Engine engine;
        engine.setSessionHooks({sources.factory(), std::make_shared<IoFaultInjector>(60000, ErrorCode::DiskFull)});
        auto id = engine.startRecording(paramsFor(dir.path() + QStringLiteral("/r")));
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QCOMPARE(waitEnd(s), RecordState::Failed);
        QVERIFY2(s->errorMessage().contains(QStringLiteral("disk is full")), qPrintable(s->errorMessage()));
        QVERIFY(QFileInfo(dir.path() + QStringLiteral("/r.ts")).size() >= 50000);
    }

    void stopWhileOpenHangsEndsWithoutFile()
    {
        QTemporaryDir dir;
        ScriptedConnection c;
        c.openBlocksUntilStop = true;
        ScriptedSources sources({{c}, true});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        auto id = engine.startRecording(paramsFor(dir.path() + QStringLiteral("/r")));
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QTRY_VERIFY_WITH_TIMEOUT(sources.opens() == 1, 10000);
        s->stop();
        QVERIFY(s->wait(60000));
        QCOMPARE(s->state(), RecordState::Finished);
        QVERIFY2(s->endReason().contains(QStringLiteral("cancelled before the stream appeared")),
                 qPrintable(s->endReason()));
        QCOMPARE(s->endReasonKind(), EndReason::NeverAppeared);
        QCOMPARE(s->endReason(), endReasonText(EndReason::NeverAppeared));
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    void shutdownAbandonsAWriterStuckInFsync()
    {
        // A disk that stops answering: once the gate closes, every fsync
        // blocks for good. Leaked on purpose: the abandoned writer waits in
        // it until the test process ends.
        struct Gate {
            std::mutex mutex;
            std::condition_variable never;
            std::atomic<bool> closed{false};
            std::atomic<int> blocked{0};
        };
        auto *gate = new Gate;
        auto io = std::make_shared<IoFaultInjector>();
        io->setBeforeSync([gate](const QString &) {
            if (!gate->closed.load())
                return;
            gate->blocked.fetch_add(1);
            std::unique_lock lock(gate->mutex);
            gate->never.wait(lock, [] { return false; });
        });
        QTemporaryDir dir;
        ScriptedConnection c;
        c.packets = 200;
        c.stallUntilStop = true;
        ScriptedSources sources({{c}, true});
        const int deadlineMs = 1000;
        QStringList abandoned;
        qint64 shutdownMs = -1;
        {
            Engine engine;
            engine.setShutdownDeadlineMs(deadlineMs);
            engine.setSessionHooks({sources.factory(), io});
            RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"), ContainerType::Mp4);
            p.fsyncIntervalMs = 20;
            auto id = engine.startRecording(p);
            QVERIFY(id.ok());
            RecordingSession *s = engine.session(*id);
            QTRY_VERIFY_WITH_TIMEOUT(s->stats().packets >= 150, 60000);
            gate->closed = true;
            QElapsedTimer t;
            t.start();
            abandoned = engine.shutdown();
            shutdownMs = t.elapsed();
            QCOMPARE(gate->blocked.load(), 1);
            QCOMPARE(s->state(), RecordState::Stopping); // never reached its end, and says no more
        }                                                // ~Engine: returns too
        QCOMPARE(abandoned.size(), 1);
        QVERIFY2(abandoned.first().contains(QStringLiteral("left as they are in %1").arg(dir.path())),
                 qPrintable(abandoned.first()));
        QVERIFY2(abandoned.first().contains(QStringLiteral("tapedeck recover %1").arg(dir.path())),
                 qPrintable(abandoned.first()));
        // Bounded: the deadline plus a loaded machine's slack, not forever.
        QVERIFY2(shutdownMs >= deadlineMs && shutdownMs < deadlineMs + 30000, qPrintable(QString::number(shutdownMs)));

        // What is on disk is a recoverable set. The stuck writer still holds
        // its lock on it (this process lives on), so recover a copy, as a
        // user would once the program has ended.
        QTemporaryDir copy;
        const QStringList names = QDir(dir.path()).entryList(QDir::Files);
        QVERIFY2(!names.isEmpty(), "the files stay on disk");
        for (const QString &n : names)
            QVERIFY(QFile::copy(dir.path() + u'/' + n, copy.path() + u'/' + n));
        const ToolResult r = runTool(QStringLiteral(TAPEDECK_BIN), {QStringLiteral("recover"), copy.path()}, 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList mp4s = QDir(copy.path()).entryList({QStringLiteral("*.mp4")}, QDir::Files);
        QVERIFY2(mp4s.size() == 1, qPrintable(mp4s.join(u' ') + QString::fromUtf8(r.out + r.err)));
        const QString recovered = copy.path() + u'/' + mp4s.first();
        QCOMPARE(ffmpegDecodeErrors(recovered), QString());
        QVERIFY2(totalPackets(recovered) >= 100, qPrintable(QString::number(totalPackets(recovered))));
    }

    void stopIsPromptWhileTheNameServerHangs()
    {
        auto *dead = new DeadResolver;
        QTemporaryDir dir;
        Engine engine;
        engine.setSessionHooks({withDeadResolver(dead), {}});
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"));
        p.source = QStringLiteral("rtmp://name-server-hangs.example/live/x");
        p.openTimeoutMs = 600000; // only the stop can end it
        auto id = engine.startRecording(p);
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QTRY_VERIFY_WITH_TIMEOUT(dead->asked.load() == 1, 30000);
        QTest::qWait(50);
        QCOMPARE(s->state(), RecordState::Waiting);
        QElapsedTimer t;
        t.start();
        s->stop();
        QVERIFY2(s->wait(30000), "a stop ends the lookup's wait");
        QVERIFY2(t.elapsed() < 30000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(s->state(), RecordState::Finished);
        QVERIFY2(s->endReason().contains(QStringLiteral("cancelled before the stream appeared")),
                 qPrintable(s->endReason()));
    }

    void deadNameServerTimesOutClearly()
    {
        auto *dead = new DeadResolver;
        QTemporaryDir dir;
        Engine engine;
        engine.setSessionHooks({withDeadResolver(dead), {}});
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"));
        p.source = QStringLiteral("rtsp://user:secret@camera.example:554/stream");
        p.openTimeoutMs = 300;
        auto id = engine.startRecording(p);
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QCOMPARE(waitEnd(s), RecordState::Failed);
        QVERIFY2(s->errorMessage().contains(QStringLiteral("the name server did not answer for \"camera.example\"")),
                 qPrintable(s->errorMessage()));
        QVERIFY(!s->errorMessage().contains(QStringLiteral("secret")));
    }

    void unknownNameFailsWithoutOpening()
    {
        QTemporaryDir dir;
        std::atomic<int> asked{0};
        Engine engine;
        engine.setSessionHooks({withResolver([&asked](const QByteArray &host) {
                                    asked.fetch_add(1);
                                    return host == "no-such-name.example" ? EAI_NONAME : 0;
                                }),
                                {}});
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"));
        p.source = QStringLiteral("rtmp://no-such-name.example/live/x");
        auto id = engine.startRecording(p);
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QCOMPARE(waitEnd(s), RecordState::Failed);
        QVERIFY2(s->errorMessage().contains(QStringLiteral("\"no-such-name.example\" does not resolve")),
                 qPrintable(s->errorMessage()));
        QCOMPARE(asked.load(), 1);
    }

    void durationEndsLikeAStop()
    {
        QTemporaryDir dir;
        ScriptedConnection c;
        c.packets = 1000000;
        ScriptedSources sources({{c}, false});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"));
        p.maxDurationMs = 2000;
        auto id = engine.startRecording(p);
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QCOMPARE(waitEnd(s), RecordState::Finished);
        QCOMPARE(s->endReasonKind(), EndReason::Stopped);
        QCOMPARE(s->files().size(), 1);
        const double seconds = ffprobeDuration(s->files().first());
        QVERIFY2(seconds >= 1.9 && seconds <= 2.2, qPrintable(QString::number(seconds)));
    }

    // A chunk that closes is announced at once (chunkFinished), before the
    // recording ends, so a list of recordings can show it while the next
    // chunk is written.
    void closedChunksAreAnnouncedAsTheyClose()
    {
        QTemporaryDir dir;
        ScriptedConnection c;
        c.packets = 1000000;
        ScriptedSources sources({{c}, false});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        QSignalSpy chunks(&engine, &Engine::chunkFinished);
        QSignalSpy finished(&engine, &Engine::recordingFinished);
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"));
        p.chunkDurationMs = 1000;
        p.maxDurationMs = 3500;
        auto id = engine.startRecording(p);
        QVERIFY(id.ok());
        QVERIFY(finished.wait(60000));
        const QStringList all = finished.first().at(1).toStringList();
        QVERIFY2(all.size() >= 3, qPrintable(all.join(u' ')));
        // Every chunk but the last closed while recording, in order.
        QCOMPARE(chunks.size(), all.size() - 1);
        for (int i = 0; i < chunks.size(); ++i) {
            QCOMPARE(chunks.at(i).at(0).toInt(), *id);
            QCOMPARE(chunks.at(i).at(1).toString(), all.at(i));
        }
    }

    // An access unit with no picture (a delimiter only, as a depacketizer
    // hands over after RTP loss) is left out and counted as what it is, not
    // as a packet the writer lost (droppedPackets means "fell behind").
    void picturelessUnitsAreCountedApart()
    {
        QTemporaryDir dir;
        ScriptedConnection c;
        c.packets = ScriptedSources::libraryPackets();
        c.picturelessEvery = 10;
        ScriptedSources sources({{c}, /*live*/ false});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        auto id = engine.startRecording(paramsFor(dir.path() + QStringLiteral("/r"), ContainerType::Mp4));
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QCOMPARE(waitEnd(s), RecordState::Finished);
        QVERIFY2(sources.picturelessSent() >= 5, qPrintable(QString::number(sources.picturelessSent())));
        QCOMPARE(s->stats().picturelessUnits, qint64(sources.picturelessSent()));
        QCOMPARE(s->stats().droppedPackets, 0);
        // Every real packet is in the file, none of the empty ones.
        QCOMPARE(totalPackets(s->files().first()), c.packets);
        const QString notes = s->notes().join(u'\n');
        QVERIFY2(notes.contains(QStringLiteral("%1 access unit(s) held no picture").arg(sources.picturelessSent())),
                 qPrintable(notes));
    }

    // Preview pictures are decoded by a worker of their own, fed by the
    // writer with the recording's keyframes: they still arrive, one per
    // second at most, and the file keeps every packet.
    void previewPicturesComeFromTheRecordingsKeyframes()
    {
        QTemporaryDir dir;
        ScriptedConnection c;
        c.packets = 60;
        c.stallUntilStop = true;
        ScriptedSources sources({{c}, /*live*/ true});
        Engine engine;
        engine.setSessionHooks({sources.factory(), {}});
        QSignalSpy previews(&engine, &Engine::previewFrame);
        RecordParams p = paramsFor(dir.path() + QStringLiteral("/r"));
        p.previewEnabled = true;
        auto id = engine.startRecording(p);
        QVERIFY(id.ok());
        RecordingSession *s = engine.session(*id);
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 30000);
        const auto frame = previews.first().at(1).value<PreviewFrame>();
        QCOMPARE(previews.first().at(0).toInt(), *id);
        QCOMPARE(frame.width, 160); // the library's size: below the preview's 320
        QCOMPARE(frame.height, 96);
        QCOMPARE(frame.rgb32.size(), qsizetype(160) * 96 * 4);
        s->stop();
        QCOMPARE(waitEnd(s), RecordState::Finished);
        QCOMPARE(totalPackets(s->files().first()), c.packets);
    }
};

QTEST_GUILESS_MAIN(TestEngineUnit)
#include "tst_engine_unit.moc"
