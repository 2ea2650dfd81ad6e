// The application layer (core/app/RecordingService, core/app/Prober): one place for
// every recording default, naming, owners, the disk reserve and probing,
// called the same way by the desktop app, the command line and a service.
#include "core/app/Autostart.h"
#include "core/app/OutputNaming.h"
#include "core/app/Prober.h"
#include "core/app/Settings.h"
#include "core/app/RecordingService.h"
#include "core/io/File.h"
#include "core/record/Engine.h"
#include "core/recovery/Classifier.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

class TestRecordingService : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_ini = 0;

    // A settings file of each test's own.
    std::unique_ptr<Settings> freshSettings()
    {
        return std::make_unique<Settings>(m_tmp.filePath(QStringLiteral("studio_%1.ini").arg(++m_ini)));
    }

private slots:
    void registryNamesEveryKeyOnce()
    {
        QSet<QString> names;
        for (int i = 0; i < int(SettingKey::Count_); ++i) {
            const QString name = QLatin1String(settingDef(SettingKey(i)).name);
            QVERIFY2(!name.isEmpty(), qPrintable(QStringLiteral("key %1 has no entry").arg(i)));
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
        }
    }

    // The engine's defaults are written once (RecordParams); the settings
    // and therefore every front end take them from there.
    void defaultsComeFromOnePlace()
    {
        auto settings = freshSettings();
        Engine engine;
        RecordingService service(*settings, engine);
        const RecordParams engineDefaults;
        const RecordParams d = service.defaults();
        QCOMPARE(d.type, kDefaultContainer);
        QCOMPARE(d.fsyncIntervalMs, engineDefaults.fsyncIntervalMs);
        QCOMPARE(d.retryInitialMs, engineDefaults.retryInitialMs);
        QCOMPARE(d.retryMaxMs, engineDefaults.retryMaxMs);
        QCOMPARE(d.openTimeoutMs, engineDefaults.openTimeoutMs);
        QCOMPARE(d.stallTimeoutMs, engineDefaults.stallTimeoutMs);
        QCOMPARE(d.gapMode, engineDefaults.gapMode);
        QCOMPARE(d.hlsStart, engineDefaults.hlsStart);
        QCOMPARE(d.diskReserveBytes, qint64(kDefaultDiskReserveMb) * 1024 * 1024);
        QCOMPARE(d.chunkDurationMs, qint64(0));
        QCOMPARE(d.overwrite, OverwritePolicy::Refuse);
        QCOMPARE(settings->string(SettingKey::FileNamePattern), QString::fromLatin1(kDefaultFileNamePattern));
    }

    void defaultsFollowTheSettings()
    {
        auto settings = freshSettings();
        settings->setValue(SettingKey::DefaultFormat, QStringLiteral("flv"));
        settings->setValue(SettingKey::DefaultChunkSeconds, 30);
        settings->setValue(SettingKey::FsyncIntervalMs, 250);
        settings->setValue(SettingKey::ReconnectInitialMs, 1500);
        settings->setValue(SettingKey::ReconnectMaxMs, 9000);
        settings->setValue(SettingKey::OpenTimeoutMs, 4000);
        settings->setValue(SettingKey::StallTimeoutMs, 3000);
        settings->setValue(SettingKey::DiskReserveMb, 7);
        settings->setValue(SettingKey::HlsFromOldest, true);
        settings->setValue(SettingKey::Gaps, QStringLiteral("real"));
        settings->setValue(SettingKey::Overwrite, true);
        Engine engine;
        RecordingService service(*settings, engine);
        const RecordRequest r = service.request(QStringLiteral("demo"));
        QCOMPARE(r.source, QStringLiteral("demo"));
        const RecordParams &d = r.params;
        QCOMPARE(d.type, ContainerType::Flv);
        QCOMPARE(d.chunkDurationMs, qint64(30000));
        QCOMPARE(d.fsyncIntervalMs, qint64(250));
        QCOMPARE(d.retryInitialMs, qint64(1500));
        QCOMPARE(d.retryMaxMs, qint64(9000));
        QCOMPARE(d.openTimeoutMs, qint64(4000));
        QCOMPARE(d.stallTimeoutMs, qint64(3000));
        QCOMPARE(d.diskReserveBytes, qint64(7) * 1024 * 1024);
        QCOMPARE(d.hlsStart, HlsStart::Oldest);
        QCOMPARE(d.gapMode, GapMode::RealTime);
        QCOMPARE(d.overwrite, OverwritePolicy::Replace);
    }

    void gapWordsRoundTrip()
    {
        for (GapMode m : {GapMode::Auto, GapMode::Close, GapMode::RealTime}) {
            auto back = parseGapMode(gapModeName(m));
            QVERIFY(back.ok());
            QCOMPARE(*back, m);
        }
        QVERIFY(!parseGapMode(QStringLiteral("sometimes")).ok());
    }

    void namesStayInsideTheFolder()
    {
        auto settings = freshSettings();
        settings->setValue(SettingKey::RecordingsFolder, m_tmp.filePath(QStringLiteral("from_settings")));
        Engine engine;
        RecordingService service(*settings, engine);
        RecordRequest r = service.request(QStringLiteral("rtmp://host/live/..%2F..%2Fx"));
        r.nameForFiles = QStringLiteral("../../etc/CON");
        r.pattern = QStringLiteral("{source}");
        auto base = service.outputBase(r);
        QVERIFY2(base.ok(), qPrintable(base.message()));
        QCOMPARE(QFileInfo(*base).absolutePath(), QDir(m_tmp.filePath(QStringLiteral("from_settings"))).absolutePath());
        // An explicit base is the caller's: used as given.
        r.outBase = m_tmp.filePath(QStringLiteral("given/rec"));
        QCOMPARE(service.outputBase(r).value(), r.outBase);
    }

    // Which source records is the service's, not a window's: a second service
    // over the same engine (the window after a language switch) sees it, and
    // the same owner cannot record twice.
    void ownersAreCoreState()
    {
        auto settings = freshSettings();
        settings->setValue(SettingKey::DiskReserveMb, 1);
        Engine engine;
        RecordingService service(*settings, engine);
        RecordRequest r = service.request(QStringLiteral("demo?seconds=60"));
        r.owner = QStringLiteral("source-a");
        r.label = QStringLiteral("Camera A");
        r.folder = m_tmp.filePath(QStringLiteral("owned/deeper"));
        r.pattern = QStringLiteral("{source}_take");
        r.params.type = ContainerType::MpegTs;
        r.params.pacing = Pacing::Realtime;
        auto id = service.start(r);
        QVERIFY2(id.ok(), qPrintable(id.message()));
        QVERIFY(QFileInfo(r.folder).isDir()); // made by start()

        RecordingService other(*settings, engine);
        QCOMPARE(other.recordingOf(QStringLiteral("source-a")), std::optional<int>(*id));
        QVERIFY(!other.recordingOf(QStringLiteral("source-b")));
        const std::vector<RecordingInfo> all = other.list();
        QCOMPARE(all.size(), size_t(1));
        QCOMPARE(all.front().owner, QStringLiteral("source-a"));
        QCOMPARE(all.front().label, QStringLiteral("Camera A"));
        QCOMPARE(all.front().outBase, QDir(r.folder).absoluteFilePath(QStringLiteral("demo_take")));

        auto again = other.start(r);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::InUse);
        QVERIFY2(again.message().contains(QStringLiteral("Camera A")), qPrintable(again.message()));

        QSignalSpy finished(&engine, &Engine::recordingFinished);
        QTRY_VERIFY_WITH_TIMEOUT(engine.session(*id)->stats().bytes > 0, 30000); // something to keep
        QVERIFY(other.stop(*id));
        QVERIFY(!other.stop(*id + 1000));
        QVERIFY(finished.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(!service.recordingOf(QStringLiteral("source-a")), 30000);
        QVERIFY(service.live().empty());
        QVERIFY(QFileInfo::exists(all.front().outBase + QStringLiteral(".ts")));
        // Ended: the owner may record again.
        r.params.overwrite = OverwritePolicy::Replace;
        auto next = service.start(r);
        QVERIFY2(next.ok(), qPrintable(next.message()));
        service.stopAll();
        QVERIFY(engine.waitAll(30000));
    }

    // Below the reserve the engine refuses, with a code a front end can word.
    void belowTheReserveIsRefused()
    {
        auto settings = freshSettings();
        auto free = freeDiskBytes(m_tmp.path());
        QVERIFY(free.ok());
        settings->setValue(SettingKey::DiskReserveMb, *free / (1024 * 1024) + 1024);
        Engine engine;
        RecordingService service(*settings, engine);
        RecordRequest r = service.request(QStringLiteral("demo?realtime=0&seconds=1"));
        r.folder = m_tmp.filePath(QStringLiteral("full"));
        auto id = service.start(r);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().code, ErrorCode::DiskFull);
        QVERIFY(service.diskSpace(r.folder).belowReserve());
    }

    // A disk that runs low while recording is reported once per folder.
    void lowDiskIsReportedOnce()
    {
        auto settings = freshSettings();
        auto free = freeDiskBytes(m_tmp.path());
        QVERIFY(free.ok());
        const qint64 freeMb = *free / (1024 * 1024);
        if (freeMb < 20)
            QSKIP("needs some free space to sit between the reserve and the warning");
        settings->setValue(SettingKey::DiskReserveMb, freeMb * 6 / 10);
        Engine engine;
        RecordingService service(*settings, engine);
        QVERIFY(service.newlyLowDisks().empty()); // nothing records
        RecordRequest r = service.request(QStringLiteral("demo?seconds=60"));
        r.folder = m_tmp.filePath(QStringLiteral("low"));
        r.params.type = ContainerType::MpegTs;
        auto id = service.start(r);
        QVERIFY2(id.ok(), qPrintable(id.message()));
        const std::vector<DiskSpace> first = service.newlyLowDisks();
        QCOMPARE(first.size(), size_t(1));
        QCOMPARE(first.front().folder, QDir(r.folder).absolutePath());
        QVERIFY(first.front().low());
        QVERIFY(!first.front().belowReserve());
        QVERIFY(service.newlyLowDisks().empty()); // once
        service.stopAll();
        QVERIFY(engine.waitAll(30000));
    }

    // Split now and markers (issue 13, features): a new file from the next
    // keyframe, and named markers as MP4 chapters that ffprobe reads.
    void splitNowAndMarkers()
    {
        auto settings = freshSettings();
        Engine engine;
        RecordingService service(*settings, engine);
        RecordRequest r = service.request(QStringLiteral("demo?seconds=30"));
        r.folder = m_tmp.filePath(QStringLiteral("split"));
        r.nameForFiles = QStringLiteral("cut");
        r.pattern = QStringLiteral("{source}");
        r.params.type = ContainerType::Mp4;
        r.params.chunkDurationMs = 0; // one file, unless split
        auto id = service.start(r);
        QVERIFY2(id.ok(), qPrintable(id.message()));
        QVERIFY(!service.splitNow(*id + 1000)); // no such recording
        const RecordingSession *s = engine.session(*id);
        QTRY_VERIFY_WITH_TIMEOUT(s->state() == RecordState::Recording && s->stats().mediaMs > 1000, 30000);
        QVERIFY(service.addMarker(*id, QStringLiteral("Goal")));
        QVERIFY(!service.addMarker(*id, QStringLiteral("  "))); // a marker has a name
        QTRY_VERIFY_WITH_TIMEOUT(s->stats().mediaMs > 2500, 30000);
        QSignalSpy chunks(&engine, &Engine::chunkFinished);
        QVERIFY(service.splitNow(*id));
        QTRY_VERIFY_WITH_TIMEOUT(chunks.count() == 1, 30000);
        QVERIFY(service.addMarker(*id, QStringLiteral("Second half")));
        QTRY_VERIFY_WITH_TIMEOUT(s->stats().mediaMs > 4500, 30000);
        service.stopAll();
        QVERIFY(engine.waitAll(30000));
        const QStringList files = s->files();
        QCOMPARE(files.size(), 2);
        QCOMPARE(QFileInfo(files[0]).fileName(), QStringLiteral("cut.mp4"));
        QCOMPARE(QFileInfo(files[1]).fileName(), QStringLiteral("cut_2.mp4"));
        auto chapters = [](const QString &file) {
            const auto out =
                testsupport::runTool(QStringLiteral("ffprobe"),
                                     {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_chapters"),
                                      QStringLiteral("-of"), QStringLiteral("json"), file});
            QStringList titles;
            for (const QJsonValue &c :
                 QJsonDocument::fromJson(out.out).object().value(QStringLiteral("chapters")).toArray())
                titles
                    << c.toObject().value(QStringLiteral("tags")).toObject().value(QStringLiteral("title")).toString()
                        + u'@' + c.toObject().value(QStringLiteral("start_time")).toString();
            return titles;
        };
        const QStringList first = chapters(files[0]);
        QCOMPARE(first.size(), 2); // "recording" from 0, then the marker
        QVERIFY2(first[1].startsWith(QStringLiteral("Goal@")), qPrintable(first.join(u' ')));
        QVERIFY2(first[1].section(u'@', 1).toDouble() >= 0.9, qPrintable(first.join(u' ')));
        const QStringList second = chapters(files[1]);
        QCOMPARE(second.size(), 2);
        QVERIFY2(second[1].startsWith(QStringLiteral("Second half@")), qPrintable(second.join(u' ')));
        // Each part starts at a keyframe, decodes cleanly and holds what
        // was recorded into it (about 1.5 s and 2 s here).
        for (const QString &f : files) {
            QVERIFY2(testsupport::ffmpegDecodeErrors(f).isEmpty(), qPrintable(f));
            const double seconds = testsupport::ffprobeDuration(f);
            qInfo("%s: %.3f s", qPrintable(QFileInfo(f).fileName()), seconds);
            QVERIFY2(seconds > 0.9, qPrintable(QStringLiteral("%1: %2 s").arg(f).arg(seconds)));
        }
    }

    // Start at login: an XDG autostart entry, written and removed on request.
    void autostartEntry()
    {
        const QByteArray before = qgetenv("XDG_CONFIG_HOME");
        qputenv("XDG_CONFIG_HOME", m_tmp.filePath(QStringLiteral("config")).toUtf8());
        const QString path = autostartEntryPath();
        QCOMPARE(path, m_tmp.filePath(QStringLiteral("config/autostart/io.github.tapedeck.Tapedeck.desktop")));
        QVERIFY(!autostartEnabled());
        const QString exe = QStringLiteral("/opt/my \"apps\"/tape$deck");
        QVERIFY(setAutostart(true, exe));
        QVERIFY(autostartEnabled());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY2(text.startsWith(QStringLiteral("[Desktop Entry]\n")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Exec=\"/opt/my \\\"apps\\\"/tape\\$deck\"\n")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Type=Application\n")));
        f.close();
        QVERIFY(setAutostart(false, exe));
        QVERIFY(!autostartEnabled());
        QVERIFY(!QFile::exists(path));
        QVERIFY(setAutostart(false, exe)); // nothing to remove: fine
        qputenv("XDG_CONFIG_HOME", before);
    }

    // What a window sends to recovery when it is dropped: the core's one
    // notion of a sidecar name (the window had a second list of its own).
    void recoveryNamesAreCores()
    {
        for (const char *yes : {"/r/crashed.mp4.info", "/r/crashed.mp4.mdat", "/r/crashed.mp4.track2",
                                "/r/cam.mp4.h264", "/r/cam.mp4.AAC"})
            QVERIFY2(recovery::isRecoveryInputName(QString::fromLatin1(yes)), yes);
        for (const char *no : {"/r/movie.mp4", "/r/notes.txt", "/r/x.info", "/r/x.mdat"})
            QVERIFY2(!recovery::isRecoveryInputName(QString::fromLatin1(no)), no);
    }

    void probeOutcomes()
    {
        ProbeOutcome none = probe(QStringLiteral("  "), 5000);
        QCOMPARE(none.problem, ProbeProblem::NoAddress);
        QVERIFY(!none.message().isEmpty());

        ProbeOutcome missing = probe(m_tmp.filePath(QStringLiteral("no-such-file.ts")), 5000);
        QCOMPARE(missing.problem, ProbeProblem::OpenFailed);
        QVERIFY(!missing.message().isEmpty());

        ProbeOutcome demo = probe(QStringLiteral("demo"), 5000);
        QVERIFY2(demo.ok(), qPrintable(demo.message()));
        QVERIFY(!demo.report.streams.empty());

        std::atomic<bool> stop{true};
        ProbeOutcome cancelled = probe(QStringLiteral("rtmp://127.0.0.1:1/live/x"), 5000, &stop);
        QVERIFY(!cancelled.ok());
    }

    void probeJobReportsOnItsThread()
    {
        ProbeJob job(QStringLiteral("demo"), 5000);
        QSignalSpy done(&job, &ProbeJob::finished);
        job.start();
        QVERIFY(done.wait(20000));
        const auto outcome = done.first().first().value<ProbeOutcome>();
        QVERIFY(outcome.ok());
        QVERIFY(ProbeJob::waitForWorkers(5000));
    }
};

QTEST_GUILESS_MAIN(TestRecordingService)
#include "tst_recording_service.moc"
