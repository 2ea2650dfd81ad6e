// tapedeck-cli is the command line for servers and scripts: it must link
// neither Qt Widgets, Gui, Multimedia nor the keychain (Qt Network, for the
// service, is no GUI library), and it records,
// probes and recovers like `tapedeck` does.
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

class TestCliBinary : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void linksNoGuiLibrary()
    {
        TAPEDECK_REQUIRE_TOOL("readelf");
        const ToolResult r =
            runTool(QStringLiteral("readelf"), {QStringLiteral("-d"), QStringLiteral(TAPEDECK_CLI_BIN)});
        QCOMPARE(r.exitCode, 0);
        const QString needed = QString::fromLatin1(r.out);
        QVERIFY(needed.contains(QStringLiteral("libQt6Core")));
        for (const char *gui : {"libQt6Gui", "libQt6Widgets", "libQt6Multimedia", "libqt6keychain", "libQt6Svg"})
            QVERIFY2(!needed.contains(QLatin1String(gui)), gui);
        // libavdevice (and its ~80 libraries: SDL, X11, PulseAudio...) is
        // loaded only when a camera or microphone is opened (CaptureSource).
        QVERIFY(!needed.contains(QLatin1String("libavdevice")));
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
