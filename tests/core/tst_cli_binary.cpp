// tapedeck-cli is the command line for servers and scripts: it must link
// neither Qt Widgets, Gui, Multimedia nor the keychain (Qt Network, for the
// service, is no GUI library), and it records,
// probes and recovers like `tapedeck` does. It is a thin front that answers
// --help and --version without loading Qt or FFmpeg and execs
// tapedeck-cli-engine for every other command (docs/service.md, "Start time").
#include "TestSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The program with extra environment variables (LD_DEBUG, ...).
Run runWith(const QString &program, const QStringList &args, const QList<QPair<QString, QString>> &env = {})
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const auto &[k, v] : env)
        e.insert(k, v);
    p.setProcessEnvironment(e);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// The shared objects the dynamic loader opened (LD_DEBUG=files writes one
// "file=NAME [0];  needed by ..." or "file=NAME [0];  dynamically loaded by"
// line per object, the ones dlopen'd included, for the process and any
// program it execs with the same environment).
QStringList loadedObjects(const QByteArray &ldDebugOutput)
{
    QStringList files;
    static const QRegularExpression re(QStringLiteral("\\bfile=(\\S+)\\s+\\[\\d+\\];"));
    for (auto it = re.globalMatch(QString::fromLocal8Bit(ldDebugOutput)); it.hasNext();)
        files << it.next().captured(1);
    files.removeDuplicates();
    return files;
}

QString matching(const QStringList &files, const QStringList &forbidden)
{
    QStringList hits;
    for (const QString &f : files)
        for (const QString &name : forbidden)
            if (f.contains(name))
                hits << f;
    return hits.join(QLatin1Char(' '));
}

} // namespace

