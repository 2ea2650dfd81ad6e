// "Keep recording whenever live" through the real main window, offscreen,
// widgets found by objectName: armed for good against nginx-rtmp, a source
// published twice by ffmpeg is recorded twice, the card says it waits and how
// often it recorded, lists the files, and Stop ends it with both files kept.

#include "TestSupport.h"
#include "core/app/Settings.h"
#include "core/record/Engine.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/SecretStore.h"
#include "ui/SourceStore.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QProcess>
#include <QScreen>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tapedeck;
using namespace tapedeck::ui;

namespace {

template<class T> T *child(QObject *parent, const char *name)
{
    T *w = parent ? parent->findChild<T *>(QLatin1String(name)) : nullptr;
    if (!w)
        qFatal("no child \"%s\" of type %s", name, T::staticMetaObject.className());
    return w;
}

RecordState cardState(RecordingCard *card)
{
    return RecordState(child<QLabel>(card, "stateLabel")->property("recordState").toInt());
}

QString cardLine(RecordingCard *card, const char *name) { return child<QLabel>(card, name)->text(); }

// TAPEDECK_SCREENSHOTS=DIR (under Xvfb with a window manager and
// QT_QPA_PLATFORM=xcb): the window fills the screen and each step is saved
// as DIR/NAME-WIDTH.png (`import -window root`, frames included).
void snap(const QString &name)
{
    const QString dir = qEnvironmentVariable("TAPEDECK_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QTest::qWait(800); // let the window manager and the repaint settle
    const QSize screen = QGuiApplication::primaryScreen()->size();
    QProcess::execute(QStringLiteral("import"),
                      {QStringLiteral("-window"), QStringLiteral("root"),
                       QStringLiteral("%1/%2-%3.png").arg(dir, name).arg(screen.width())});
}

} // namespace

class TestWheneverLiveGui : public QObject {
    Q_OBJECT
private slots:
    void keepRecordingWheneverLive()
    {
        TAPEDECK_REQUIRE_TOOL("nginx");
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        testsupport::NginxRtmp nginx;
        QString error;
        if (!nginx.start(&error)) {
            if (testsupport::inCi())
                QFAIL(qPrintable(error));
            QSKIP(qPrintable(error));
        }
        QTemporaryDir tmp;
        const QString folder = tmp.filePath(QStringLiteral("rec"));
        Settings settings(tmp.filePath(QStringLiteral("settings.ini")));
        settings.setValue(SettingKey::RecordingsFolder, folder);
        settings.setValue(SettingKey::DiskReserveMb, 1);
        settings.setValue(SettingKey::StallTimeoutMs, 3000);
        settings.sync();
        Engine engine;
        MemorySecretStore secrets;
        MainWindow window(settings, engine, secrets);
        if (qEnvironmentVariableIsSet("TAPEDECK_SCREENSHOTS"))
            window.showMaximized();
        else
            window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const QString url = nginx.url(QStringLiteral("gui_alive"));
        window.sources()->addNamed(QStringLiteral("Studio"), url);
        auto *list = child<QListWidget>(&window, "sourceList");
        const QList<QListWidgetItem *> items = list->findItems(QStringLiteral("Studio"), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(items.first()).center());
        auto *format = child<QComboBox>(&window, "formatCombo");
        format->setCurrentIndex(format->findData(QStringLiteral("mp4")));
        child<QSpinBox>(&window, "chunkSpin")->setValue(0);
        auto *folderEdit = child<QLineEdit>(&window, "folderEdit");
        folderEdit->selectAll();
        QTest::keyClicks(folderEdit, folder);

        // The check box and the menu entry are one choice.
        auto *keep = child<QCheckBox>(&window, "keepArmedCheck");
        auto *keepAction = child<QAction>(&window, "actionKeepArmed");
        QVERIFY(keep->isVisible());
        QVERIFY(!keep->isChecked() && !keepAction->isChecked());
        QTest::mouseClick(keep, Qt::LeftButton, {}, QPoint(8, keep->height() / 2));
        QVERIFY(keep->isChecked());
        QVERIFY(keepAction->isChecked());

        QTest::mouseClick(child<QPushButton>(&window, "armButton"), Qt::LeftButton);
        RecordingCard *card = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(!engine.ids().empty() && (card = window.activeView()->card(engine.ids().back())),
                                 15000);
        QCOMPARE(engine.session(card->id())->params().startMode, StartMode::WheneverLive);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Waiting, 10000);
        QCOMPARE(cardLine(card, "stateLabel"),
                 QStringLiteral("Waiting for the stream (records it every time it is live)"));

        for (int time = 1; time <= 2; ++time) {
            testsupport::FfmpegPublisher publisher(url, QStringLiteral("flv"), 8);
            QVERIFY(publisher.start());
            QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Recording, 30000);
            if (time == 2) {
                QCOMPARE(cardLine(card, "stateLabel"), QStringLiteral("Recording (take 2)"));
                snap(QStringLiteral("whenever-live-recording-take2"));
            }
            QVERIFY(publisher.waitFinished(60000));
            // Gone: the take's file is closed and the card waits again.
            QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Waiting, 60000);
            const QString recorded =
                time == 1 ? QStringLiteral("recorded once") : QStringLiteral("recorded %1 times").arg(time);
            QTRY_COMPARE_WITH_TIMEOUT(cardLine(card, "stateLabel"),
                                      QStringLiteral("Waiting for the stream (%1)").arg(recorded), 60000);
            QTRY_VERIFY(child<QLabel>(card, "takeFilesLabel")->isVisible());
            QVERIFY2(cardLine(card, "takeFilesLabel")
                         .remove(QChar(0x200B))
                         .contains(QStringLiteral("take%1.mp4").arg(time, 3, 10, QLatin1Char('0'))),
                     qPrintable(cardLine(card, "takeFilesLabel")));
            QCOMPARE(child<QPushButton>(card, "cardStopButton")->text(), QStringLiteral("Stop"));
            snap(QStringLiteral("whenever-live-waiting-%1").arg(time));
        }

        QTest::mouseClick(child<QPushButton>(card, "cardStopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 30000);
        const QStringList files = QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
        QCOMPARE(files.size(), 2);
        for (const QString &f : files) {
            QVERIFY2(f.endsWith(QStringLiteral(".mp4")), qPrintable(f));
            const QString path = QDir(folder).filePath(f);
            QCOMPARE(testsupport::ffmpegDecodeErrors(path), QString());
            QVERIFY(testsupport::ffprobeDuration(path) > 1.0);
        }
    }
};

QTEST_MAIN(TestWheneverLiveGui)
#include "tst_whenever_live.moc"
