// One desktop app per user: a second start of the real `tapedeck` binary hands
// its files, folders and URLs to the running one and leaves (before it makes
// an engine or scans anything); a killed first instance does not block the
// next start; the running window routes what it is handed.
#include "core/record/Engine.h"
#include "core/app/Settings.h"
#include "TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/PlayerDialog.h"
#include "ui/SecretStore.h"
#include "ui/SingleInstance.h"
#include "ui/SourceDialog.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace tapedeck;
using namespace tapedeck::ui;

namespace {

using AppProcess = testsupport::OwnedProcess;
using testsupport::appEnvironment;

} // namespace

class TestSingleInstance : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    QString runtimeDir(const char *name)
    {
        const QString dir = m_tmp.filePath(QString::fromLatin1(name));
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return dir;
    }

private slots:
    void normalisesArguments()
    {
        const QStringList out = SingleInstance::normaliseArguments(
            {QStringLiteral("rec"), QStringLiteral("../x/y.mp4.info"), QStringLiteral("/abs/z"),
             QStringLiteral("file:///tmp/a%20b"), QStringLiteral("rtmp://127.0.0.1/live/key"), QStringLiteral("--opt"),
             QString()},
            QStringLiteral("/home/u/Videos"));
        QCOMPARE(out,
                 QStringList({QStringLiteral("/home/u/Videos/rec"), QStringLiteral("/home/u/x/y.mp4.info"),
                              QStringLiteral("/abs/z"), QStringLiteral("/tmp/a b"),
                              QStringLiteral("rtmp://127.0.0.1/live/key")}));
    }

    // The real binary, started while an app holds the instance: it hands over
    // its arguments (relative paths made absolute against its own folder) and
    // exits 0 instead of opening a second window.
    void secondStartHandsOverAndLeaves()
    {
        const QString rt = runtimeDir("rt1");
        SingleInstance first(rt);
        QCOMPARE(first.claim(), SingleInstance::Role::Primary);
        QSignalSpy spy(&first, &SingleInstance::activated);

        const QString cwd = m_tmp.filePath(QStringLiteral("cwd"));
        QDir().mkpath(cwd + QStringLiteral("/folder"));
        AppProcess second;
        second.proc.setProcessEnvironment(appEnvironment(m_tmp.filePath(QStringLiteral("home")), rt));
        second.proc.setWorkingDirectory(cwd);
        second.proc.start(QStringLiteral(TAPEDECK_BIN),
                          {QStringLiteral("folder"), QStringLiteral("rtmp://127.0.0.1:1935/live/stream")});
        QVERIFY(second.proc.waitForStarted(10000));
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 30000);
        QCOMPARE(spy.at(0).at(0).toStringList(),
                 QStringList({cwd + QStringLiteral("/folder"), QStringLiteral("rtmp://127.0.0.1:1935/live/stream")}));
        QTRY_COMPARE_WITH_TIMEOUT(second.proc.state(), QProcess::NotRunning, 30000);
        QCOMPARE(second.proc.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.proc.exitCode(), 0);
        QVERIFY(QString::fromLocal8Bit(second.proc.readAllStandardError()).contains(QStringLiteral("already running")));
    }

    // Two real apps: the second leaves, the first is told and keeps running.
    // Then the first is killed; its lock goes with it and a new start is the
    // app, although its socket file was left behind.
    void realAppsAndAKilledFirst()
    {
        const QString rt = runtimeDir("rt2");
        const QString home = m_tmp.filePath(QStringLiteral("home2"));
        AppProcess first;
        first.proc.setProcessEnvironment(appEnvironment(home, rt));
        first.proc.start(QStringLiteral(TAPEDECK_BIN), QStringList());
        QVERIFY(first.proc.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(rt + QStringLiteral("/tapedeck.socket")), 60000);

        AppProcess second;
        second.proc.setProcessEnvironment(appEnvironment(home, rt));
        second.proc.start(QStringLiteral(TAPEDECK_BIN), {home});
        QVERIFY(second.proc.waitForStarted(10000));
        QVERIFY(second.proc.waitForFinished(30000));
        QCOMPARE(second.proc.exitCode(), 0);
        QString firstErr;
        QTRY_VERIFY_WITH_TIMEOUT((firstErr += QString::fromLocal8Bit(first.proc.readAllStandardError()))
                                     .contains(QStringLiteral("handed over 1 item")),
                                 30000);
        QCOMPARE(first.proc.state(), QProcess::Running);

        ::kill(pid_t(first.proc.processId()), SIGKILL);
        QVERIFY(first.proc.waitForFinished(10000));
        QVERIFY(QFile::exists(rt + QStringLiteral("/tapedeck.socket"))); // left behind by the kill
        SingleInstance next(rt);
        QCOMPARE(next.claim(), SingleInstance::Role::Primary);
    }

    // What the running window does with what it is handed.
    void windowRoutesArguments()
    {
        Settings settings(m_tmp.filePath(QStringLiteral("route.ini")));
        Engine engine;
        MemorySecretStore secrets;
        MainWindow window(settings, engine, secrets);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy recovery(&window, &MainWindow::recoveryRequested);

        // A folder goes to the recovery wizard.
        const QString folder = m_tmp.filePath(QStringLiteral("orphans"));
        QDir().mkpath(folder);
        window.openArguments({folder});
        QCOMPARE(recovery.count(), 1);
        QCOMPARE(recovery.at(0).at(0).toStringList(), QStringList({folder}));

        // A stream URL opens the source dialog with the address filled in.
        window.openArguments({QStringLiteral("rtsp://127.0.0.1:8554/cam")});
        SourceDialog *dialog = window.findChild<SourceDialog *>(QStringLiteral("sourceDialog"));
        QVERIFY(dialog);
        auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("sourceUrlEdit"));
        QVERIFY(url);
        QCOMPARE(url->text(), QStringLiteral("rtsp://127.0.0.1:8554/cam"));
        dialog->reject();
        QCOMPARE(recovery.count(), 1);

        // A finished recording plays instead of being offered for recovery.
        const QString rec = m_tmp.filePath(QStringLiteral("done"));
        QProcess cli;
        cli.start(QStringLiteral(TAPEDECK_BIN),
                  {QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"), QStringLiteral("mp4"),
                   QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--out"), rec});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        window.openArguments({rec + QStringLiteral(".mp4")});
        QCOMPARE(recovery.count(), 1);
        QVERIFY(window.findChild<PlayerDialog *>());
    }
};

QTEST_MAIN(TestSingleInstance)
#include "tst_single_instance.moc"