class TestCliBinary : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void linksNoGuiLibrary()
    {
        TAPEDECK_REQUIRE_TOOL("readelf");
        const ToolResult r =
            runTool(QStringLiteral("readelf"), {QStringLiteral("-d"), QStringLiteral(TAPEDECK_CLI_ENGINE_BIN)});
        QCOMPARE(r.exitCode, 0);
        const QString needed = QString::fromLatin1(r.out);
        QVERIFY(needed.contains(QStringLiteral("libQt6Core")));
        for (const char *gui : {"libQt6Gui", "libQt6Widgets", "libQt6Multimedia", "libqt6keychain", "libQt6Svg"})
            QVERIFY2(!needed.contains(QLatin1String(gui)), gui);
        // libavdevice (and its ~80 libraries: SDL, X11, PulseAudio...) is
        // loaded only when a camera or microphone is opened (CaptureSource).
        QVERIFY(!needed.contains(QLatin1String("libavdevice")));
    }

    // The front links the C library only: no Qt, no FFmpeg, not even
    // libstdc++ (each would cost start time for --help).
    void frontLinksTheCLibraryOnly()
    {
        TAPEDECK_REQUIRE_TOOL("readelf");
        const ToolResult r =
            runTool(QStringLiteral("readelf"), {QStringLiteral("-d"), QStringLiteral(TAPEDECK_CLI_BIN)});
        QCOMPARE(r.exitCode, 0);
        QStringList needed;
        static const QRegularExpression re(QStringLiteral("\\(NEEDED\\).*\\[(.+)\\]"));
        for (auto it = re.globalMatch(QString::fromLatin1(r.out)); it.hasNext();)
            needed << it.next().captured(1);
        QVERIFY2(!needed.isEmpty(), r.out.constData());
        for (const QString &lib : needed)
            QVERIFY2(lib.startsWith(QLatin1String("libc.so")) || lib.startsWith(QLatin1String("ld-linux")),
                     qPrintable(needed.join(QLatin1Char(' '))));
    }

    // What the loader maps at run time, not only what the binary names: for
    // --help, --version, no command and a mistyped one neither FFmpeg nor Qt
    // nor the engine is loaded. `probe` is the control: through the engine
    // the same check sees libavcodec and Qt Network, so it can fail.
    void helpLoadsNoEngine()
    {
        const QList<QPair<QString, QString>> ldDebug{{QStringLiteral("LD_DEBUG"), QStringLiteral("files")}};
        const QStringList forbidden{QStringLiteral("libavcodec"), QStringLiteral("libavformat"),
                                    QStringLiteral("libQt6Network"), QStringLiteral("libQt6Core"),
                                    QStringLiteral("tapedeck-cli-engine")};
        const QList<QStringList> cheap{{QStringLiteral("--help")},
                                       {QStringLiteral("-h")},
                                       {QStringLiteral("help")},
                                       {QStringLiteral("--version")},
                                       {},
                                       {QStringLiteral("recrod")}};
        for (const QStringList &args : cheap) {
            const Run r = runWith(QStringLiteral(TAPEDECK_CLI_BIN), args, ldDebug);
            QVERIFY2(r.exitCode == 0 || r.exitCode == 2, r.err.constData());
            const QStringList files = loadedObjects(r.err);
            QVERIFY2(files.join(QLatin1Char(' ')).contains(QLatin1String("libc.so")), r.err.left(2000).constData());
            QVERIFY2(matching(files, forbidden).isEmpty(),
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(" loaded ") + matching(files, forbidden)));
        }
        const QString missing = m_tmp.filePath(QStringLiteral("no-such-file.ts"));
        const Run probe = runWith(QStringLiteral(TAPEDECK_CLI_BIN), {QStringLiteral("probe"), missing}, ldDebug);
        QCOMPARE(probe.exitCode, 1);
        const QStringList files = loadedObjects(probe.err);
        QVERIFY2(!matching(files, {QStringLiteral("libavcodec")}).isEmpty(), probe.err.left(2000).constData());
        QVERIFY(!matching(files, {QStringLiteral("libQt6Network")}).isEmpty());
    }

    // Every command but help and --version runs in the engine, which keeps
    // the front's process id (exec, not a child): systemd and a parent
    // waiting on the pid see the recorder itself.
    void commandsRunInTheEngineUnderTheSamePid()
    {
        const QString missing = m_tmp.filePath(QStringLiteral("no-such-file.ts"));
        const Run probe = runWith(QStringLiteral(TAPEDECK_CLI_BIN), {QStringLiteral("probe"), missing});
        QCOMPARE(probe.exitCode, 1);
        QVERIFY2(probe.err.contains("no-such-file.ts"), probe.err.constData());
        // A subcommand's own --help is the engine's (QCommandLineParser).
        const Run serveHelp =
            runWith(QStringLiteral(TAPEDECK_CLI_BIN), {QStringLiteral("serve"), QStringLiteral("--help")});
        QCOMPARE(serveHelp.exitCode, 0);
        QVERIFY2(serveHelp.out.contains("--listen"), serveHelp.out.constData());

        QProcess p;
        p.start(QStringLiteral(TAPEDECK_CLI_BIN),
                {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--dir"), m_tmp.filePath(QStringLiteral("svc"))});
        QVERIFY(p.waitForStarted());
        QVERIFY2(p.waitForReadyRead(60000), p.readAllStandardError().constData());
        QVERIFY2(p.readAllStandardOutput().contains("\"listening\""), "serve printed no listening line");
        const QString exe = QFileInfo(QStringLiteral("/proc/%1/exe").arg(p.processId())).symLinkTarget();
        QVERIFY2(exe.endsWith(QLatin1String("/tapedeck-cli-engine")), qPrintable(exe));
        // ... under the name the user started (ps -C tapedeck-cli, top, the journal).
        QFile comm(QStringLiteral("/proc/%1/comm").arg(p.processId()));
        QVERIFY(comm.open(QIODevice::ReadOnly));
        QCOMPARE(comm.readAll().trimmed(), QByteArray("tapedeck-cli"));
        p.terminate(); // SIGTERM to the pid we started: the engine finishes and exits
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
    }

    // The front alone (the engine not installed): help still works, every
    // other command says what is missing, where it looked, and what to do.
    void missingEngineIsExplained()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("alone"));
        QVERIFY(QDir().mkpath(dir));
        const QString front = dir + QStringLiteral("/tapedeck-cli");
        QVERIFY(QFile::copy(QStringLiteral(TAPEDECK_CLI_BIN), front));
        QVERIFY(QFile::setPermissions(front, QFile::permissions(front) | QFileDevice::ExeOwner));
        Run r = runWith(front, {QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("tapedeck "));
        r = runWith(front, {QStringLiteral("record"), QStringLiteral("demo")});
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromLocal8Bit(r.err);
        QVERIFY2(err.contains(QLatin1String("\"record\" needs tapedeck-cli-engine, which is missing")),
                 qPrintable(err));
        QVERIFY2(err.contains(dir + QStringLiteral("/tapedeck-cli-engine")), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("libexec/tapedeck/tapedeck-cli-engine")), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("reinstall tapedeck-cli")), qPrintable(err));
        QVERIFY(r.out.isEmpty());

        // An engine that is there but cannot run is named with the reason.
        QFile fake(dir + QStringLiteral("/tapedeck-cli-engine"));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("not a program\n");
        fake.close();
        QVERIFY(QFile::setPermissions(fake.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        r = runWith(front, {QStringLiteral("probe"), QStringLiteral("x.ts")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot start") && r.err.contains("Permission denied"), r.err.constData());
    }

    void versionAndUsage()
    {
        ToolResult r = runTool(QStringLiteral(TAPEDECK_CLI_BIN), {QStringLiteral("--version")}, 30000);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("tapedeck "));
        // No command: usage, exit 2 (the desktop binary records the demo instead).
        r = runTool(QStringLiteral(TAPEDECK_CLI_BIN), {}, 30000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.contains("Usage:"));
        r = runTool(QStringLiteral(TAPEDECK_CLI_BIN), {QStringLiteral("recrod")}, 30000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("\"recrod\" is not a command"));
    }

    // A recording made by tapedeck-cli on a machine with no display at all.
    void recordsWithoutDisplay()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QLatin1String(v));
        env.insert(QStringLiteral("HOME"), m_tmp.path());
        p.setProcessEnvironment(env);
        const QString out = m_tmp.filePath(QStringLiteral("cli"));
        p.start(QStringLiteral(TAPEDECK_CLI_BIN),
                {QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"), QStringLiteral("mp4"),
                 QStringLiteral("--duration"), QStringLiteral("2"), QStringLiteral("--out"), out});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QFile::exists(out + QStringLiteral(".mp4")));
        QCOMPARE(ffmpegDecodeErrors(out + QStringLiteral(".mp4")), QString());
        const ToolResult probe =
            runTool(QStringLiteral(TAPEDECK_CLI_BIN), {QStringLiteral("probe"), out + QStringLiteral(".mp4")}, 60000);
        QCOMPARE(probe.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliBinary)
#include "tst_cli_binary.moc"
